// Demo meetings and attendance: both demo groups' meetings made from their schedules, and
// realistic marks at the meetings that are over, so the attendance sheet, a fellow's record
// and the "at risk" list have something to show. Jamal Okafor (Group A) and Grace Liu
// (Group B) miss the first two meetings, which puts them at risk.
//
// fellow1 and fellow2 get no marks: the e2e tests take them from a clean state.
//
// Deterministic (the marks follow fixed patterns by meeting order) and idempotent: meetings are
// reconciled like everywhere else, and marks are only added while the cohort has none, so a
// second seeding, or one after facilitators have taken attendance, changes nothing.
import type { AttendanceStatus, Prisma } from '@/generated/prisma/client';
import { syncGroupMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { DEMO_EMAILS } from './demo-people';

type Tx = Prisma.TransactionClient;
type Mark = { status: AttendanceStatus; note?: string };

const P: Mark = { status: 'PRESENT' };
const L: Mark = { status: 'LATE' };
const A: Mark = { status: 'ABSENT' };

/** Marks by meeting order (repeating), per fellow. Fellows without a pattern get none. */
const PATTERNS: Record<string, Mark[]> = {
  'fellow3@example.com': [P, P, L, P, P, P],
  'fellow4@example.com': [A, A, P, L, P, A],
  'fellow5@example.com': [P, { status: 'EXCUSED', note: 'At a conference; told us ahead.' }, P, P, P, P],
  'fellow6@example.com': [L, P, P, P, { status: 'LATE', note: 'Bus was late.' }, P],
  'fellow7@example.com': [P, P, P, P, P, P],
  'fellow8@example.com': [P, L, P, P, L, P],
  'fellow9@example.com': [A, { status: 'ABSENT', note: 'No reply to the reminder.' }, L, P, P, A],
  'fellow10@example.com': [P, P, { status: 'EXCUSED', note: 'Exam that evening.' }, P, P, P],
  'fellow11@example.com': [{ status: 'EXCUSED', note: 'Joined the cohort late.' }, P, P, L, P, P],
  'fellow12@example.com': [P, A, P, P, P, P],
};

const UNTOUCHED = new Set<string>(DEMO_EMAILS.fellows.slice(0, 2));

/** Returns how many marks it added. */
export async function ensureDemoAttendance(tx: Tx, cohortId: string, now: Date): Promise<number> {
  const groups = await tx.discussionGroup.findMany({
    where: { cohortId },
    select: {
      id: true,
      facilitators: { select: { membership: { select: { userId: true } } } },
      members: { where: { role: 'FELLOW' }, select: { id: true, user: { select: { email: true } } } },
    },
  });
  for (const group of groups) await syncGroupMeetings(tx, group.id, now);
  if ((await tx.attendance.count({ where: { meeting: { group: { cohortId } } } })) > 0) return 0;

  let added = 0;
  for (const group of groups) {
    const facilitatorUserId = group.facilitators[0]?.membership.userId ?? null;
    const over = await tx.meeting.findMany({
      where: { groupId: group.id, cancelledAt: null, startsAt: { lte: now } },
      orderBy: { startsAt: 'asc' },
      select: { id: true, startsAt: true, minutes: true },
    });
    const ended = over.filter((meeting) => meeting.startsAt.getTime() + meeting.minutes * 60_000 <= now.getTime());
    const marks: Prisma.AttendanceCreateManyInput[] = [];
    const changes: Prisma.AttendanceChangeCreateManyInput[] = [];
    ended.forEach((meeting, index) => {
      // Marked a few minutes into the meeting, as a facilitator would.
      const markedAt = new Date(meeting.startsAt.getTime() + 5 * 60_000);
      for (const fellow of group.members) {
        const pattern = PATTERNS[fellow.user.email];
        if (!pattern || UNTOUCHED.has(fellow.user.email)) continue;
        const mark = pattern[index % pattern.length]!;
        const base = { meetingId: meeting.id, membershipId: fellow.id };
        marks.push({ ...base, status: mark.status, note: mark.note ?? null, updatedAt: markedAt, updatedById: facilitatorUserId });
        changes.push({ ...base, toStatus: mark.status, toNote: mark.note ?? null, changedById: facilitatorUserId, changedAt: markedAt });
      }
    });
    if (marks.length > 0) {
      await tx.attendance.createMany({ data: marks, skipDuplicates: true });
      await tx.attendanceChange.createMany({ data: changes });
      added += marks.length;
    }
  }
  return added;
}
