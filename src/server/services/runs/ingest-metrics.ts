// POST /api/v1/runs/{run_id}/metrics: one numbered batch of points, stored exactly once.
//
// A batch is ONE SQL statement (so one implicit transaction and one round trip; its text is in
// ingest-metrics-sql.ts), built from CTEs over the batch's columns (array literals, unnest):
//   locked   lock the caller's run row (SELECT … FOR UPDATE), but only if this statement's
//            snapshot saw its latest version: every stored batch updates the run's row, so a
//            batch of the same run that committed after this statement began makes xmin
//            differ; the lock then yields nothing, nothing is written, and the statement is
//            run again with a fresh snapshot (optimistic, and rare: a job sends its batches
//            one after another). Concurrent batches of one run are thus applied one at a
//            time, each seeing everything the earlier ones stored; other runs go in parallel.
//   batch    record (runId, seq, hash), unless the run would pass 1,000 keys. A used seq is
//            a replay when its hash matches (answered `{ duplicate: true }`: nothing was
//            written) or a 409 when it does not. Every write below depends on this row.
//   created  series (one per metric key) the run lacks, inserted with their summary;
//   old      only for points at or below their series' lastStep (a job resumed from a
//            checkpoint re-logging steps): the values they replace;
//   appended points past their series' lastStep: a plain INSERT … SELECT FROM unnest(…)
//            (nothing can collide there: the run is locked and lastStep is the highest stored
//            step), much cheaper than ON CONFLICT's speculative insertion;
//   rewritten the other points: INSERT … ON CONFLICT (seriesId, step) DO UPDATE, so a point
//            at a stored (key, step) replaces it;
//   updated  the touched series' summaries: count grows by the new steps; min and max fold in
//            the batch's values; last and lastStep follow the highest step. When a replaced
//            point held its series' min or max, that series' min and max are recomputed from
//            its points (only then, and only that series);
//   run      lastSeq and lastDataAt.
// NaN is stored as PostgreSQL's NaN; min and max leave NaN out (a diverged run keeps its
// finite range), count includes it, and last may be NaN. The per-key batch aggregates are
// computed here (one pass over the points); the columns travel as array-literal text
// parameters; the statement is prepared once per connection (PREPARED_STATEMENT): planning
// it anew would cost about a millisecond of PostgreSQL's time per batch.
// Measured with `npm run bench:ingest` (2 CPUs, 20 jobs, 1,000-point batches): PostgreSQL
// spends about 8.5 ms of CPU per batch here against 6.7 ms for a plain `pg` INSERT of the same
// points (the per-row foreign-key check on MetricPoint dominates both); the rest of the gap
// is the app server (Next, JSON, zod, hashing, Prisma: about 7 ms per batch).
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@/generated/prisma/client';
import { MAX_KEYS_PER_RUN, type MetricsBody } from '@/lib/schemas/runs';
import { AppError } from '@/server/errors';
import type { TokenPrincipal } from '@/server/services/api-tokens/authenticate-token';
import { nowOf, type TokenContext } from '@/server/services/context';
import { batchStatement, type BatchWrite, type Columns } from './ingest-metrics-sql';
import { decodeMetricValue, toFloat8Text } from './metric-values';
import type { MetricsAccepted } from './run-responses';
import { runNotFound } from './runs';

/** Unix milliseconds of a point's time (the column keeps milliseconds), or null. */
function unixMilliseconds(time: number | string | null | undefined): number | null {
  if (time === null || time === undefined) return null;
  const ms = typeof time === 'number' ? Math.round(time * 1000) : Date.parse(time);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * One metric key's statistics over the points of a batch that are stored: its position in
 * distinctKeys (1-based) and quoted name, the count, the lowest and highest value leaving NaN
 * out (finite: whether any value was not NaN), the first step, and the top step with its value.
 */
type KeyStats = { ord: number; quoted: string; n: number; lo: number; hi: number; finite: boolean; first: number; top: number; topValue: string };

/** A key first seen at `first` (its ord-th key in the batch), with no values yet. */
function startKey(ord: number, name: string, first: number): KeyStats {
  return { ord, quoted: `"${name}"`, n: 0, lo: Infinity, hi: -Infinity, finite: false, first, top: -1, topValue: '' };
}

/** Counts one stored value of the key and folds it into its range (NaN is counted, not ranged). */
function addValue(key: KeyStats, value: number): void {
  key.n += 1;
  if (!Number.isNaN(value)) {
    key.finite = true;
    if (value < key.lo) key.lo = value;
    if (value > key.hi) key.hi = value;
  }
}

/** Tries before giving up when other batches of the same run keep committing first. */
const MAX_ATTEMPTS = 50;

type Outcome = {
  found: boolean;
  locked: boolean;
  recorded: boolean;
  overLimit: boolean;
  lastSeq: number | null;
  earlierHash: string | null;
  keysAfter: number;
  replaced: number;
};

/**
 * The batch as columns for the statement, with its hash: SHA-256 of one canonical line per
 * point as sent (key, step, value as float8 text, time in ms), so a replay matches whatever
 * JSON spelling it used. The same (key, step) twice in one batch: the later one wins, as it
 * would in two batches. A hot path (every point of every batch): one pass, few allocations.
 */
function prepareBatch(body: MetricsBody): { hash: string; columns: Columns; rows: number } {
  const stats = new Map<string, KeyStats>();
  let canonical = '';
  let keys = '';
  let steps = '';
  let values = '';
  let times = '';
  // Usually each key's steps rise within a batch; if one repeats or goes back, the points are
  // laid out again below, keeping the last point of each (key, step).
  let rising = true;
  // Times travel as milliseconds after the batch's first time (short numbers, exact).
  let timeBase: number | null = null;
  for (let i = 0; i < body.points.length; i++) {
    const point = body.points[i]!;
    const value = decodeMetricValue(point.value);
    const valueText = toFloat8Text(value);
    const ms = unixMilliseconds(point.time);
    canonical += `${point.key}\t${point.step}\t${valueText}\t${ms === null ? '' : ms}\n`;
    let key = stats.get(point.key);
    if (!key) {
      key = startKey(stats.size + 1, point.key, point.step);
      stats.set(point.key, key);
    } else if (point.step <= key.top) {
      rising = false;
    }
    const sep = i === 0 ? '' : ',';
    if (ms !== null && timeBase === null) timeBase = ms;
    keys += sep + key.ord;
    steps += sep + point.step;
    values += sep + valueText;
    times += sep + (ms === null ? 'NULL' : ms - timeBase!);
    addValue(key, value);
    if (point.step > key.top) {
      key.top = point.step;
      key.topValue = valueText;
    }
  }
  if (stats.size > MAX_KEYS_PER_RUN) {
    throw new AppError('BAD_REQUEST', `This batch has ${stats.size} metric keys; a run may have at most ${MAX_KEYS_PER_RUN}.`, [
      { path: 'points', message: `must use at most ${MAX_KEYS_PER_RUN} distinct keys` },
    ]);
  }
  let rows = body.points.length;
  if (!rising) ({ keys, steps, values, times, rows } = withoutRepeats(body, stats, timeBase ?? 0));

  const perKey = { key: '', n: '', lo: '', hi: '', first: '', top: '', topValue: '' };
  for (const key of stats.values()) {
    const sep = perKey.key === '' ? '' : ',';
    perKey.key += sep + key.quoted;
    perKey.n += sep + key.n;
    perKey.lo += sep + (key.finite ? toFloat8Text(key.lo) : 'NULL');
    perKey.hi += sep + (key.finite ? toFloat8Text(key.hi) : 'NULL');
    perKey.first += sep + key.first;
    perKey.top += sep + key.top;
    perKey.topValue += sep + key.topValue;
  }
  const wrap = (text: string) => `{${text}}`;
  return {
    hash: createHash('sha256').update(canonical).digest('hex'),
    rows,
    columns: {
      timeBase: timeBase ?? 0,
      keys: wrap(keys),
      steps: wrap(steps),
      values: wrap(values),
      times: wrap(times),
      distinctKeys: wrap(perKey.key),
      n: wrap(perKey.n),
      lo: wrap(perKey.lo),
      hi: wrap(perKey.hi),
      first: wrap(perKey.first),
      top: wrap(perKey.top),
      topValue: wrap(perKey.topValue),
    },
  };
}

/**
 * The columns again for a batch where some key repeats a step: the last point of each (key,
 * step) wins. Fixes each key's stats (count, range, first step) to the points kept.
 */
function withoutRepeats(body: MetricsBody, stats: Map<string, KeyStats>, timeBase: number) {
  const last = new Map<string, Map<number, number>>();
  for (let i = 0; i < body.points.length; i++) {
    const point = body.points[i]!;
    let bySteps = last.get(point.key);
    if (!bySteps) last.set(point.key, (bySteps = new Map()));
    bySteps.set(point.step, i);
  }
  let keys = '';
  let steps = '';
  let values = '';
  let times = '';
  let rows = 0;
  for (const [name, bySteps] of last) {
    const key = stats.get(name)!;
    // Counted again from the points kept; its top step (and so its place) stays the same.
    Object.assign(key, { n: 0, lo: Infinity, hi: -Infinity, finite: false, first: Infinity });
    for (const [step, index] of bySteps) {
      const point = body.points[index]!;
      const value = decodeMetricValue(point.value);
      const valueText = toFloat8Text(value);
      const ms = unixMilliseconds(point.time);
      const sep = rows === 0 ? '' : ',';
      keys += sep + key.ord;
      steps += sep + step;
      values += sep + valueText;
      times += sep + (ms === null ? 'NULL' : ms - timeBase);
      rows += 1;
      addValue(key, value);
      if (step < key.first) key.first = step;
      // The top step's value: the last point at that step (bySteps keeps the last index).
      if (step === key.top) key.topValue = valueText;
    }
  }
  return { keys, steps, values, times, rows };
}

export async function ingestMetrics(ctx: TokenContext, input: { runId: string; batch: MetricsBody }): Promise<MetricsAccepted> {
  const { db, token: principal } = ctx;
  const { runId, batch: body } = input;
  const now = nowOf(ctx);
  const { hash, columns, rows } = prepareBatch(body);
  const pointCount = body.points.length;

  for (let attempt = 1; ; attempt++) {
    const outcome = await writeBatch(db, principal, { runId, seq: body.seq, hash, pointCount, columns, now });
    if (!outcome.found) throw runNotFound(runId);
    if (!outcome.locked) {
      // Another batch of this run committed after this statement began: go again.
      if (attempt >= MAX_ATTEMPTS) throw new Error(`ingestMetrics: run ${runId} stayed busy for ${MAX_ATTEMPTS} attempts`);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));
      continue;
    }
    const lastSeq = outcome.lastSeq!;
    if (outcome.overLimit) {
      throw new AppError(
        'CONFLICT',
        `This batch would give the run ${outcome.keysAfter} metric keys; a run may have at most ${MAX_KEYS_PER_RUN}. Log fewer distinct keys (put varying parts in params or in the step).`,
        [{ path: 'points', message: `would take the run past ${MAX_KEYS_PER_RUN} keys` }],
      );
    }
    if (!outcome.recorded) {
      if (outcome.earlierHash === hash) {
        return { duplicate: true, seq: body.seq, points: pointCount, inserted: 0, replaced: 0, last_seq: lastSeq };
      }
      throw new AppError(
        'CONFLICT',
        `Batch ${body.seq} of this run was already stored with different points. Each batch needs a new number (the highest so far is ${lastSeq}).`,
        [{ path: 'seq', message: 'is already used by a batch with other points' }],
      );
    }
    return {
      duplicate: false,
      seq: body.seq,
      points: pointCount,
      inserted: rows - outcome.replaced,
      replaced: outcome.replaced,
      last_seq: Math.max(lastSeq, body.seq),
    };
  }
}

async function writeBatch(db: PrismaClient, principal: TokenPrincipal, batch: BatchWrite): Promise<Outcome> {
  const rows = await db.$queryRaw<
    { found: number; locked: number; recorded: number; lastSeq: number | null; earlierHash: string | null; keysAfter: number; replaced: number }[]
  >(batchStatement(principal, batch));
  const row = rows[0]!;
  return {
    found: row.found > 0,
    locked: row.locked > 0,
    recorded: row.recorded > 0,
    overLimit: row.locked > 0 && row.recorded === 0 && row.keysAfter > MAX_KEYS_PER_RUN,
    lastSeq: row.lastSeq,
    earlierHash: row.earlierHash,
    keysAfter: row.keysAfter,
    replaced: row.replaced,
  };
}
