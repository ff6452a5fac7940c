// Rollups of a series per ROLLUP_STEPS steps (MetricRollup): each bucket's first, last, lowest
// and highest point and its count. A downsampled read of a long range merges these instead of
// scanning every point: a million-point series has ~4,000 rollups.
//
// Kept exact lazily: every stored batch lowers MetricSeries.rollupValidBelow to the start of the
// first bucket it touched (ingest-metrics.ts, in its one statement), and a read that wants the
// rollups first recomputes the buckets from there on, from the points. For a running job that
// is the tail since the last read; for a finished run, nothing. The series row is locked while
// rebuilding, so a batch storing at the same moment either is seen or lowers the mark after.
import type { PrismaClient } from '@/generated/prisma/client';

export const ROLLUP_STEPS = 256;

/** Brings the series' rollups up to date with its points; returns the step they are exact below. */
export async function refreshRollups(db: PrismaClient, seriesId: number): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const [series] = await tx.$queryRaw<{ validBelow: number; lastStep: number | null }[]>`
        SELECT "rollupValidBelow" AS "validBelow", "lastStep" FROM "MetricSeries" WHERE id = ${seriesId} FOR UPDATE`;
      if (!series || series.lastStep === null) return 0;
      const upTo = (Math.floor(series.lastStep / ROLLUP_STEPS) + 1) * ROLLUP_STEPS;
      if (series.validBelow >= upTo) return series.validBelow;
      const fromBucket = Math.floor(series.validBelow / ROLLUP_STEPS);
      await tx.$executeRaw`DELETE FROM "MetricRollup" WHERE "seriesId" = ${seriesId} AND bucket >= ${fromBucket}`;
      // min(ARRAY[value, step]) is the lowest value at its earliest step; max(ARRAY[value, -step])
      // the highest (NaN above all, as PostgreSQL orders it) at its earliest step.
      await tx.$executeRaw`
        INSERT INTO "MetricRollup" ("seriesId", bucket, n, "firstStep", "firstValue", "lastStep", "lastValue", "lowStep", "lowValue", "highStep", "highValue")
        SELECT ${seriesId}, b.bucket, b.n, b.first_step, f.value, b.last_step, l.value, b.low[2]::int, b.low[1], (-b.high[2])::int, b.high[1]
        FROM (
          SELECT step / ${ROLLUP_STEPS}::int AS bucket, count(*)::int AS n, min(step) AS first_step, max(step) AS last_step,
                 min(ARRAY[value, step::float8]) AS low, max(ARRAY[value, -step::float8]) AS high
          FROM "MetricPoint" WHERE "seriesId" = ${seriesId} AND step >= ${fromBucket * ROLLUP_STEPS}
          GROUP BY 1
        ) b
        JOIN "MetricPoint" f ON f."seriesId" = ${seriesId} AND f.step = b.first_step
        JOIN "MetricPoint" l ON l."seriesId" = ${seriesId} AND l.step = b.last_step`;
      await tx.$executeRaw`UPDATE "MetricSeries" SET "rollupValidBelow" = ${upTo} WHERE id = ${seriesId}`;
      return upTo;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/**
 * The same buckets as bucketSqlText (first, last, lowest and highest step per `width` steps
 * from `lo`), from the rollups of the whole buckets inside lo..hi and the points of the partial
 * ones at its two ends. Parameters: $1 series, $2 lo, $3 hi, $4 width, $5 first whole rollup
 * bucket, $6 last whole rollup bucket. `width` must be a multiple of nothing in particular: a
 * rollup bucket straddling two target buckets counts in the one holding its first step, which
 * moves a bucket edge by less than ROLLUP_STEPS steps.
 */
export function rollupBucketSqlText(): string {
  return `
    WITH candidates AS (
      SELECT step, value, 1 AS n FROM "MetricPoint"
      WHERE "seriesId" = $1 AND ((step BETWEEN $2 AND $5::int * ${ROLLUP_STEPS} - 1) OR (step BETWEEN ($6::int + 1) * ${ROLLUP_STEPS} AND $3))
      UNION ALL
      SELECT c.step, c.value, c.n FROM "MetricRollup" r
      CROSS JOIN LATERAL (VALUES ("firstStep", "firstValue", r.n), ("lastStep", "lastValue", 0), ("lowStep", "lowValue", 0), ("highStep", "highValue", 0)) AS c(step, value, n)
      WHERE r."seriesId" = $1 AND r.bucket BETWEEN $5 AND $6
    )
    SELECT min(step) AS first_step, max(step) AS last_step,
           (min(ARRAY[value, step::float8]))[2]::int AS low_step,
           (-(max(ARRAY[value, -step::float8]))[2])::int AS high_step,
           sum(n) AS n
    FROM candidates
    GROUP BY (step - $2) / $4`;
}
