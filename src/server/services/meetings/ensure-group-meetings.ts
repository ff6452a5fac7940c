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
  // Archived cohorts are read-only: what they have is what they keep.
  if (!group || group.cohort.status === 'ARCHIVED') return null;
  const { cohort } = group;
  const weeks = cohort.curriculum.weeks;
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
  const existing = group.meetings.map(({ _count, weekPosition, ...meeting }) => ({
    ...meeting,
    weekPosition: weekPosition!,
    hasAttendance: _count.attendance > 0,
  }));
  return planMeetingChanges(existing, slots, now);
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
  const plan = await loadPlan(db, groupId, now);
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
