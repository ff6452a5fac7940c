// The attendance sheet of one meeting and its audit log, for the facilitators of its group and
// admins. Each row carries `version` (its last change, in ms) so a client that refetches can
// tell whose mark moved under it.
import { meetingInput } from '@/lib/schemas/attendance';
import { assertManagesMeeting, managedMeetingSelect } from '@/server/services/meetings/meeting-access';
import { displayName } from '@/lib/format';
import type { AttendanceStatus } from '@/generated/prisma/client';
import type { CohortContext, Db } from '@/server/services/context';

const CHANGES_SHOWN = 200;

const marksSelect = { select: { membershipId: true, status: true, note: true, updatedAt: true, updatedById: true } } as const;
const changesSelect = {
  orderBy: [{ changedAt: 'desc' as const }, { id: 'desc' as const }],
  take: CHANGES_SHOWN,
  select: { id: true, membershipId: true, fromStatus: true, toStatus: true, fromNote: true, toNote: true, changedById: true, changedAt: true },
};

type Mark = { membershipId: string; status: AttendanceStatus; note: string | null; updatedAt: Date; updatedById: string | null };
type Change = { id: string; membershipId: string; fromStatus: AttendanceStatus | null; toStatus: AttendanceStatus | null; fromNote: string | null; toNote: string | null; changedById: string | null; changedAt: Date };
type People = { userName: Map<string, string>; fellowName: Map<string, string> };

/** The fellows at a meeting: its group's, and guests from other groups approved for this one meeting. */
function readMeetingFellows(db: Db, cohortId: string, meetingId: string) {
  return db.membership.findMany({
    where: {
      cohortId,
      role: 'FELLOW',
      leftAt: null,
      // The group by its meeting, so this read goes beside the meeting's; nothing is returned
      // unless the caller runs the meeting.
      OR: [{ group: { meetings: { some: { id: meetingId } } } }, { switchRequests: { some: { meetingId, status: 'APPROVED', scope: 'ONE_WEEK' } } }],
    },
    orderBy: [{ user: { name: 'asc' } }, { user: { email: 'asc' } }],
    select: { id: true, groupId: true, user: { select: { name: true, email: true } } },
  });
}

/**
 * The names a sheet and its log show, in one read of the people: who changed marks (users)
 * and whose marks changed (by membership: former fellows of the group keep their entries).
 */
async function readPeople(db: Db, cohortId: string, userIds: (string | null)[], membershipIds: string[]): Promise<People> {
  const users = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
  const memberships = [...new Set(membershipIds)];
  if (users.length === 0 && memberships.length === 0) return { userName: new Map(), fellowName: new Map() };
  const people = await db.user.findMany({
    where: { OR: [{ id: { in: users } }, ...(memberships.length ? [{ memberships: { some: { id: { in: memberships }, cohortId } } }] : [])] },
    select: { id: true, name: true, email: true, memberships: memberships.length ? { where: { id: { in: memberships }, cohortId }, select: { id: true } } : undefined },
  });
  return {
    userName: new Map(people.filter((person) => users.includes(person.id)).map((person) => [person.id, displayName(person)])),
    fellowName: new Map(people.flatMap((person) => (person.memberships ?? []).map((membership) => [membership.id, displayName(person)] as const))),
  };
}

function buildSheet(meeting: { id: string; groupId: string; cancelledAt: Date | null }, marks: Mark[], fellows: Awaited<ReturnType<typeof readMeetingFellows>>, people: People) {
  const markOf = new Map(marks.map((mark) => [mark.membershipId, mark]));
  const rows = fellows.map((fellow) => {
    const mark = markOf.get(fellow.id);
    return {
      membershipId: fellow.id,
      name: fellow.groupId === meeting.groupId ? displayName(fellow.user) : `${displayName(fellow.user)} (guest)`,
      email: fellow.user.email,
      status: mark?.status ?? null,
      note: mark?.note ?? null,
      updatedAt: mark?.updatedAt ?? null,
      updatedBy: mark?.updatedById ? (people.userName.get(mark.updatedById) ?? null) : null,
      version: mark ? mark.updatedAt.getTime() : 0,
    };
  });
  return { meetingId: meeting.id, groupId: meeting.groupId, cancelled: Boolean(meeting.cancelledAt), rows };
}

function buildChanges(changes: Change[], people: People) {
  return changes.map(({ changedById, ...change }) => ({
    ...change,
    fellowName: people.fellowName.get(change.membershipId) ?? 'A former member',
    changedBy: changedById ? (people.userName.get(changedById) ?? 'A removed account') : 'Unknown',
  }));
}

/** The sheet: the meeting with its marks and the fellows (two statements at once), then who marked. */
export async function getAttendanceSheet(ctx: CohortContext, rawInput: { meetingId: string }) {
  const { db, access } = ctx;
  const { meetingId } = meetingInput.parse(rawInput);
  const [found, fellows] = await Promise.all([
    db.meeting.findFirst({ where: { id: meetingId, group: { cohortId: access.cohortId } }, select: { ...managedMeetingSelect, attendance: marksSelect } }),
    readMeetingFellows(db, access.cohortId, meetingId),
  ]);
  const meeting = assertManagesMeeting(access, found);
  const people = await readPeople(db, access.cohortId, meeting.attendance.map((mark) => mark.updatedById), []);
  return buildSheet(meeting, meeting.attendance, fellows, people);
}

export type AttendanceSheet = Awaited<ReturnType<typeof getAttendanceSheet>>;
export type AttendanceSheetRow = AttendanceSheet['rows'][number];

/** The meeting's changes, newest first: who changed whose mark, when, from what to what. */
export async function listAttendanceChanges(ctx: CohortContext, rawInput: { meetingId: string }) {
  const { db, access } = ctx;
  const { meetingId } = meetingInput.parse(rawInput);
  const found = await db.meeting.findFirst({ where: { id: meetingId, group: { cohortId: access.cohortId } }, select: { ...managedMeetingSelect, changes: changesSelect } });
  const { changes } = assertManagesMeeting(access, found);
  const people = await readPeople(
    db,
    access.cohortId,
    changes.map((change) => change.changedById),
    changes.map((change) => change.membershipId),
  );
  return buildChanges(changes, people);
}

/** Both, as the attendance page first shows them: the meeting read once, the people once (three statements). */
export async function getAttendanceSheetWithChanges(ctx: CohortContext, rawInput: { meetingId: string }) {
  const { db, access } = ctx;
  const { meetingId } = meetingInput.parse(rawInput);
  const [found, fellows] = await Promise.all([
    db.meeting.findFirst({
      where: { id: meetingId, group: { cohortId: access.cohortId } },
      select: { ...managedMeetingSelect, attendance: marksSelect, changes: changesSelect },
    }),
    readMeetingFellows(db, access.cohortId, meetingId),
  ]);
  const meeting = assertManagesMeeting(access, found);
  const people = await readPeople(
    db,
    access.cohortId,
    [...meeting.attendance.map((mark) => mark.updatedById), ...meeting.changes.map((change) => change.changedById)],
    meeting.changes.map((change) => change.membershipId),
  );
  return { sheet: buildSheet(meeting, meeting.attendance, fellows, people), changes: buildChanges(meeting.changes, people) };
}

export type AttendanceChangeRow = Awaited<ReturnType<typeof listAttendanceChanges>>[number];
