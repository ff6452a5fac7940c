// The attendance sheet of one meeting and its audit log, for the facilitators of its group and
// admins. Each row carries `version` (its last change, in ms) so a client that refetches can
// tell whose mark moved under it.
import { meetingInput } from '@/lib/schemas/attendance';
import { assertManagesMeeting, managedMeetingSelect } from '@/server/services/meetings/meeting-access';
import { displayName } from '@/lib/format';
import type { CohortContext, Db } from '@/server/services/context';

const CHANGES_SHOWN = 200;

async function namesOf(db: Db, userIds: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((user) => [user.id, displayName(user)]));
}

export async function getAttendanceSheet(ctx: CohortContext, rawInput: { meetingId: string }) {
  const { db, access } = ctx;
  const { meetingId } = meetingInput.parse(rawInput);
  // The meeting with its marks, and the fellows, in two statements.
  const [found, fellows] = await Promise.all([
    db.meeting.findFirst({
      where: { id: meetingId, group: { cohortId: access.cohortId } },
      select: { ...managedMeetingSelect, attendance: { select: { membershipId: true, status: true, note: true, updatedAt: true, updatedById: true } } },
    }),
    db.membership.findMany({
      where: {
        cohortId: access.cohortId,
        role: 'FELLOW',
        leftAt: null,
        // The group's fellows, and guests from other groups approved for this one meeting.
        // (The group by its meeting, so both reads go at once; nothing is returned unless the caller runs the meeting.)
        OR: [{ group: { meetings: { some: { id: meetingId } } } }, { switchRequests: { some: { meetingId, status: 'APPROVED', scope: 'ONE_WEEK' } } }],
      },
      orderBy: [{ user: { name: 'asc' } }, { user: { email: 'asc' } }],
      select: { id: true, groupId: true, user: { select: { name: true, email: true } } },
    }),
  ]);
  const { attendance: marks, ...meeting } = assertManagesMeeting(access, found);
  const markOf = new Map(marks.map((mark) => [mark.membershipId, mark]));
  const changers = await namesOf(db, marks.map((mark) => mark.updatedById));
  const rows = fellows.map((fellow) => {
    const mark = markOf.get(fellow.id);
    return {
      membershipId: fellow.id,
      name: fellow.groupId === meeting.groupId ? displayName(fellow.user) : `${displayName(fellow.user)} (guest)`,
      email: fellow.user.email,
      status: mark?.status ?? null,
      note: mark?.note ?? null,
      updatedAt: mark?.updatedAt ?? null,
      updatedBy: mark?.updatedById ? (changers.get(mark.updatedById) ?? null) : null,
      version: mark ? mark.updatedAt.getTime() : 0,
    };
  });
  return {
    meetingId,
    groupId: meeting.groupId,
    cancelled: Boolean(meeting.cancelledAt),
    rows,
  };
}

export type AttendanceSheet = Awaited<ReturnType<typeof getAttendanceSheet>>;
export type AttendanceSheetRow = AttendanceSheet['rows'][number];

/** The meeting's changes, newest first: who changed whose mark, when, from what to what. */
export async function listAttendanceChanges(ctx: CohortContext, rawInput: { meetingId: string }) {
  const { db, access } = ctx;
  const { meetingId } = meetingInput.parse(rawInput);
  // The meeting with its changes: one statement.
  const found = await db.meeting.findFirst({
    where: { id: meetingId, group: { cohortId: access.cohortId } },
    select: {
      ...managedMeetingSelect,
      changes: {
        orderBy: [{ changedAt: 'desc' }, { id: 'desc' }],
        take: CHANGES_SHOWN,
        select: {
          id: true,
          membershipId: true,
          fromStatus: true,
          toStatus: true,
          fromNote: true,
          toNote: true,
          changedById: true,
          changedAt: true,
        },
      },
    },
  });
  const { changes } = assertManagesMeeting(access, found);
  // Whose marks changed (former fellows of the group keep their entries: by membership) and who
  // changed them, in one read of the people.
  const membershipIds = [...new Set(changes.map((change) => change.membershipId))];
  const changerIds = [...new Set(changes.flatMap((change) => (change.changedById ? [change.changedById] : [])))];
  const people = changes.length
    ? await db.user.findMany({
        where: { OR: [{ id: { in: changerIds } }, { memberships: { some: { id: { in: membershipIds }, cohortId: access.cohortId } } }] },
        select: { id: true, name: true, email: true, memberships: { where: { id: { in: membershipIds }, cohortId: access.cohortId }, select: { id: true } } },
      })
    : [];
  const fellowName = new Map(people.flatMap((person) => person.memberships.map((membership) => [membership.id, displayName(person)] as const)));
  const changers = new Map(people.filter((person) => changerIds.includes(person.id)).map((person) => [person.id, displayName(person)]));
  return changes.map(({ changedById, ...change }) => ({
    ...change,
    fellowName: fellowName.get(change.membershipId) ?? 'A former member',
    changedBy: changedById ? (changers.get(changedById) ?? 'A removed account') : 'Unknown',
  }));
}

export type AttendanceChangeRow = Awaited<ReturnType<typeof listAttendanceChanges>>[number];
