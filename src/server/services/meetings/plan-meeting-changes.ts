// What it takes to bring a group's regular meetings in line with its schedule: pure, so the
// rules can be read (and tested) apart from the locking around them.
//
// Meetings pair with schedule slots by syllabus unit (weekPosition) and, within a unit that
// spans weeks, by order. A paired meeting follows its slot only while it is still ahead and
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

export function planMeetingChanges(existing: ExistingRegularMeeting[], slots: MeetingSlot[], now: Date): MeetingPlan {
  const plan: MeetingPlan = { create: [], update: [], remove: [] };
  const meetingsByWeek = byWeekThenTime(existing);
  const slotsByWeek = byWeekThenTime(slots);
  const isAhead = (meeting: ExistingRegularMeeting) => meeting.startsAt.getTime() > now.getTime();

  for (const [weekPosition, weekSlots] of slotsByWeek) {
    const meetings = meetingsByWeek.get(weekPosition) ?? [];
    weekSlots.forEach((slot, index) => {
      const meeting = meetings[index];
      if (!meeting) plan.create.push(slot);
      else if (!meeting.movedAt && isAhead(meeting) && differs(meeting, slot)) plan.update.push({ id: meeting.id, slot });
    });
  }
  for (const [weekPosition, meetings] of meetingsByWeek) {
    const slotCount = slotsByWeek.get(weekPosition)?.length ?? 0;
    for (const meeting of meetings.slice(slotCount)) {
      if (!meeting.movedAt && !meeting.cancelledAt && !meeting.hasAttendance && isAhead(meeting)) plan.remove.push(meeting.id);
    }
  }
  return plan;
}

export function isEmptyPlan(plan: MeetingPlan): boolean {
  return plan.create.length === 0 && plan.update.length === 0 && plan.remove.length === 0;
}
