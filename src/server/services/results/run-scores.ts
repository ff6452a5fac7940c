// A run's result for ranking: its exercise's primary metric, taken from the summary the job
// sent at the end when that holds a finite number, else the last value the job logged for
// that key (kept on MetricSeries on write: no scan of points). NaN or missing: no result.
import type { PrismaClient, RunStatus } from '@/generated/prisma/client';
import { fromFloat8Text } from '@/server/services/runs/metric-values';

export type ScoredRun = {
  id: string;
  userId: string;
  exerciseItemId: string;
  name: string | null;
  status: RunStatus;
  createdAt: Date;
  /** The primary metric's value, or null when the run has none (yet). */
  score: number | null;
};

type Row = Omit<ScoredRun, 'score'> & { summaryValue: unknown; last: string | null };

/** Every run of these users in the cohort (all users when null), with its score: one query. */
export async function listScoredRuns(db: PrismaClient, cohortId: string, userIds: string[] | null): Promise<ScoredRun[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id, r."userId", r."exerciseItemId", r.name, r.status::text AS status, r."createdAt",
           r.summary -> ci."primaryMetric" AS "summaryValue", s.last::text AS last
    FROM "Run" r
    JOIN "CurriculumItem" ci ON ci.id = r."exerciseItemId"
    LEFT JOIN "MetricSeries" s ON s."runId" = r.id AND s.key = ci."primaryMetric"
    WHERE r."cohortId" = ${cohortId} AND (${userIds === null} OR r."userId" = ANY(${userIds ?? []}::text[]))
    ORDER BY r."createdAt"`;
  return rows.map((row) => ({
    id: row.id,
    userId: row.userId,
    exerciseItemId: row.exerciseItemId,
    name: row.name,
    status: row.status,
    createdAt: row.createdAt,
    score: finiteOrNull(row.summaryValue) ?? finiteOrNull(fromFloat8Text(row.last)),
  }));
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Is `a` a better result than `b`, in the metric's direction (higher is better unless false)? */
export function isBetter(a: number, b: number, higherIsBetter: boolean | null): boolean {
  return higherIsBetter === false ? a < b : a > b;
}

/** Each user's best scored run of one exercise; users without a scored run are left out. */
export function bestRunByUser(runs: ScoredRun[], exerciseItemId: string, higherIsBetter: boolean | null): Map<string, ScoredRun> {
  const best = new Map<string, ScoredRun>();
  for (const run of runs) {
    if (run.exerciseItemId !== exerciseItemId || run.score === null) continue;
    const current = best.get(run.userId);
    if (!current || isBetter(run.score, current.score!, higherIsBetter)) best.set(run.userId, run);
  }
  return best;
}
