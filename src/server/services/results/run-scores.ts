// A run's result for ranking: its exercise's primary metric, taken from the summary the job
// sent at the end when that holds a finite number, else the last value the job logged for
// that key (kept on MetricSeries on write: no scan of points). NaN or missing: no result.
import { Prisma, type PrismaClient, type RunStatus } from '@/generated/prisma/client';

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

/**
 * A run's score, computed where the run is read (as r, its exercise as ci, and its primary
 * metric's series as s): the summary's number, else the series' last finite value. A JSON
 * number beyond a double (the summary is stored as written) is no result, as it would be
 * Infinity to JavaScript; it is filtered before the cast, which would fail on it.
 */
const RUN_SCORE = Prisma.sql`COALESCE(
  CASE WHEN jsonb_typeof(r.summary -> ci."primaryMetric") = 'number'
        AND abs((r.summary ->> ci."primaryMetric")::numeric) <= 1.7976931348623157e308
       THEN (r.summary ->> ci."primaryMetric")::float8 END,
  CASE WHEN s.last IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8) THEN NULL ELSE s.last END
)`;

/**
 * Every run of these users in the cohort (all users when null), of one exercise when named,
 * with its score: one query.
 */
export async function listScoredRuns(db: PrismaClient, cohortId: string, userIds: string[] | null, exerciseItemId?: string): Promise<ScoredRun[]> {
  return db.$queryRaw<ScoredRun[]>`
    SELECT r.id, r."userId", r."exerciseItemId", r.name, r.status::text AS status, r."createdAt", ${RUN_SCORE} AS score
    FROM "Run" r
    JOIN "CurriculumItem" ci ON ci.id = r."exerciseItemId"
    LEFT JOIN "MetricSeries" s ON s."runId" = r.id AND s.key = ci."primaryMetric"
    WHERE r."cohortId" = ${cohortId} AND (${userIds === null} OR r."userId" = ANY(${userIds ?? []}::text[]))
      AND (${exerciseItemId === undefined} OR r."exerciseItemId" = ${exerciseItemId ?? ''})
    ORDER BY r."createdAt"`;
}

/** One exercise's results in a cohort, summarised for its line on the exercise lists. */
export type ExerciseResults = {
  /** Fellows of the cohort with at least one scored run. */
  fellowsWithResults: number;
  /** The best of the fellows' results, in the metric's direction; null when none has one. */
  top: number | null;
  /** The viewer's own runs (scored or not) and best result. */
  myRuns: number;
  myBest: number | null;
};

/**
 * Per exercise of the cohort that has runs, its results summarised, and how many fellows the
 * cohort has: one statement whose rows are the cohort's exercises, not its runs.
 */
export async function summarizeExerciseResults(
  db: PrismaClient,
  cohortId: string,
  viewerId: string,
): Promise<{ fellows: number; byExercise: Map<string, ExerciseResults> }> {
  const rows = await db.$queryRaw<(ExerciseResults & { fellows: number; exerciseItemId: string | null })[]>`
    WITH scored AS (
      SELECT r."exerciseItemId", r."userId", ci."higherIsBetter" IS DISTINCT FROM false AS higher, ${RUN_SCORE} AS score
      FROM "Run" r
      JOIN "CurriculumItem" ci ON ci.id = r."exerciseItemId"
      LEFT JOIN "MetricSeries" s ON s."runId" = r.id AND s.key = ci."primaryMetric"
      WHERE r."cohortId" = ${cohortId}
    ), best AS (
      SELECT "exerciseItemId", "userId", bool_and(higher) AS higher, count(*)::int AS runs,
             CASE WHEN bool_and(higher) THEN max(score) ELSE min(score) END AS best,
             EXISTS (SELECT 1 FROM "Membership" m WHERE m."cohortId" = ${cohortId} AND m."userId" = scored."userId" AND m.role = 'FELLOW') AS fellow
      FROM scored GROUP BY "exerciseItemId", "userId"
    )
    SELECT f.fellows, x.*
    FROM (SELECT count(*)::int AS fellows FROM "Membership" WHERE "cohortId" = ${cohortId} AND role = 'FELLOW') f
    LEFT JOIN LATERAL (
      SELECT "exerciseItemId",
             (count(*) FILTER (WHERE fellow AND best IS NOT NULL))::int AS "fellowsWithResults",
             CASE WHEN bool_and(higher) THEN max(best) FILTER (WHERE fellow) ELSE min(best) FILTER (WHERE fellow) END AS top,
             COALESCE(sum(runs) FILTER (WHERE "userId" = ${viewerId}), 0)::int AS "myRuns",
             max(best) FILTER (WHERE "userId" = ${viewerId}) AS "myBest"
      FROM best GROUP BY "exerciseItemId"
    ) x ON true`;
  const byExercise = new Map<string, ExerciseResults>();
  for (const row of rows) {
    if (row.exerciseItemId === null) continue;
    byExercise.set(row.exerciseItemId, { fellowsWithResults: row.fellowsWithResults, top: row.top, myRuns: row.myRuns, myBest: row.myBest });
  }
  return { fellows: rows[0]?.fellows ?? 0, byExercise };
}

/**
 * Each fellow's best result on one exercise (by slug) in the cohorts that ran the same syllabus
 * before this one (copies of the same template, started earlier): one query, for the baseline
 * on an exercise's page.
 */
export async function listEarlierCohortBests(db: PrismaClient, cohortId: string, exerciseSlug: string, higherIsBetter: boolean | null) {
  const rows = await db.$queryRaw<{ cohortId: string; cohortName: string; startDate: Date; userId: string; score: number }[]>`
    WITH here AS (
      SELECT c.id, c."startDate", COALESCE(cu."sourceId", cu.id) AS lineage
      FROM "Cohort" c JOIN "Curriculum" cu ON cu.id = c."curriculumId"
      WHERE c.id = ${cohortId}
    )
    SELECT * FROM (
      SELECT c.id AS "cohortId", c.name AS "cohortName", c."startDate", r."userId", ${RUN_SCORE} AS score
      FROM here
      JOIN "Curriculum" cu ON COALESCE(cu."sourceId", cu.id) = here.lineage
      JOIN "Cohort" c ON c."curriculumId" = cu.id AND c.id <> here.id AND c."startDate" < here."startDate"
      JOIN "Run" r ON r."cohortId" = c.id
      JOIN "CurriculumItem" ci ON ci.id = r."exerciseItemId" AND ci."exerciseSlug" = ${exerciseSlug}
      LEFT JOIN "MetricSeries" s ON s."runId" = r.id AND s.key = ci."primaryMetric"
    ) scored WHERE score IS NOT NULL`;
  const cohorts = new Map<string, { name: string; startDate: Date; best: Map<string, number> }>();
  for (const { score, ...row } of rows) {
    const cohort = cohorts.get(row.cohortId) ?? { name: row.cohortName, startDate: row.startDate, best: new Map<string, number>() };
    const current = cohort.best.get(row.userId);
    if (current === undefined || isBetter(score, current, higherIsBetter)) cohort.best.set(row.userId, score);
    cohorts.set(row.cohortId, cohort);
  }
  return [...cohorts.values()]
    .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
    .map((cohort) => {
      const values = [...cohort.best.values()].sort((a, b) => (isBetter(a, b, higherIsBetter) ? -1 : 1));
      const middle = Math.floor(values.length / 2);
      const median = values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
      return { name: cohort.name, fellows: values.length, best: values[0]!, median };
    });
}

/** Is `a` a better result than `b`, in the metric's direction (higher is better unless false)? */
export function isBetter(a: number, b: number, higherIsBetter: boolean | null): boolean {
  return higherIsBetter === false ? a < b : a > b;
}

/** Each user's best scored run of one exercise; users without a scored run are left out. */
export function bestRunByUser<R extends ScoredRun>(runs: R[], exerciseItemId: string, higherIsBetter: boolean | null): Map<string, R> {
  const best = new Map<string, R>();
  for (const run of runs) {
    if (run.exerciseItemId !== exerciseItemId || run.score === null) continue;
    const current = best.get(run.userId);
    if (!current || isBetter(run.score, current.score!, higherIsBetter)) best.set(run.userId, run);
  }
  return best;
}
