// Demo reading progress: ticks for the demo fellows in the weeks that are over and the one
// running, so the fellow's bars, the facilitator's grid and the "at risk" list have something
// to show. Most fellows are on track; Jamal Okafor (Group A) and Grace Liu (Group B) are
// behind on their readings, as they are on attendance (demo-attendance.ts).
//
// fellow1 and fellow2 get no ticks: the e2e tests take them from a clean state.
//
// Deterministic (ticks follow each fellow's pattern over the syllabus order; times are fixed
// evenings of the week) and idempotent: ticks are only added while none of these fellows has
// any, so a second seeding, or one after fellows have ticked, changes nothing.
import type { Prisma } from '@/generated/prisma/client';
import { addDays, buildCohortCalendar, isUnitOver, locateCurrentUnit, zonedDateTimeToInstant } from '@/lib/cohort-calendar';
import { isOptionalReading } from '@/lib/reading-time';

type Tx = Prisma.TransactionClient;

type Pattern = {
  /** Share of each past week's core readings done, first ones first. */
  past: number;
  /** Core readings of the running week done so far. */
  current: number;
  /** Whether they also read the optional ones of past weeks. */
  optional: boolean;
};

const PATTERNS: Record<string, Pattern> = {
  'fellow3@example.com': { past: 1, current: 2, optional: true },
  'fellow4@example.com': { past: 0.2, current: 0, optional: false },
  'fellow5@example.com': { past: 1, current: 9, optional: false },
  'fellow6@example.com': { past: 1, current: 1, optional: false },
  'fellow7@example.com': { past: 1, current: 9, optional: true },
  'fellow8@example.com': { past: 0.8, current: 1, optional: false },
  'fellow9@example.com': { past: 0.4, current: 0, optional: false },
  'fellow10@example.com': { past: 1, current: 0, optional: false },
  'fellow11@example.com': { past: 1, current: 2, optional: true },
  'fellow12@example.com': { past: 0.7, current: 1, optional: false },
};

/** Returns how many ticks it added. */
export async function ensureDemoProgress(tx: Tx, cohortId: string, now: Date): Promise<number> {
  const cohort = await tx.cohort.findUnique({
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
              span: true,
              sections: {
                orderBy: { position: 'asc' },
                select: { kind: true, items: { orderBy: { position: 'asc' }, select: { id: true, optional: true, minutes: true } } },
              },
            },
          },
        },
      },
    },
  });
  if (!cohort) return 0;
  const fellows = await tx.membership.findMany({
    where: { cohortId, role: 'FELLOW', user: { email: { in: Object.keys(PATTERNS) } } },
    select: { id: true, lastActivityAt: true, user: { select: { email: true } } },
  });
  if (fellows.length === 0) return 0;
  if ((await tx.readingProgress.count({ where: { membershipId: { in: fellows.map((fellow) => fellow.id) } } })) > 0) return 0;

  const weeks = cohort.curriculum.weeks;
  const calendar = buildCohortCalendar(cohort, weeks);
  const located = locateCurrentUnit(cohort, weeks, now);
  const runningIndex = located?.phase === 'running' ? located.unitIndex : null;

  const ticks: Prisma.ReadingProgressCreateManyInput[] = [];
  const lastActivity = new Map<string, Date>();
  for (const [fellowIndex, fellow] of fellows.entries()) {
    const pattern = PATTERNS[fellow.user.email]!;
    for (const [unitIndex, week] of weeks.entries()) {
      const unit = calendar.units[unitIndex]!;
      const past = isUnitOver(unit, cohort.timeZone, now);
      if (!past && unitIndex !== runningIndex) continue;
      const readings = week.sections.flatMap((section) => section.items.map((item) => ({ id: item.id, core: !isOptionalReading(item, section) })));
      const core = readings.filter((reading) => reading.core);
      const coreCount = past ? Math.ceil(core.length * pattern.past) : pattern.current;
      const chosen = [...core.slice(0, coreCount), ...(past && pattern.optional ? readings.filter((reading) => !reading.core) : [])];
      for (const [order, reading] of chosen.entries()) {
        // An evening of that week (19:00 in the cohort's zone), never later than now.
        const day = addDays(unit.startDate, (order + fellowIndex) % 6);
        const evening = zonedDateTimeToInstant(day, '19:00', cohort.timeZone) ?? day;
        const completedAt = evening.getTime() < now.getTime() ? evening : new Date(now.getTime() - (order + 1) * 60 * 60 * 1000);
        ticks.push({ membershipId: fellow.id, itemId: reading.id, completedAt });
        if (completedAt > (lastActivity.get(fellow.id) ?? new Date(0))) lastActivity.set(fellow.id, completedAt);
      }
    }
  }

  const { count } = await tx.readingProgress.createMany({ data: ticks, skipDuplicates: true });
  for (const fellow of fellows) {
    const last = lastActivity.get(fellow.id);
    if (last && !fellow.lastActivityAt) await tx.membership.update({ where: { id: fellow.id }, data: { lastActivityAt: last } });
  }
  return count;
}
