// Taking attendance. Two facilitators may mark the same sheet at once, so every write locks
// the fellows it touches (their Membership rows, in id order so two writers never deadlock),
// reads the current mark under that lock, and writes the new mark and its audit row in the
// same transaction. The later writer therefore sees the earlier one's mark as its "from":
// nothing is lost, the last write wins, and the audit log chains without gaps.
import { Prisma } from '@/generated/prisma/client';
import { markAttendanceInput, meetingInput, type MarkAttendanceInput } from '@/lib/schemas/attendance';
import { AppError, outOfReach } from '@/server/errors';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { CANCELLED_MESSAGE, findManagedMeeting } from '@/server/services/meetings/meeting-access';
import { actingUser, type CohortContext } from '@/server/services/context';

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 };
const FELLOW_NOT_FOUND = 'No such fellow in this meeting’s group. Reload the page to see the group as it is now.';

const markSelect = { membershipId: true, status: true, note: true, updatedAt: true, updatedById: true } as const;

async function findOpenMeeting(tx: Prisma.TransactionClient, access: CohortAccess, meetingId: string) {
  await assertCohortWritable(tx, access.cohortId);
  const meeting = await findManagedMeeting(tx, access, meetingId);
  if (meeting.cancelledAt) throw new AppError('CONFLICT', CANCELLED_MESSAGE);
  return meeting;
}

/**
 * Locks and returns the ids of the meeting's fellows among `membershipIds` (all of them when
 * null): the group's fellows who have not left, and guests approved for this one meeting.
 */
async function lockFellows(tx: Prisma.TransactionClient, cohortId: string, meeting: { id: string; groupId: string }, membershipIds: string[] | null) {
  const guests = Prisma.sql`SELECT "membershipId" FROM "GroupSwitchRequest" WHERE "meetingId" = ${meeting.id} AND "status" = 'APPROVED' AND "scope" = 'ONE_WEEK'`;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Membership"
    WHERE "cohortId" = ${cohortId} AND "role" = 'FELLOW' AND "leftAt" IS NULL
      AND ("groupId" = ${meeting.groupId} OR "id" IN (${guests}))
      ${membershipIds ? Prisma.sql`AND "id" = ANY(${membershipIds}::text[])` : Prisma.empty}
    ORDER BY "id" FOR NO KEY UPDATE`;
  return rows.map((row) => row.id);
}

/**
 * One fellow's mark (and note; a note left out stays as it is). The same mark again writes
 * nothing and logs nothing. Returns the mark as stored and whether it changed.
 */
export async function markAttendance(ctx: CohortContext, rawInput: MarkAttendanceInput) {
  const { db, access } = ctx;
  const userId = actingUser(ctx).id;
  const input = markAttendanceInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const meeting = await findOpenMeeting(tx, access, input.meetingId);
    const locked = await lockFellows(tx, access.cohortId, meeting, [input.membershipId]);
    if (locked.length === 0) throw outOfReach(FELLOW_NOT_FOUND);

    const key = { meetingId: meeting.id, membershipId: input.membershipId };
    const current = await tx.attendance.findUnique({ where: { meetingId_membershipId: key }, select: markSelect });
    const toNote = input.note === undefined ? (current?.note ?? null) : input.note;
    if (current && current.status === input.status && current.note === toNote) return { changed: false, mark: current };

    const mark = await tx.attendance.upsert({
      where: { meetingId_membershipId: key },
      create: { ...key, status: input.status, note: toNote, updatedById: userId },
      update: { status: input.status, note: toNote, updatedById: userId },
      select: markSelect,
    });
    await tx.attendanceChange.create({
      data: {
        ...key,
        fromStatus: current?.status ?? null,
        toStatus: input.status,
        fromNote: current?.note ?? null,
        toNote,
        changedById: userId,
        // Now, under the lock, not when the transaction began: the log's order is the order
        // in which the marks were really applied.
        changedAt: new Date(),
      },
      select: { id: true },
    });
    return { changed: true, mark };
  }, TRANSACTION_OPTIONS);
}

/**
 * "Mark everyone not yet marked present": fellows without a mark become PRESENT; marks already
 * there (late, excused, absent, or present) stay exactly as they are.
 */
export async function markAllPresent(ctx: CohortContext, rawInput: { meetingId: string }) {
  const { db, access } = ctx;
  const userId = actingUser(ctx).id;
  const { meetingId } = meetingInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const meeting = await findOpenMeeting(tx, access, meetingId);
    const fellows = await lockFellows(tx, access.cohortId, meeting, null);
    const marked = await tx.attendance.findMany({
      where: { meetingId, membershipId: { in: fellows } },
      select: { membershipId: true },
    });
    const markedIds = new Set(marked.map((row) => row.membershipId));
    const unmarked = fellows.filter((id) => !markedIds.has(id));
    if (unmarked.length > 0) {
      await tx.attendance.createMany({
        data: unmarked.map((membershipId) => ({ meetingId, membershipId, status: 'PRESENT' as const, updatedById: userId })),
      });
      const changedAt = new Date();
      await tx.attendanceChange.createMany({
        data: unmarked.map((membershipId) => ({ meetingId, membershipId, fromStatus: null, toStatus: 'PRESENT' as const, changedById: userId, changedAt })),
      });
    }
    return { marked: unmarked.length, alreadyMarked: markedIds.size };
  }, TRANSACTION_OPTIONS);
}
