// GET /api/v1/runs/{run_id}/metrics?key=K&max_points=N[&min_step=A&max_step=B]: one key's
// points in step order, cut down to at most N for long series. The steps of the range are
// split into N / 4 equal buckets and each bucket keeps its first, last, lowest and highest
// point, so the first and last point of the range and every spike survive. PostgreSQL orders
// NaN above every number, so a bucket with a NaN keeps one as its highest: divergence stays
// visible, as "NaN". A zoomed chart asks again for the steps it shows, at full detail.
import type { PrismaClient } from '@/generated/prisma/client';
import { MAX_INT } from '@/lib/schemas/runs';
import { AppError } from '@/server/errors';
import type { TokenContext } from '@/server/services/context';
import { encodeMetricValue, fromFloat8Text } from './metric-values';
import { refreshRollups, rollupBucketSqlText, ROLLUP_STEPS } from './metric-rollups';
import type { MetricSeriesResponse } from './run-responses';
import { runNotFound } from './runs';

export type SeriesPoint = { step: number; value: number; time: Date | null };
export type SeriesSummary = { count: number; min: number | null; max: number | null; last: number | null; lastStep: number | null };
export type SeriesRead = { count: number; summary: SeriesSummary; downsampled: boolean; points: SeriesPoint[] };
export type SeriesRange = { maxPoints: number; minStep?: number; maxStep?: number };

type SeriesRow = { id: number; count: number; version: string; min: string | null; max: string | null; last: string | null; lastStep: number | null };
type PointRow = { step: number; value: string; time: Date | null };

/** One key of the token's run, for the REST API: the series in `range`, downsampled past maxPoints. */
export async function readMetricSeries(
  ctx: TokenContext,
  input: SeriesRange & { runId: string; key: string },
): Promise<MetricSeriesResponse> {
  const { db, token: principal } = ctx;
  const { runId, key, ...range } = input;
  const run = await db.run.findFirst({
    where: { id: runId, userId: principal.userId, cohortId: principal.cohortId },
    select: { id: true },
  });
  if (!run) throw runNotFound(runId);
  const read = await readRunSeries(db, runId, key, range);
  return {
    run_id: runId,
    key,
    count: read.count,
    downsampled: read.downsampled,
    points: read.points.map((point) => ({
      step: point.step,
      value: encodeMetricValue(point.value),
      time: point.time ? point.time.toISOString() : null,
    })),
  };
}

/**
 * One key of a run whose access the caller has checked: its points in the range, downsampled
 * past `maxPoints`. Shared by the REST API and the web UI.
 */
export async function readRunSeries(db: PrismaClient, runId: string, key: string, range: SeriesRange): Promise<SeriesRead> {
  // xmin changes with every write of the series' row, and every stored batch that touches the
  // key rewrites that row (its summary): with count and lastStep it names this version exactly.
  const [series] = await db.$queryRaw<SeriesRow[]>`
    SELECT id, count, concat_ws(':', xmin::text, count, "lastStep") AS version,
           min::text AS min, max::text AS max, last::text AS last, "lastStep"
    FROM "MetricSeries" WHERE "runId" = ${runId} AND key = ${key}`;
  if (!series) {
    throw new AppError('NOT_FOUND', `This run has no metric "${key}".`, [{ path: 'query.key', message: 'is not a metric of this run' }]);
  }
  const summary: SeriesSummary = {
    count: series.count,
    min: fromFloat8Text(series.min),
    max: fromFloat8Text(series.max),
    last: fromFloat8Text(series.last),
    lastStep: series.lastStep,
  };
  const minStep = range.minStep ?? 0;
  const maxStep = range.maxStep ?? MAX_INT;
  const whole = range.minStep === undefined && range.maxStep === undefined;
  if (whole && series.count <= range.maxPoints) {
    return { count: series.count, summary, downsampled: false, points: await pointsBetween(db, series.id, minStep, maxStep) };
  }

  const cacheKey = `${series.id}|${series.version}|${minStep}|${maxStep}|${range.maxPoints}`;
  const cached = readCache.get(cacheKey);
  if (cached) {
    // Most recently used last, so the oldest entry is the first to go.
    readCache.delete(cacheKey);
    readCache.set(cacheKey, cached);
    return cached;
  }
  const result = { count: series.count, summary, ...(await downsampleBetween(db, series.id, minStep, maxStep, range.maxPoints)) };
  readCache.set(cacheKey, result);
  if (readCache.size > CACHE_ENTRIES) readCache.delete(readCache.keys().next().value!);
  return result;
}

/**
 * Downsampled reads by series version: a finished run's chart, opened again or by several
 * people, costs one scan of its points, not one per view. An entry can never be stale, since
 * any write changes the version in its key. At most 1,500 points each: a few MB in all.
 */
const CACHE_ENTRIES = 200;
const readCache = new Map<string, SeriesRead>();

async function pointsBetween(db: PrismaClient, seriesId: number, minStep: number, maxStep: number): Promise<SeriesPoint[]> {
  const rows = await db.$queryRaw<PointRow[]>`
    SELECT step, value::text AS value, "time" FROM "MetricPoint"
    WHERE "seriesId" = ${seriesId} AND step BETWEEN ${minStep} AND ${maxStep} ORDER BY step`;
  return rows.map(toPoint);
}

async function downsampleBetween(
  db: PrismaClient,
  seriesId: number,
  minStep: number,
  maxStep: number,
  maxPoints: number,
): Promise<Omit<SeriesRead, 'count' | 'summary'>> {
  // The steps actually stored in the range: two probes of the (seriesId, step) key.
  const [bounds] = await db.$queryRaw<{ lo: number | null; hi: number | null }[]>`
    SELECT
      (SELECT step FROM "MetricPoint" WHERE "seriesId" = ${seriesId} AND step BETWEEN ${minStep} AND ${maxStep} ORDER BY step LIMIT 1) AS lo,
      (SELECT step FROM "MetricPoint" WHERE "seriesId" = ${seriesId} AND step BETWEEN ${minStep} AND ${maxStep} ORDER BY step DESC LIMIT 1) AS hi`;
  if (!bounds || bounds.lo === null || bounds.hi === null) return { downsampled: false, points: [] };
  const { lo, hi } = bounds;
  // Steps are unique per key, so a range this narrow holds at most maxPoints points.
  if (hi - lo + 1 <= maxPoints) return { downsampled: false, points: await pointsBetween(db, seriesId, lo, hi) };

  const width = bucketWidth(lo, hi, maxPoints);
  const buckets = await readBuckets(db, seriesId, lo, hi, width);
  const total = buckets.reduce((sum, bucket) => sum + Number(bucket.n), 0);
  // A sparse range (a key logged every 100 steps) may hold few points across many steps.
  if (total <= maxPoints) return { downsampled: false, points: await pointsBetween(db, seriesId, lo, hi) };

  const steps = new Set<number>();
  for (const bucket of buckets) {
    steps.add(bucket.first_step).add(bucket.last_step).add(bucket.low_step).add(bucket.high_step);
  }
  const rows = await db.$queryRaw<PointRow[]>`
    SELECT step, value::text AS value, "time" FROM "MetricPoint"
    WHERE "seriesId" = ${seriesId} AND step = ANY(${[...steps]}::int[]) ORDER BY step`;
  return { downsampled: true, points: rows.map(toPoint) };
}

type BucketRow = { first_step: number; last_step: number; low_step: number; high_step: number; n: bigint | number | string };

/**
 * The range's buckets: from the rollups when each bucket spans several of them (a long range,
 * where scanning every point costs hundreds of milliseconds per million), else from the points.
 */
async function readBuckets(db: PrismaClient, seriesId: number, lo: number, hi: number, width: number): Promise<BucketRow[]> {
  const firstWhole = Math.ceil(lo / ROLLUP_STEPS);
  const lastWhole = Math.floor((hi + 1) / ROLLUP_STEPS) - 1;
  if (width < 4 * ROLLUP_STEPS || lastWhole - firstWhole < 8) {
    return db.$queryRawUnsafe<BucketRow[]>(bucketSqlText(), seriesId, lo, hi, width);
  }
  const validBelow = await refreshRollups(db, seriesId);
  // Rollups are exact below validBelow; the points of anything after it are read directly.
  const lastExact = Math.min(lastWhole, Math.floor(validBelow / ROLLUP_STEPS) - 1);
  if (lastExact - firstWhole < 8) return db.$queryRawUnsafe<BucketRow[]>(bucketSqlText(), seriesId, lo, hi, width);
  return db.$queryRawUnsafe<BucketRow[]>(rollupBucketSqlText(), seriesId, lo, hi, width, firstWhole, lastExact);
}

/** Steps per bucket so that lo..hi splits into at most maxPoints / 4 buckets. */
export function bucketWidth(lo: number, hi: number, maxPoints: number): number {
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  return Math.ceil((hi - lo + 1) / buckets);
}

/**
 * One pass over the range's points (a range scan of the (seriesId, step) key), grouped by
 * integer division of the step: per bucket the first and last step, and the steps of the
 * lowest and highest value. min(ARRAY[value, step]) is the lowest value and, among equal ones,
 * its earliest step; max(ARRAY[value, -step]) the highest (NaN above all) at its earliest step.
 * Exported so the benchmark's hand-written baseline buckets exactly the same way.
 */
export function bucketSqlText(): string {
  return `
    SELECT min(step) AS first_step, max(step) AS last_step,
           (min(ARRAY[value, step::float8]))[2]::int AS low_step,
           (-(max(ARRAY[value, -step::float8]))[2])::int AS high_step,
           count(*) AS n
    FROM "MetricPoint"
    WHERE "seriesId" = $1 AND step BETWEEN $2 AND $3
    GROUP BY (step - $2) / $4`;
}

function toPoint(row: PointRow): SeriesPoint {
  return { step: row.step, value: fromFloat8Text(row.value), time: row.time };
}
