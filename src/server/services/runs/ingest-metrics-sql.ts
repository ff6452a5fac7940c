// The one SQL statement that stores a batch of metrics (see ingest-metrics.ts for what each CTE
// does and why): kept apart from the code that prepares the batch's columns so each reads alone.
import { Prisma } from '@/generated/prisma/client';
import { MAX_KEYS_PER_RUN } from '@/lib/schemas/runs';
import { PREPARED_STATEMENT } from '@/server/db/client';
import type { TokenPrincipal } from '@/server/services/api-tokens/authenticate-token';
import { ROLLUP_STEPS } from './metric-rollups';

/**
 * The batch as array literals: one entry per point (keys as 1-based positions in distinctKeys,
 * times as milliseconds after timeBase), and (distinctKeys … topValue) one per key.
 */
export type Columns = {
  timeBase: number;
  keys: string;
  steps: string;
  values: string;
  times: string;
  distinctKeys: string;
  n: string;
  lo: string;
  hi: string;
  first: string;
  top: string;
  topValue: string;
};

/** One batch to record: its run, its place in the run's sequence and its points as columns. */
export type BatchWrite = { runId: string; seq: number; hash: string; pointCount: number; columns: Columns; now: Date };

/** The statement (exported for EXPLAIN in performance work). */
export function batchStatement(principal: Pick<TokenPrincipal, 'userId' | 'cohortId'>, batch: BatchWrite): Prisma.Sql {
  const { runId, seq, hash, pointCount, columns, now } = batch;
  // Prepared once per connection: planning this statement anew costs about a millisecond.
  return Prisma.sql`${Prisma.raw(PREPARED_STATEMENT)}
    WITH snap AS (
      SELECT xmin AS seen FROM "Run" WHERE id = ${runId} AND "userId" = ${principal.userId} AND "cohortId" = ${principal.cohortId}
    ), locked AS (
      SELECT r.id, r."lastSeq" FROM "Run" r, snap WHERE r.id = ${runId} AND r.xmin = snap.seen FOR UPDATE OF r
    ), kinfo AS (
      SELECT * FROM unnest(${columns.distinctKeys}::text[], ${columns.n}::int[], ${columns.lo}::float8[], ${columns.hi}::float8[],
                           ${columns.first}::int[], ${columns.top}::int[], ${columns.topValue}::float8[]) WITH ORDINALITY
        AS k(key, n, lo, hi, first_step, top_step, top_value, ord)
    ), existing AS (
      SELECT s.id, s.key, s.count, s.min, s.max, s.last, s."lastStep"
      FROM "MetricSeries" s WHERE s."runId" = ${runId} AND s.key = ANY(${columns.distinctKeys}::text[])
    ), keys_after AS (
      SELECT (SELECT count(*) FROM "MetricSeries" WHERE "runId" = ${runId})
           + (SELECT count(*) FROM kinfo k WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.key = k.key)) AS n
    ), batch AS (
      INSERT INTO "IngestBatch" ("runId", "seq", "hash", "pointCount", "createdAt")
      SELECT locked.id, ${seq}::int, ${hash}, ${pointCount}::int, ${now} FROM locked, keys_after
      WHERE keys_after.n <= ${MAX_KEYS_PER_RUN}
      ON CONFLICT ("runId", "seq") DO NOTHING
      RETURNING "runId"
    ), created AS (
      INSERT INTO "MetricSeries" ("runId", "key", "count", "min", "max", "last", "lastStep")
      SELECT ${runId}, k.key, k.n, k.lo, k.hi, k.top_value, k.top_step FROM kinfo k
      WHERE EXISTS (SELECT 1 FROM batch) AND NOT EXISTS (SELECT 1 FROM existing e WHERE e.key = k.key)
      RETURNING id, key
    ), series AS (
      SELECT id, key, NULL::int AS last_step FROM created UNION ALL SELECT id, key, "lastStep" FROM existing
    ), input AS (
      SELECT k.key, u.step, u.value, to_timestamp((${columns.timeBase}::int8 + u.ms)::float8 / 1000) AT TIME ZONE 'UTC' AS time
      FROM unnest(${columns.keys}::int[], ${columns.steps}::int[], ${columns.values}::float8[], ${columns.times}::int8[]) AS u(ord, step, value, ms)
      JOIN kinfo k ON k.ord = u.ord
    ), overlap AS MATERIALIZED (
      SELECT e.id, e.key, e.min, e.max FROM existing e JOIN kinfo k ON k.key = e.key WHERE k.first_step <= e."lastStep"
    ), old AS (
      -- Only when some key re-logs stored steps (the one-time filter skips it all otherwise).
      SELECT o.id AS series_id, (p.value <> 'NaN' AND (p.value = o.min OR p.value = o.max)) AS extreme
      FROM overlap o
      JOIN input i ON i.key = o.key
      JOIN "MetricPoint" p ON p."seriesId" = o.id AND p.step = i.step
      WHERE EXISTS (SELECT 1 FROM overlap)
    ), old_by_series AS (
      SELECT series_id, count(*) AS replaced, bool_or(extreme) AS lost_extreme FROM old GROUP BY series_id
    ), appended AS (
      -- Steps past their series' end cannot collide with a stored point: a plain INSERT, much
      -- cheaper than ON CONFLICT's speculative insertion.
      INSERT INTO "MetricPoint" ("seriesId", "step", "value", "time")
      SELECT s.id, i.step, i.value, i.time
      FROM input i JOIN series s ON s.key = i.key
      WHERE EXISTS (SELECT 1 FROM batch) AND (s.last_step IS NULL OR i.step > s.last_step)
    ), rewritten AS (
      INSERT INTO "MetricPoint" ("seriesId", "step", "value", "time")
      SELECT s.id, i.step, i.value, i.time
      FROM input i JOIN series s ON s.key = i.key
      WHERE EXISTS (SELECT 1 FROM batch) AND EXISTS (SELECT 1 FROM overlap) AND i.step <= s.last_step
      ON CONFLICT ("seriesId", "step") DO UPDATE SET "value" = EXCLUDED."value", "time" = EXCLUDED."time"
    ), updated AS (
      UPDATE "MetricSeries" s SET
        count = e.count + k.n - coalesce(o.replaced, 0),
        min = CASE WHEN o.lost_extreme THEN (
                SELECT min(v) FILTER (WHERE v <> 'NaN') FROM (
                  SELECT p.value AS v FROM "MetricPoint" p
                  WHERE p."seriesId" = e.id AND NOT EXISTS (SELECT 1 FROM input i WHERE i.key = e.key AND i.step = p.step)
                  UNION ALL SELECT i.value FROM input i WHERE i.key = e.key) vals)
              ELSE LEAST(e.min, k.lo) END,
        max = CASE WHEN o.lost_extreme THEN (
                SELECT max(v) FILTER (WHERE v <> 'NaN') FROM (
                  SELECT p.value AS v FROM "MetricPoint" p
                  WHERE p."seriesId" = e.id AND NOT EXISTS (SELECT 1 FROM input i WHERE i.key = e.key AND i.step = p.step)
                  UNION ALL SELECT i.value FROM input i WHERE i.key = e.key) vals)
              ELSE GREATEST(e.max, k.hi) END,
        last = CASE WHEN e."lastStep" IS NULL OR k.top_step >= e."lastStep" THEN k.top_value ELSE e.last END,
        "lastStep" = GREATEST(e."lastStep", k.top_step),
        -- The rollups from the batch's first step's bucket on are no longer exact.
        "rollupValidBelow" = LEAST(s."rollupValidBelow", (k.first_step / ${ROLLUP_STEPS}::int) * ${ROLLUP_STEPS}::int)
      FROM existing e
      JOIN kinfo k ON k.key = e.key
      LEFT JOIN old_by_series o ON o.series_id = e.id
      WHERE s.id = e.id AND EXISTS (SELECT 1 FROM batch)
    ), run AS (
      UPDATE "Run" r SET "lastSeq" = GREATEST(r."lastSeq", ${seq}::int), "lastDataAt" = ${now}
      FROM locked WHERE r.id = locked.id AND EXISTS (SELECT 1 FROM batch)
    )
    SELECT
      (SELECT count(*) FROM snap)::int AS found,
      (SELECT count(*) FROM locked)::int AS locked,
      (SELECT count(*) FROM batch)::int AS recorded,
      (SELECT "lastSeq" FROM locked) AS "lastSeq",
      (SELECT hash FROM "IngestBatch" WHERE "runId" = ${runId} AND "seq" = ${seq}::int) AS "earlierHash",
      (SELECT n FROM keys_after)::int AS "keysAfter",
      (SELECT count(*) FROM old)::int AS replaced`;
}
