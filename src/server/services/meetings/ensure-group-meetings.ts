// A group's regular meetings as rows: one per syllabus week the group meets in (the cohort
// calendar's meeting dates, around skipped weeks, at the cohort's cadence and in its time
// zone), so attendance has something to hang on and a meeting can be moved or cancelled.
//
// Materialised lazily, when someone looks at them, and reconciled each time: the schedule may
// have changed since (plan-meeting-changes.ts says what follows it). Two calls at once must
// not both insert the same week, and there is no unique key to lean on (a unit spanning two
// weeks has two meetings), so the group's row is locked for the reconciliation: the second
// caller waits, then sees the first one's rows. FOR NO KEY UPDATE, not FOR UPDATE: it still
// excludes another reconciliation, but leaves inserts that merely point at the group alone.
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { buildCohortCalendar, listMeetingDates } from '@/lib/cohort-calendar';
import { isEmptyPlan, planMeetingChanges, type MeetingPlan, type MeetingSlot } from './plan-meeting-changes';
import { meetingSelect } from './meeting-select';

type Reader = PrismaClient | Prisma.TransactionClient;

export type MeetingSync = { created: number; updated: number; removed: number };

const NOTHING: MeetingSync = { created: 0, updated: 0, removed: 0 };

/** What the reconciliation needs to know: the group's schedule, its cohort's calendar and its regular meetings. */
export type MeetingPlanInputs = {
  group: { meetingDay: number | null; meetingTime: string | null; meetingMinutes: number; location: string | null; videoUrl: string | null };
  cohort: { status: string; startDate: Date; timeZone: string; skippedWeeks: number[]; meetingCadenceWeeks: number };
  weeks: readonly { position: number; span: number }[];
  /** The group's meetings (regular ones count), each with how many marks it has. */
  meetings: readonly (MeetingRow & { _count: { attendance: number } })[];
};
type MeetingRow = Prisma.MeetingGetPayload<{ select: typeof meetingSelect }>;

/**
 * The changes that bring the group's regular meetings in line with its schedule; null for an
 * archived cohort (read-only: what it has is what it keeps). A pure function of what was read,
 * so a page that has read all of it already (listGroupMeetings) decides without a read.
 */
export function planGroupMeetings({ group, cohort, weeks, meetings }: MeetingPlanInputs, now: Date): MeetingPlan | null {
  if (cohort.status === 'ARCHIVED') return null;
  const slots: MeetingSlot[] = [];
  // Without a day and a time there is no moment to put a meeting at: none are made.
  if (group.meetingDay !== null && group.meetingTime) {
    const calendar = buildCohortCalendar(cohort, weeks);
    for (const date of listMeetingDates(calendar, group, cohort.meetingCadenceWeeks, cohort.timeZone)) {
      if (!date.startsAt) continue;
      slots.push({
        weekPosition: weeks[date.unitIndex]!.position,
        startsAt: date.startsAt,
        minutes: group.meetingMinutes,
        location: group.location,
        videoUrl: group.videoUrl,
      });
    }
  }
  const existing = meetings.flatMap(({ _count, weekPosition, ...meeting }) =>
    meeting.regular && weekPosition !== null ? [{ ...meeting, weekPosition, hasAttendance: _count.attendance > 0 }] : [],
  );
  return planMeetingChanges(existing, slots, now);
}

async function loadPlan(client: Reader, groupId: string, now: Date): Promise<MeetingPlan | null> {
  const group = await client.discussionGroup.findUnique({
    where: { id: groupId },
    select: {
      meetingDay: true,
      meetingTime: true,
      meetingMinutes: true,
      location: true,
      videoUrl: true,
      cohort: {
        select: {
          status: true,
          startDate: true,
          timeZone: true,
          skippedWeeks: true,
          meetingCadenceWeeks: true,
          curriculum: { select: { weeks: { orderBy: { position: 'asc' }, select: { position: true, span: true } } } },
        },
      },
      meetings: {
        where: { regular: true, weekPosition: { not: null } },
        select: { ...meetingSelect, _count: { select: { attendance: true } } },
      },
    },
  });
  if (!group) return null;
  const { cohort, meetings, ...schedule } = group;
  return planGroupMeetings({ group: schedule, cohort, weeks: cohort.curriculum.weeks, meetings }, now);
}

/**
 * Reconciles inside the caller's transaction (the demo seeding, or ensureGroupMeetings):
 * locks the group's row first, so concurrent callers take turns.
 */
export async function syncGroupMeetings(tx: Prisma.TransactionClient, groupId: string, now: Date = new Date()): Promise<MeetingSync> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "DiscussionGroup" WHERE "id" = ${groupId} FOR NO KEY UPDATE`;
  if (locked.length === 0) return NOTHING;
  const plan = await loadPlan(tx, groupId, now);
  if (!plan || isEmptyPlan(plan)) return NOTHING;
  if (plan.create.length > 0) {
    await tx.meeting.createMany({ data: plan.create.map((slot) => ({ groupId, regular: true, ...slot })) });
  }
  for (const { id, slot } of plan.update) {
    await tx.meeting.update({ where: { id }, data: slot, select: { id: true } });
  }
  if (plan.remove.length > 0) {
    await tx.meeting.deleteMany({ where: { id: { in: plan.remove }, groupId } });
  }
  return { created: plan.create.length, updated: plan.update.length, removed: plan.remove.length };
}

/**
 * Makes the group's regular meetings match its schedule. Idempotent, and safe to call from
 * several requests at once. A look without the lock first: almost always nothing is to do,
 * and then no transaction is opened.
 */
export async function ensureGroupMeetings(db: PrismaClient, groupId: string, now: Date = new Date()): Promise<MeetingSync> {
  return applyMeetingPlan(db, groupId, await loadPlan(db, groupId, now), now);
}

/**
 * After a look without the lock (loadPlan, or a caller's own read through planGroupMeetings):
 * nothing to do opens no transaction; otherwise the reconciliation runs under the group's lock,
 * planning again from what it reads there.
 */
export async function applyMeetingPlan(db: PrismaClient, groupId: string, plan: MeetingPlan | null, now: Date): Promise<MeetingSync> {
  if (!plan || isEmptyPlan(plan)) return NOTHING;
  return db.$transaction((tx) => syncGroupMeetings(tx, groupId, now), { maxWait: 10_000, timeout: 30_000 });
}

/** Every group of a cohort: for views across groups (progress, exports, at-risk lists). */
export async function ensureCohortMeetings(db: PrismaClient, cohortId: string, now: Date = new Date()): Promise<MeetingSync> {
  const groups = await db.discussionGroup.findMany({ where: { cohortId }, select: { id: true } });
  const total = { ...NOTHING };
  for (const group of groups) {
    const sync = await ensureGroupMeetings(db, group.id, now);
    total.created += sync.created;
    total.updated += sync.updated;
    total.removed += sync.removed;
  }
  return total;
}
