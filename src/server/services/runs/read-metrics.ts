// GET /api/v1/runs/{run_id}/metrics?key=K&max_points=N: one key's points in step order, cut
// down to at most N for long series. The steps are split into N / 4 equal buckets and each
// bucket keeps its first, last, lowest and highest point, so the first and last point of the
// series and every spike survive. PostgreSQL orders NaN above every number, so a bucket with a
// NaN keeps one as its highest: divergence stays visible, as "NaN".
import type { PrismaClient } from '@/generated/prisma/client';
import type { MetricSeriesResponse } from '@/server/api/v1/schemas';
import { AppError } from '@/server/errors';
import type { TokenPrincipal } from '@/server/services/api-tokens/authenticate-token';
import { encodeMetricValue, fromFloat8Text } from './metric-values';
import { runNotFound } from './runs';

type PointRow = { step: number; value: string; time: Date | null };

export async function readMetricSeries(
  db: PrismaClient,
  principal: TokenPrincipal,
  runId: string,
  key: string,
  maxPoints: number,
): Promise<MetricSeriesResponse> {
  const run = await db.run.findFirst({
    where: { id: runId, userId: principal.userId, cohortId: principal.cohortId },
    select: { id: true },
  });
  if (!run) throw runNotFound(runId);
  const series = await db.metricSeries.findUnique({
    where: { runId_key: { runId, key } },
    select: { id: true, count: true },
  });
  if (!series) {
    throw new AppError('NOT_FOUND', `This run has no metric "${key}".`, [{ path: 'query.key', message: 'is not a metric of this run' }]);
  }

  const downsampled = series.count > maxPoints;
  const rows = downsampled ? await downsample(db, series.id, Math.max(1, Math.floor(maxPoints / 4))) : await allPoints(db, series.id);
  return {
    run_id: runId,
    key,
    count: series.count,
    downsampled,
    points: rows.map((row) => ({
      step: row.step,
      value: encodeMetricValue(fromFloat8Text(row.value)),
      time: row.time ? row.time.toISOString() : null,
    })),
  };
}

function allPoints(db: PrismaClient, seriesId: number): Promise<PointRow[]> {
  return db.$queryRaw<PointRow[]>`
    SELECT step, value::text AS value, "time" FROM "MetricPoint" WHERE "seriesId" = ${seriesId} ORDER BY step`;
}

/** One pass to bucket and aggregate, one index lookup per kept point. */
function downsample(db: PrismaClient, seriesId: number, buckets: number): Promise<PointRow[]> {
  return db.$queryRaw<PointRow[]>`
    WITH bounds AS (
      SELECT min(step)::float8 AS lo, max(step)::float8 - min(step)::float8 + 1 AS width
      FROM "MetricPoint" WHERE "seriesId" = ${seriesId}
    ), bucketed AS MATERIALIZED (
      SELECT p.step, p.value, floor((p.step - b.lo) * ${buckets}::int / b.width)::int AS bucket
      FROM "MetricPoint" p, bounds b WHERE p."seriesId" = ${seriesId}
    ), agg AS (
      SELECT bucket, min(step) AS first_step, max(step) AS last_step, min(value) AS low, max(value) AS high
      FROM bucketed GROUP BY bucket
    ), keep AS (
      SELECT first_step AS step FROM agg
      UNION SELECT last_step FROM agg
      UNION SELECT min(x.step) FROM bucketed x JOIN agg a ON a.bucket = x.bucket AND x.value = a.low GROUP BY x.bucket
      UNION SELECT min(x.step) FROM bucketed x JOIN agg a ON a.bucket = x.bucket AND x.value = a.high GROUP BY x.bucket
    )
    SELECT p.step, p.value::text AS value, p."time"
    FROM keep k JOIN "MetricPoint" p ON p."seriesId" = ${seriesId} AND p.step = k.step
    ORDER BY p.step`;
}
