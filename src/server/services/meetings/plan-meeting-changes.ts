// What it takes to bring a group's regular meetings in line with its schedule: pure, so the
// rules can be read (and tested) apart from the locking around them.
//
// Meetings pair with schedule slots by syllabus unit (weekPosition) and, within a unit that
// spans weeks, by time: a meeting nobody moved keeps its own slot, or the nearest free one
// (so a facilitator who moves a unit's first meeting past its second does not make the second
// jump back into the first one's place); moved meetings hold the slots left. A paired meeting follows its slot only while it is still ahead and
// nobody moved it by hand: past meetings are history, and a hand-made change wins over the
// schedule. A cancelled meeting stays cancelled, though its time follows the schedule.

export type MeetingSlot = {
  weekPosition: number;
  startsAt: Date;
  minutes: number;
  location: string | null;
  videoUrl: string | null;
};

export type ExistingRegularMeeting = MeetingSlot & {
  id: string;
  movedAt: Date | null;
  cancelledAt: Date | null;
  hasAttendance: boolean;
};

export type MeetingPlan = {
  create: MeetingSlot[];
  update: { id: string; slot: MeetingSlot }[];
  /** Meetings ahead whose slot is gone, never touched and with no marks. */
  remove: string[];
};

function byWeekThenTime<T extends { weekPosition: number; startsAt: Date }>(rows: T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of [...rows].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const list = grouped.get(row.weekPosition) ?? [];
    list.push(row);
    grouped.set(row.weekPosition, list);
  }
  return grouped;
}

function differs(meeting: MeetingSlot, slot: MeetingSlot): boolean {
  return (
    meeting.startsAt.getTime() !== slot.startsAt.getTime() ||
    meeting.minutes !== slot.minutes ||
    meeting.location !== slot.location ||
    meeting.videoUrl !== slot.videoUrl
  );
}

/**
 * One unit's meetings against its slots: slot index → meeting, and the meetings left over.
 * A meeting nobody moved keeps the slot it sits on, or else takes the nearest free one (a
 * schedule moved by an hour or a day); moved meetings, which the schedule never changes,
 * hold the slots left.
 */
function pairWithSlots(meetings: ExistingRegularMeeting[], slots: MeetingSlot[]) {
  const pairs = new Map<number, ExistingRegularMeeting>();
  const unpaired: ExistingRegularMeeting[] = [];
  const freeSlots = () => slots.map((_slot, index) => index).filter((index) => !pairs.has(index));
  const distance = (index: number, meeting: ExistingRegularMeeting) => Math.abs(slots[index]!.startsAt.getTime() - meeting.startsAt.getTime());
  const offTheirSlot: ExistingRegularMeeting[] = [];
  for (const meeting of meetings.filter((each) => !each.movedAt)) {
    const onSlot = freeSlots().find((free) => distance(free, meeting) === 0);
    if (onSlot === undefined) offTheirSlot.push(meeting);
    else pairs.set(onSlot, meeting);
  }
  for (const meeting of offTheirSlot) {
    const nearest = freeSlots().sort((a, b) => distance(a, meeting) - distance(b, meeting))[0];
    if (nearest === undefined) unpaired.push(meeting);
    else pairs.set(nearest, meeting);
  }
  for (const meeting of meetings.filter((each) => each.movedAt)) {
    const [first] = freeSlots();
    if (first === undefined) unpaired.push(meeting);
    else pairs.set(first, meeting);
  }
  return { pairs, unpaired };
}

export function planMeetingChanges(existing: ExistingRegularMeeting[], slots: MeetingSlot[], now: Date): MeetingPlan {
  const plan: MeetingPlan = { create: [], update: [], remove: [] };
  const meetingsByWeek = byWeekThenTime(existing);
  const slotsByWeek = byWeekThenTime(slots);
  const isAhead = (meeting: ExistingRegularMeeting) => meeting.startsAt.getTime() > now.getTime();

  for (const [weekPosition, weekSlots] of slotsByWeek) {
    const { pairs, unpaired } = pairWithSlots(meetingsByWeek.get(weekPosition) ?? [], weekSlots);
    weekSlots.forEach((slot, index) => {
      const meeting = pairs.get(index);
      if (!meeting) plan.create.push(slot);
      else if (!meeting.movedAt && isAhead(meeting) && differs(meeting, slot)) plan.update.push({ id: meeting.id, slot });
    });
    meetingsByWeek.set(weekPosition, unpaired);
  }
  // What is left: meetings of units that lost weeks, or that the syllabus no longer has.
  for (const meetings of meetingsByWeek.values()) {
    for (const meeting of meetings) {
      if (!meeting.movedAt && !meeting.cancelledAt && !meeting.hasAttendance && isAhead(meeting)) plan.remove.push(meeting.id);
    }
  }
  return plan;
}

export function isEmptyPlan(plan: MeetingPlan): boolean {
  return plan.create.length === 0 && plan.update.length === 0 && plan.remove.length === 0;
}
