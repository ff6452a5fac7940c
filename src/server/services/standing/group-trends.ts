// Week-by-week trends per group for the admin's overview: attendance at each week's meetings,
// the share of each week's core readings done, of its prompts answered, and the week's average
// check-in. Four GROUP BY queries whatever the cohort's size; PostgreSQL does the counting.
import { buildCohortCalendar, calendarDateInZone } from '@/lib/cohort-calendar';
import type { CohortContext } from '@/server/services/context';

export type TrendPoint = { week: number; value: number | null };
export type GroupTrend = {
  groupId: string;
  attendance: TrendPoint[];
  readings: TrendPoint[];
  prompts: TrendPoint[];
  feedback: TrendPoint[];
};

type Row = { groupId: string; week: number; num: number; den: number };

export async function listGroupTrends(ctx: CohortContext, input: { now: Date }): Promise<{ weeks: { position: number; label: string }[]; groups: GroupTrend[] }> {
  const { db, access } = ctx;
  const cohortId = access.cohortId;
  const [cohort, groups, attendance, readings, prompts, feedback] = await Promise.all([
    db.cohort.findUniqueOrThrow({
      where: { id: cohortId },
      select: {
        startDate: true,
        timeZone: true,
        skippedWeeks: true,
        curriculum: { select: { weeks: { orderBy: { position: 'asc' }, select: { position: true, number: true, label: true, span: true } } } },
      },
    }),
    db.discussionGroup.findMany({ where: { cohortId }, orderBy: { name: 'asc' }, select: { id: true } }),
    // Present or late, of the marks given, at the held meetings of each week.
    db.$queryRaw<Row[]>`
      SELECT mt."groupId", mt."weekPosition" AS week,
             count(*) FILTER (WHERE a.status IN ('PRESENT', 'LATE'))::int AS num,
             count(*) FILTER (WHERE a.status IN ('PRESENT', 'LATE', 'ABSENT'))::int AS den
      FROM "Meeting" mt
      JOIN "DiscussionGroup" g ON g.id = mt."groupId"
      JOIN "Attendance" a ON a."meetingId" = mt.id
      JOIN "Membership" m ON m.id = a."membershipId" AND m.role = 'FELLOW' AND m."leftAt" IS NULL
      WHERE g."cohortId" = ${cohortId} AND mt."cancelledAt" IS NULL AND mt."startsAt" <= ${input.now} AND mt."weekPosition" IS NOT NULL
      GROUP BY mt."groupId", mt."weekPosition"`,
    // Core readings ticked, of the week's core readings times the group's fellows.
    db.$queryRaw<Row[]>`
      WITH core AS (
        SELECT ci.id, w.position AS week
        FROM "CurriculumItem" ci
        JOIN "CurriculumSection" s ON s.id = ci."sectionId"
        JOIN "CurriculumWeek" w ON w.id = s."weekId"
        JOIN "Cohort" c ON c."curriculumId" = w."curriculumId"
        WHERE c.id = ${cohortId} AND NOT ci.optional AND s.kind <> 'OPTIONAL'
      ), fellows AS (
        SELECT id, "groupId" FROM "Membership" WHERE "cohortId" = ${cohortId} AND role = 'FELLOW' AND "leftAt" IS NULL AND "groupId" IS NOT NULL
      )
      SELECT f."groupId", core.week,
             count(rp."itemId")::int AS num,
             (SELECT count(*) FROM core c2 WHERE c2.week = core.week)::int * (SELECT count(*) FROM fellows f2 WHERE f2."groupId" = f."groupId")::int AS den
      FROM fellows f CROSS JOIN core
      LEFT JOIN "ReadingProgress" rp ON rp."membershipId" = f.id AND rp."itemId" = core.id
      GROUP BY f."groupId", core.week`,
    // Prompts answered, of the week's prompts times the group's fellows.
    db.$queryRaw<Row[]>`
      WITH prompts AS (
        SELECT p.id, w.position AS week
        FROM "CurriculumPrompt" p
        JOIN "CurriculumWeek" w ON w.id = p."weekId"
        JOIN "Cohort" c ON c."curriculumId" = w."curriculumId"
        WHERE c.id = ${cohortId}
      ), fellows AS (
        SELECT id, "groupId" FROM "Membership" WHERE "cohortId" = ${cohortId} AND role = 'FELLOW' AND "leftAt" IS NULL AND "groupId" IS NOT NULL
      )
      SELECT f."groupId", prompts.week,
             count(pr."promptId")::int AS num,
             (SELECT count(*) FROM prompts p2 WHERE p2.week = prompts.week)::int * (SELECT count(*) FROM fellows f2 WHERE f2."groupId" = f."groupId")::int AS den
      FROM fellows f CROSS JOIN prompts
      LEFT JOIN "PromptResponse" pr ON pr."membershipId" = f.id AND pr."promptId" = prompts.id
      GROUP BY f."groupId", prompts.week`,
    // The week's check-ins: their sum and count, for the average.
    db.$queryRaw<Row[]>`
      SELECT m."groupId", w.position AS week, sum(ci.rating)::int AS num, count(*)::int AS den
      FROM "WeekCheckIn" ci
      JOIN "Membership" m ON m.id = ci."membershipId"
      JOIN "CurriculumWeek" w ON w.id = ci."weekId"
      WHERE m."cohortId" = ${cohortId} AND m.role = 'FELLOW' AND m."groupId" IS NOT NULL
      GROUP BY m."groupId", w.position`,
  ]);
  const weeks = cohort.curriculum.weeks;
  // Weeks that have not begun have nothing to show yet (no readings are done before their week).
  const calendar = buildCohortCalendar(cohort, weeks);
  const today = calendarDateInZone(input.now, cohort.timeZone);
  const begun = new Set(weeks.filter((_week, index) => calendar.units[index]!.startDate.getTime() <= today.getTime()).map((week) => week.position));
  const series = (rows: Row[], groupId: string, ratio: (row: Row) => number | null, onlyBegun = true): TrendPoint[] =>
    weeks.map((week) => {
      const row = rows.find((candidate) => candidate.groupId === groupId && candidate.week === week.position);
      return { week: week.position, value: (!onlyBegun || begun.has(week.position)) && row && row.den > 0 ? ratio(row) : null };
    });
  return {
    weeks: weeks.map((week) => ({ position: week.position, label: week.label ?? (week.number !== null ? `Week ${week.number}` : `Unit ${week.position}`) })),
    groups: groups.map((group) => ({
      groupId: group.id,
      attendance: series(attendance, group.id, (row) => row.num / row.den),
      readings: series(readings, group.id, (row) => row.num / row.den),
      prompts: series(prompts, group.id, (row) => row.num / row.den),
      // A check-in is there only once given: shown whatever the week.
      feedback: series(feedback, group.id, (row) => row.num / row.den, false),
    })),
  };
}
