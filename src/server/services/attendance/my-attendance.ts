// A fellow's own attendance: every meeting of their group with its date and their mark. Only
// their own membership is read, so nobody sees anyone else's record here; facilitators' notes
// stay with the facilitators.
import { countsAsAttended } from '@/lib/meeting-format';
import { ensureGroupMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { labelWeeks, unitSelect } from '@/server/services/meetings/meeting-labels';
import { nowOf, type CohortContext } from '@/server/services/context';

/** Null when the caller is not a fellow of the cohort (an admin, a facilitator). */
export async function getMyAttendance(ctx: CohortContext) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  if (!access.membershipId) return null;
  const membership = await db.membership.findFirst({
    where: { id: access.membershipId, cohortId: access.cohortId, role: 'FELLOW' },
    select: {
      id: true,
      group: { select: { id: true, name: true } },
      cohort: { select: { timeZone: true, curriculum: { select: { weeks: { orderBy: { position: 'asc' }, select: unitSelect } } } } },
    },
  });
  if (!membership) return null;
  const { group, cohort } = membership;
  if (group) await ensureGroupMeetings(db, group.id, now);
  const meetings = group
    ? await db.meeting.findMany({
        where: { groupId: group.id },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          weekPosition: true,
          regular: true,
          startsAt: true,
          minutes: true,
          cancelledAt: true,
          attendance: { where: { membershipId: membership.id }, select: { status: true } },
        },
      })
    : [];
  const weekLabel = labelWeeks(cohort.curriculum.weeks);
  const rows = meetings.map(({ attendance, cancelledAt, ...meeting }) => ({
    ...meeting,
    weekLabel: weekLabel(meeting.weekPosition),
    cancelled: Boolean(cancelledAt),
    started: meeting.startsAt.getTime() <= now.getTime(),
    status: attendance[0]?.status ?? null,
  }));
  const held = rows.filter((row) => row.started && !row.cancelled);
  return {
    group,
    timeZone: cohort.timeZone,
    meetings: rows,
    summary: {
      /** Meetings that have begun and were not cancelled. */
      held: held.length,
      attended: held.filter((row) => countsAsAttended(row.status)).length,
      late: held.filter((row) => row.status === 'LATE').length,
      excused: held.filter((row) => row.status === 'EXCUSED').length,
      absent: held.filter((row) => row.status === 'ABSENT').length,
      unmarked: held.filter((row) => row.status === null).length,
    },
  };
}

export type MyAttendance = NonNullable<Awaited<ReturnType<typeof getMyAttendance>>>;
