// A group's meetings for the people who run it: the list (made from the schedule on first
// look), moving one, cancelling and restoring, and extra meetings. Facilitators of that group
// and admins only (meeting-access.ts); archived cohorts refuse every change.
import type { Prisma } from '@/generated/prisma/client';
import { parseIsoDate, zonedDateTimeToInstant } from '@/lib/cohort-calendar';
import { toZonedClock } from '@/lib/meeting-format';
import {
  addExtraMeetingInput,
  groupInput,
  meetingInput,
  moveMeetingInput,
  type AddExtraMeetingInput,
  type MoveMeetingInput,
} from '@/lib/schemas/attendance';
import { AppError, outOfReach } from '@/server/errors';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { applyMeetingPlan, ensureGroupMeetings, planGroupMeetings } from './ensure-group-meetings';
import { isEmptyPlan } from './plan-meeting-changes';
import { findManagedGroup, findManagedMeeting, GROUP_NOT_FOUND, managedGroupsWhere } from './meeting-access';
import { labelWeeks, unitSelect } from './meeting-labels';
import { groupScheduleSelect } from '@/server/services/groups/group-select';
import { getCurriculumTree } from '@/server/services/curricula/curriculum-tree-cache';
import { nowOf, type CohortContext, type Db } from '@/server/services/context';
import { meetingSelect } from './meeting-select';
import { queueMeetingChangeNotices } from '@/server/services/notifications/meeting-notices';

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 };


/** For a page: the zone and status came with the caller's access, the weeks from the shared tree (ADR 0033). */
async function cohortClockOf(db: Db, access: CohortContext['access']) {
  if (!access.cohort) return loadCohortClock(db, access.cohortId);
  const tree = await getCurriculumTree(db, access.cohort.curriculum);
  return { timeZone: access.cohort.timeZone, status: access.cohort.status, curriculum: { weeks: tree?.weeks ?? [] } };
}

async function loadCohortClock(client: Prisma.TransactionClient | Db, cohortId: string) {
  return client.cohort.findUniqueOrThrow({
    where: { id: cohortId },
    select: { timeZone: true, status: true, curriculum: { select: { weeks: { orderBy: { position: 'asc' }, select: unitSelect } } } },
  });
}

/** The instant a wall-clock date and time in the cohort's zone stand for. */
function toInstant(date: string, time: string, timeZone: string): Date {
  const day = parseIsoDate(date);
  const instant = day ? zonedDateTimeToInstant(day, time, timeZone) : null;
  if (!instant) throw new AppError('BAD_REQUEST', 'Enter the date as YYYY-MM-DD and the time as HH:MM.');
  return instant;
}

/** The groups whose meetings and attendance the caller runs: all for admins, their own for facilitators. */
export async function listAttendanceGroups(ctx: CohortContext) {
  const { db, access } = ctx;
  const groups = await db.discussionGroup.findMany({
    where: managedGroupsWhere(access),
    orderBy: { name: 'asc' },
    select: {
      ...groupScheduleSelect,
      _count: { select: { members: { where: { role: 'FELLOW' } } } },
    },
  });
  return groups.map(({ _count, ...group }) => ({ ...group, fellowCount: _count.members }));
}

export type AttendanceGroup = Awaited<ReturnType<typeof listAttendanceGroups>>[number];

/**
 * The group's meetings in time order, made from its schedule first, with each one's wall-clock
 * date and time in the cohort's zone and how many fellows are marked. `defaultMeetingId`: the
 * latest meeting that has begun, else the next one (cancelled ones only when nothing else is).
 */
export async function listGroupMeetings(ctx: CohortContext, rawInput: { groupId: string }) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  const { groupId } = groupInput.parse(rawInput);
  // A page's access carries the cohort's calendar, and the weeks come from the shared tree, so
  // the group, its meetings, its fellow count and whom a meeting can be handed to come in one
  // read, which also decides whether the meetings follow the schedule (ADR 0033). Otherwise
  // (an access built by hand) the reconciliation reads for itself first.
  if (!access.cohort) {
    await findManagedGroup(db, access, groupId, { toRead: true });
    await ensureGroupMeetings(db, groupId, now);
  }
  const cohort = await cohortClockOf(db, access);
  let read = await readGroupMeetings(db, access, groupId);
  if (access.cohort) {
    const { meetings, ...group } = read;
    const plan = planGroupMeetings({ group, cohort: access.cohort, weeks: cohort.curriculum.weeks, meetings }, now);
    if (plan && !isEmptyPlan(plan)) {
      await applyMeetingPlan(db, groupId, plan, now);
      read = await readGroupMeetings(db, access, groupId);
    }
  }
  const { meetingDay, meetingTime, meetings, _count: counts, cohort: withFacilitators, ...group } = read;
  const weekLabel = labelWeeks(cohort.curriculum.weeks);
  const rows = meetings.map(({ _count, ...meeting }) => ({
    ...meeting,
    weekLabel: weekLabel(meeting.weekPosition),
    local: toZonedClock(meeting.startsAt, cohort.timeZone),
    markedCount: _count.attendance,
  }));
  const held = rows.filter((meeting) => !meeting.cancelledAt);
  const started = held.filter((meeting) => meeting.startsAt.getTime() <= now.getTime());
  const next = held.find((meeting) => meeting.startsAt.getTime() > now.getTime());
  return {
    group: { id: group.id, name: group.name, hasSchedule: meetingDay !== null && Boolean(meetingTime) },
    timeZone: cohort.timeZone,
    archived: cohort.status === 'ARCHIVED',
    fellowCount: counts.members,
    units: cohort.curriculum.weeks.map((unit) => ({ position: unit.position, label: weekLabel(unit.position)! })),
    meetings: rows,
    facilitators: withFacilitators.memberships.map((f) => ({ membershipId: f.id, name: f.user.name ?? f.user.email })),
    defaultMeetingId: (started.at(-1) ?? next ?? rows.at(-1))?.id ?? null,
  };
}

/**
 * A group the caller manages (or has a meeting handed to them in), with its schedule, its
 * meetings in time order with how many fellows are marked, its fellow count, and the cohort's
 * facilitators (whom a meeting can be handed over to): one statement.
 */
async function readGroupMeetings(db: Db, access: CohortContext['access'], groupId: string) {
  const group = await db.discussionGroup.findFirst({
    where: { AND: [{ id: groupId }, managedGroupsWhere(access)] },
    select: {
      ...groupScheduleSelect,
      _count: { select: { members: { where: { role: 'FELLOW', leftAt: null } } } },
      meetings: { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], select: { ...meetingSelect, handedToId: true, _count: { select: { attendance: true } } } },
      cohort: {
        select: {
          memberships: { where: { role: 'FACILITATOR', leftAt: null }, orderBy: { user: { name: 'asc' } }, select: { id: true, user: { select: { name: true, email: true } } } },
        },
      },
    },
  });
  if (!group) throw outOfReach(GROUP_NOT_FOUND);
  return group;
}

export type GroupMeetings = Awaited<ReturnType<typeof listGroupMeetings>>;
export type GroupMeeting = GroupMeetings['meetings'][number];

/** A new time, length or place; the schedule no longer moves it afterwards. */
export async function moveMeeting(ctx: CohortContext, rawInput: MoveMeetingInput) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  const input = moveMeetingInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const before = await findManagedMeeting(tx, access, input.meetingId);
    const { timeZone } = await loadCohortClock(tx, access.cohortId);
    const moved = await tx.meeting.update({
      where: { id: input.meetingId },
      data: {
        startsAt: toInstant(input.date, input.time, timeZone),
        minutes: input.minutes,
        location: input.location,
        videoUrl: input.videoUrl,
        movedAt: now,
      },
      select: meetingSelect,
    });
    const changed =
      moved.startsAt.getTime() !== before.startsAt.getTime() ||
      moved.minutes !== before.minutes ||
      (moved.location ?? null) !== (before.location ?? null) ||
      (moved.videoUrl ?? null) !== (before.videoUrl ?? null);
    if (changed && !moved.cancelledAt) await queueMeetingChangeNotices(tx, { meetingId: moved.id, change: 'moved', previousStartsAt: before.startsAt, now });
    return moved;
  }, TRANSACTION_OPTIONS);
}

async function setCancelled(ctx: CohortContext, rawInput: { meetingId: string }, cancelledAt: Date | null) {
  const { db, access } = ctx;
  const { meetingId } = meetingInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const meeting = await findManagedMeeting(tx, access, meetingId);
    // Cancelling twice keeps the first time; restoring an uncancelled meeting changes nothing.
    if (Boolean(meeting.cancelledAt) === Boolean(cancelledAt)) {
      return tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: meetingSelect });
    }
    const updated = await tx.meeting.update({ where: { id: meetingId }, data: { cancelledAt }, select: meetingSelect });
    await queueMeetingChangeNotices(tx, { meetingId, change: cancelledAt ? 'cancelled' : 'restored', previousStartsAt: null, now: nowOf(ctx) });
    return updated;
  }, TRANSACTION_OPTIONS);
}

/** Cancelled meetings stay in the list (marked so) and take no attendance; the marks they had stay. */
export function cancelMeeting(ctx: CohortContext, input: { meetingId: string }) {
  return setCancelled(ctx, input, nowOf(ctx));
}

export function restoreMeeting(ctx: CohortContext, input: { meetingId: string }) {
  return setCancelled(ctx, input, null);
}

/** A meeting outside the schedule (a catch-up, a social): the schedule never moves or removes it. */
export async function addExtraMeeting(ctx: CohortContext, rawInput: AddExtraMeetingInput) {
  const { db, access } = ctx;
  const input = addExtraMeetingInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    await findManagedGroup(tx, access, input.groupId);
    const cohort = await loadCohortClock(tx, access.cohortId);
    const weekPosition = input.weekPosition ?? null;
    if (weekPosition !== null && !cohort.curriculum.weeks.some((unit) => unit.position === weekPosition)) {
      throw new AppError('BAD_REQUEST', 'That week is not in this cohort’s syllabus. Pick one from the list.', [
        { path: 'weekPosition', message: 'Pick a week of the syllabus, or none.' },
      ]);
    }
    const added = await tx.meeting.create({
      data: {
        groupId: input.groupId,
        regular: false,
        weekPosition,
        startsAt: toInstant(input.date, input.time, cohort.timeZone),
        minutes: input.minutes,
        location: input.location ?? null,
        videoUrl: input.videoUrl ?? null,
      },
      select: meetingSelect,
    });
    await queueMeetingChangeNotices(tx, { meetingId: added.id, change: 'added', previousStartsAt: null, now: nowOf(ctx) });
    return added;
  }, TRANSACTION_OPTIONS);
}
