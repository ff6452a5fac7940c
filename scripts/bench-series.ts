// `npm run bench:series`: how fast a chart's downsampled read of a long series is, through
// the API, next to the same aggregate written by hand and sent straight to PostgreSQL.
//
//   1. an embedded PostgreSQL, migrated, with the demo data;
//   2. a run with 1,000,000 points in one key (inserted with generate_series, with one spike
//      and one NaN), plus --other-points in another run, so that the table is not all one
//      series and reads must go through the (seriesId, step) primary key;
//   3. `next start` on the production build (built first when the sources changed;
//      NEXT_DIST_DIR is respected);
//   4. in --rounds rounds, alternating so that both meet the same machine:
//      - API, repeated: GET /api/v1/runs/{id}/metrics?key=K (default max_points 1,500), the
//        same request again and again, as when a finished run's page is opened many times
//        (served from the per-version cache after the first);
//      - API, uncached: the same read with a max_points never asked before (1,500, 1,501…),
//        so no request is answered from the cache (it merges the series' rollups, built by the
//        first read; see metric-rollups.ts);
//      - SQL baseline: `pg` runs the very same bucketing by hand: the range's bounds, the
//        one-pass aggregate over the points (read-metrics.ts's bucketSqlText) and the fetch of
//        the kept points;
//      - SQL over the rollups: the same by hand over MetricRollup (rollupBucketSqlText).
//   p50 and p95 latency of each, and the ratios API / SQL.
//
// Options: --requests N (per round and kind, default 40), --rounds N (default 3),
// --other-points N (default 1000000), --explain (print the aggregate's plan), --json, --keep.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPrismaClient } from '../src/server/db/client';
import { startEmbeddedPostgres, withDatabase, type EmbeddedServer } from '../src/server/db/embedded';
import { applyMigrations } from '../src/server/db/migrations';
import { createApiToken } from '../src/server/services/api-tokens/api-tokens';
import { seedDemoData } from '../src/server/services/demo/seed-demo';
import { bucketSqlText, bucketWidth } from '../src/server/services/runs/read-metrics';
import { ROLLUP_STEPS, rollupBucketSqlText } from '../src/server/services/runs/metric-rollups';
import { startBenchNext, stopBenchNext, type BenchNext } from './lib/bench-next';
import { systemContext } from '@/server/services/context';
import { percentile } from './lib/percentile';

const { values: options } = parseArgs({
  options: {
    requests: { type: 'string', default: '40' },
    rounds: { type: 'string', default: '3' },
    'other-points': { type: 'string', default: '1000000' },
    explain: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const REQUESTS = Math.max(1, Number(options.requests));
const ROUNDS = Math.max(1, Number(options.rounds));
const OTHER_POINTS = Math.max(0, Number(options['other-points']));
const POINTS = 1_000_000;
const MAX_POINTS = 1500;
const KEY = 'train/loss';

function log(message: string) {
  console.log(`[bench] ${message}`);
}

const ms = (value: number) => Number(value.toFixed(1));

/** Fills a series with `count` points: a sine, one spike at the middle and one NaN. */
async function fillSeries(client: pg.Client, seriesId: number, count: number) {
  await client.query(
    `INSERT INTO "MetricPoint" ("seriesId", step, value, "time")
     SELECT $1, g, CASE WHEN g = $2 THEN 1000 WHEN g = $3 THEN 'NaN'::float8 ELSE sin(g / 1000.0) END, now()
     FROM generate_series(0, $4 - 1) g`,
    [seriesId, Math.floor(count / 2) + 1, Math.floor(count * 0.77), count],
  );
  await client.query(
    `UPDATE "MetricSeries" s SET count = a.n, min = a.lo, max = a.hi, last = a.last, "lastStep" = a.last_step
     FROM (SELECT count(*) AS n, min(value) FILTER (WHERE value <> 'NaN') AS lo, max(value) FILTER (WHERE value <> 'NaN') AS hi,
                  (array_agg(value ORDER BY step DESC))[1] AS last, max(step) AS last_step
           FROM "MetricPoint" WHERE "seriesId" = $1) a
     WHERE s.id = $1`,
    [seriesId],
  );
}

/** The hand-written read: bounds by the key, one aggregate pass, then the kept points. */
async function sqlRead(client: pg.Client, seriesId: number): Promise<number> {
  const bounds = await client.query<{ lo: number; hi: number }>(
    `SELECT (SELECT step FROM "MetricPoint" WHERE "seriesId" = $1 ORDER BY step LIMIT 1) AS lo,
            (SELECT step FROM "MetricPoint" WHERE "seriesId" = $1 ORDER BY step DESC LIMIT 1) AS hi`,
    [seriesId],
  );
  const { lo, hi } = bounds.rows[0]!;
  const buckets = await client.query<{ first_step: number; last_step: number; low_step: number; high_step: number }>(bucketSqlText(), [
    seriesId,
    lo,
    hi,
    bucketWidth(lo, hi, MAX_POINTS),
  ]);
  const steps = new Set<number>();
  for (const row of buckets.rows) steps.add(row.first_step).add(row.last_step).add(row.low_step).add(row.high_step);
  const points = await client.query(`SELECT step, value::text AS value, "time" FROM "MetricPoint" WHERE "seriesId" = $1 AND step = ANY($2::int[]) ORDER BY step`, [
    seriesId,
    [...steps],
  ]);
  return points.rowCount ?? 0;
}

/** The same read by hand over the rollups (built by the API's first read): whole buckets from MetricRollup, the ends from the points. */
async function sqlRollupRead(client: pg.Client, seriesId: number, lo: number, hi: number): Promise<number> {
  const firstWhole = Math.ceil(lo / ROLLUP_STEPS);
  const lastWhole = Math.floor((hi + 1) / ROLLUP_STEPS) - 1;
  const buckets = await client.query<{ first_step: number; last_step: number; low_step: number; high_step: number }>(rollupBucketSqlText(), [
    seriesId,
    lo,
    hi,
    bucketWidth(lo, hi, MAX_POINTS),
    firstWhole,
    lastWhole,
  ]);
  const steps = new Set<number>();
  for (const row of buckets.rows) steps.add(row.first_step).add(row.last_step).add(row.low_step).add(row.high_step);
  const points = await client.query(`SELECT step, value::text AS value, "time" FROM "MetricPoint" WHERE "seriesId" = $1 AND step = ANY($2::int[]) ORDER BY step`, [
    seriesId,
    [...steps],
  ]);
  return points.rowCount ?? 0;
}

async function main() {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'fellowship-bench-series-'));
  chmodSync(tempDir, 0o755);
  let server: EmbeddedServer | undefined;
  let next: BenchNext | undefined;
  const cleanup = async () => {
    await stopBenchNext(next);
    await server?.stop().catch(() => {});
    if (!options.keep) rmSync(tempDir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    log(`embedded PostgreSQL in ${tempDir}`);
    server = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pgdata'), ephemeral: !options.keep, fast: true });
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const databaseUrl = withDatabase(server.adminUrl, 'bench');
    await applyMigrations(databaseUrl);
    const prisma = createPrismaClient(databaseUrl);
    await seedDemoData(systemContext(prisma));
    const cohort = await prisma.cohort.findUniqueOrThrow({ where: { slug: 'demo' } });
    const user = await prisma.user.create({ data: { email: 'bench-series@example.com', name: 'Bench' } });
    await prisma.membership.create({ data: { cohortId: cohort.id, userId: user.id, role: 'FELLOW' } });
    const { token } = await createApiToken({ db: prisma, user: null }, { userId: user.id, cohort: 'demo', name: 'bench', expiresInDays: 1 });
    await prisma.$disconnect();

    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      NEXTAUTH_URL: 'http://127.0.0.1',
      FELLOWSHIP_API_REQUESTS_PER_MINUTE: '100000000',
      NEXT_TELEMETRY_DISABLED: '1',
    };
    next = await startBenchNext(env, { log });
    const { url } = next;

    // The run through the API, its points straight into the table (generate_series).
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const createRun = async (clientRunId: string) => {
      const response = await fetch(`${url}/api/v1/runs`, { method: 'POST', headers, body: JSON.stringify({ exercise: 'vae', client_run_id: clientRunId }) });
      if (response.status !== 201) throw new Error(`creating a run: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { run_id: string }).run_id;
    };
    const runId = await createRun('bench-series');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const addSeries = async (run: string, key: string, count: number) => {
      const series = await client.query<{ id: number }>(`INSERT INTO "MetricSeries" ("runId", key) VALUES ($1, $2) RETURNING id`, [run, key]);
      const id = series.rows[0]!.id;
      const t0 = performance.now();
      await fillSeries(client, id, count);
      log(`${count.toLocaleString('en')} points of "${key}" inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return id;
    };
    if (OTHER_POINTS > 0) await addSeries(await createRun('bench-other'), 'other', OTHER_POINTS);
    const seriesId = await addSeries(runId, KEY, POINTS);
    await client.query('VACUUM ANALYZE "MetricPoint"');

    if (options.explain) {
      const { lo, hi } = { lo: 0, hi: POINTS - 1 };
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${bucketSqlText()}`, [seriesId, lo, hi, bucketWidth(lo, hi, MAX_POINTS)]);
      console.log(plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'));
    }

    const read = async (maxPoints: number) => {
      const t0 = performance.now();
      const response = await fetch(`${url}/api/v1/runs/${runId}/metrics?key=${encodeURIComponent(KEY)}${maxPoints === MAX_POINTS ? '' : `&max_points=${maxPoints}`}`, {
        headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' },
      });
      const body = (await response.json()) as { points?: { step: number; value: number | string }[]; error?: unknown };
      const elapsed = performance.now() - t0;
      if (response.status !== 200 || !body.points) throw new Error(`read: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
      return { elapsed, points: body.points };
    };

    // Warm-up (JIT, connections, route compilation); also checks what a read keeps.
    log('warming up…');
    let sample = await read(MAX_POINTS);
    for (let i = 0; i < 5; i++) sample = await read(MAX_POINTS);
    for (let i = 0; i < 3; i++) await sqlRead(client, seriesId);
    const spike = sample.points.some((point) => point.value === 1000);
    const nan = sample.points.some((point) => point.value === 'NaN');
    const ends = sample.points[0]?.step === 0 && sample.points.at(-1)?.step === POINTS - 1;
    if (!spike || !nan || !ends || sample.points.length > MAX_POINTS) {
      throw new Error(`the read lost something: spike ${spike}, NaN ${nan}, first and last ${ends}, ${sample.points.length} points`);
    }

    const repeated: number[] = [];
    const uncached: number[] = [];
    const baseline: number[] = [];
    const rollupBaseline: number[] = [];
    let fresh = MAX_POINTS + 100;
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round}/${ROUNDS}: ${REQUESTS} repeated API reads, ${REQUESTS} uncached API reads, ${REQUESTS} SQL reads…`);
      for (let i = 0; i < REQUESTS; i++) repeated.push((await read(MAX_POINTS)).elapsed);
      for (let i = 0; i < REQUESTS; i++) uncached.push((await read(fresh++)).elapsed);
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        await sqlRead(client, seriesId);
        baseline.push(performance.now() - t0);
      }
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        await sqlRollupRead(client, seriesId, 0, POINTS - 1);
        rollupBaseline.push(performance.now() - t0);
      }
    }
    await client.end();

    const stats = (values: number[]) => ({ p50: ms(percentile(values, 50)), p95: ms(percentile(values, 95)), requests: values.length });
    const report = {
      points: POINTS,
      otherPoints: OTHER_POINTS,
      maxPoints: MAX_POINTS,
      pointsReturned: sample.points.length,
      cpus: os.cpus().length,
      apiRepeated: stats(repeated),
      apiUncached: stats(uncached),
      sqlBaseline: stats(baseline),
      sqlRollupBaseline: stats(rollupBaseline),
      ratioP95: {
        repeated: Number((percentile(repeated, 95) / percentile(baseline, 95)).toFixed(3)),
        uncached: Number((percentile(uncached, 95) / percentile(baseline, 95)).toFixed(3)),
        uncachedVsRollupSql: Number((percentile(uncached, 95) / percentile(rollupBaseline, 95)).toFixed(3)),
      },
      goalP95Ms: 100,
    };
    if (options.json) console.log(JSON.stringify(report, null, 2));
    console.log('');
    console.log(`Downsampled read of ${POINTS.toLocaleString('en')} points in one key (${OTHER_POINTS.toLocaleString('en')} other points in the table), max_points ${MAX_POINTS}, ${report.cpus} CPUs:`);
    console.log(`  ${report.pointsReturned} points come back; the spike, the NaN, the first and the last point among them`);
    console.log(`  API, repeated read (cached per series version): p50 ${report.apiRepeated.p50} ms, p95 ${report.apiRepeated.p95} ms (${repeated.length} requests)`);
    console.log(`  API, uncached read (merges the rollups):       p50 ${report.apiUncached.p50} ms, p95 ${report.apiUncached.p95} ms (${uncached.length} requests)`);
    console.log(`  SQL by hand through pg, scanning the points:   p50 ${report.sqlBaseline.p50} ms, p95 ${report.sqlBaseline.p95} ms (${baseline.length} reads)`);
    console.log(`  SQL by hand through pg, over the rollups:      p50 ${report.sqlRollupBaseline.p50} ms, p95 ${report.sqlRollupBaseline.p95} ms (${rollupBaseline.length} reads)`);
    console.log(
      `Ratio of p95: API repeated / SQL points ${report.ratioP95.repeated}, API uncached / SQL points ${report.ratioP95.uncached}, API uncached / SQL rollups ${report.ratioP95.uncachedVsRollupSql}  (goal: p95 under 100 ms)`,
    );
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
