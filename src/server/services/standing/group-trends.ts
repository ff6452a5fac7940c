// Week-by-week trends per group for the admin's overview: attendance at each week's meetings,
// the share of each week's core readings done, of its prompts answered, and the week's average
// check-in. Four GROUP BY queries (and the syllabus and groups) whatever the cohort's size:
// PostgreSQL counts, and the shares are worked out from the counts here.
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
  const fellowWhere = { role: 'FELLOW' as const, leftAt: null };
  const [cohort, groups, attendance, readings, prompts, feedback] = await Promise.all([
    db.cohort.findUniqueOrThrow({
      where: { id: cohortId },
      select: {
        startDate: true,
        timeZone: true,
        skippedWeeks: true,
        curriculum: {
          select: {
            weeks: {
              orderBy: { position: 'asc' },
              select: {
                position: true,
                number: true,
                label: true,
                span: true,
                sections: { select: { kind: true, items: { select: { optional: true } } } },
                _count: { select: { prompts: true } },
              },
            },
          },
        },
      },
    }),
    db.discussionGroup.findMany({
      where: { cohortId },
      orderBy: { name: 'asc' },
      select: { id: true, _count: { select: { members: { where: fellowWhere } } } },
    }),
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
    // Core readings ticked per group and week (the share is worked out below, from the counts).
    db.$queryRaw<Row[]>`
      SELECT m."groupId", w.position AS week, count(*)::int AS num, 0 AS den
      FROM "ReadingProgress" rp
      JOIN "Membership" m ON m.id = rp."membershipId"
      JOIN "CurriculumItem" ci ON ci.id = rp."itemId"
      JOIN "CurriculumSection" s ON s.id = ci."sectionId"
      JOIN "CurriculumWeek" w ON w.id = s."weekId"
      WHERE m."cohortId" = ${cohortId} AND m.role = 'FELLOW' AND m."leftAt" IS NULL AND m."groupId" IS NOT NULL
        AND NOT ci.optional AND s.kind <> 'OPTIONAL'
      GROUP BY m."groupId", w.position`,
    // Prompts answered per group and week.
    db.$queryRaw<Row[]>`
      SELECT m."groupId", w.position AS week, count(*)::int AS num, 0 AS den
      FROM "PromptResponse" pr
      JOIN "Membership" m ON m.id = pr."membershipId"
      JOIN "CurriculumPrompt" p ON p.id = pr."promptId"
      JOIN "CurriculumWeek" w ON w.id = p."weekId"
      WHERE m."cohortId" = ${cohortId} AND m.role = 'FELLOW' AND m."leftAt" IS NULL AND m."groupId" IS NOT NULL
      GROUP BY m."groupId", w.position`,
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
  // Done, of the week's core readings (or prompts) times the group's fellows: 0 where none was.
  const fellowsIn = new Map(groups.map((group) => [group.id, group._count.members]));
  const coreIn = new Map(weeks.map((week) => [week.position, week.sections.filter((section) => section.kind !== 'OPTIONAL').flatMap((section) => section.items.filter((item) => !item.optional)).length]));
  const promptsIn = new Map(weeks.map((week) => [week.position, week._count.prompts]));
  const share = (rows: Row[], perWeek: Map<number, number>): Row[] =>
    groups.flatMap((group) =>
      weeks.map((week) => ({
        groupId: group.id,
        week: week.position,
        num: rows.find((row) => row.groupId === group.id && row.week === week.position)?.num ?? 0,
        den: (perWeek.get(week.position) ?? 0) * (fellowsIn.get(group.id) ?? 0),
      })),
    );
  return {
    weeks: weeks.map((week) => ({ position: week.position, label: week.label ?? (week.number !== null ? `Week ${week.number}` : `Unit ${week.position}`) })),
    groups: groups.map((group) => ({
      groupId: group.id,
      attendance: series(attendance, group.id, (row) => row.num / row.den),
      readings: series(share(readings, coreIn), group.id, (row) => row.num / row.den),
      prompts: series(share(prompts, promptsIn), group.id, (row) => row.num / row.den),
      // A check-in is there only once given: shown whatever the week.
      feedback: series(feedback, group.id, (row) => row.num / row.den, false),
    })),
  };
}
