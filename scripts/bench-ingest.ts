// `npm run bench:ingest`: how fast /api/v1 takes metrics, next to PostgreSQL's own speed.
//
//   1. an embedded PostgreSQL (durable settings unless --fast), migrated, with the demo data;
//   2. 20 API tokens and runs of the demo's `vae` exercise;
//   3. `next start` on the production build (built first when the sources changed;
//      NEXT_DIST_DIR is respected);
//   4. 20 concurrent simulated jobs, each sending numbered batches of 1,000 points (10 keys ×
//      100 steps) over HTTP for --seconds (default 15): sustained points per second and the
//      p95 request latency;
//   5. the baseline, in the same run: the very same points inserted straight into MetricPoint
//      with `pg` (one INSERT … SELECT FROM unnest(…) per batch), 20 at a time.
// The two alternate in --rounds slices (default 3: 5 s of HTTP, then its points through pg,
// three times), so that both meet the same machine: on a shared machine other work comes and
// goes. Totals are summed over the rounds. CPU seconds of next start, of this benchmark's
// PostgreSQL (postmaster and backends) and of the benchmark client are reported per phase.
//
// Options: --seconds N, --rounds N, --jobs N, --batch N, --gzip (send gzip bodies like the
// Python client does past 16 KB), --fast (fsync off), --keep (leave the database folder),
// --json, --profile DIR (a V8 CPU profile of next start).
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { createPrismaClient } from '../src/server/db/client';
import { startEmbeddedPostgres, withDatabase, type EmbeddedServer } from '../src/server/db/embedded';
import { applyMigrations } from '../src/server/db/migrations';
import { createApiToken } from '../src/server/services/api-tokens/api-tokens';
import { seedDemoData } from '../src/server/services/demo/seed-demo';
import { startBenchNext, stopBenchNext, type BenchNext } from './lib/bench-next';
import { systemContext } from '@/server/services/context';
import { percentile } from './lib/percentile';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '3' },
    jobs: { type: 'string', default: '20' },
    batch: { type: 'string', default: '1000' },
    gzip: { type: 'boolean', default: false },
    fast: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    /** Write a V8 CPU profile of `next start` into this folder (for finding hot spots). */
    profile: { type: 'string' },
  },
});
const SECONDS = Number(options.seconds);
const ROUNDS = Math.max(1, Number(options.rounds));
const JOBS = Number(options.jobs);
const BATCH = Number(options.batch);
const KEYS = ['loss', 'elbo', 'kl', 'recon', 'lr', 'grad_norm', 'train/acc', 'val/loss', 'val/elbo', 'epoch'];
const STEPS_PER_BATCH = Math.max(1, Math.floor(BATCH / KEYS.length));

const round = (value: number) => Number(value.toFixed(2));

function log(message: string) {
  console.log(`[bench] ${message}`);
}

type Point = { key: string; step: number; value: number; time: number };

/** The points of batch `seq` (from 1) of job `job`: deterministic, so the baseline gets the same. */
function batchPoints(job: number, seq: number): Point[] {
  const points: Point[] = [];
  const first = (seq - 1) * STEPS_PER_BATCH;
  for (let i = 0; i < STEPS_PER_BATCH; i++) {
    const step = first + i;
    for (let k = 0; k < KEYS.length; k++) {
      points.push({ key: KEYS[k]!, step, value: Math.sin(step / 100 + k + job) * 10 - k, time: 1795693720 + step / 10 });
    }
  }
  return points;
}

/**
 * CPU seconds used so far (Linux /proc) by process `pid` and, with `children`, its direct
 * children, live or exited: next start, or this benchmark's postmaster and its backends
 * (never another PostgreSQL on the machine).
 */
function cpuSeconds(pid: number | undefined, children = false): number {
  if (pid === undefined) return NaN;
  const tick = 100; // USER_HZ
  let total = 0;
  let entries: string[];
  try {
    entries = children ? readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)) : [String(pid)];
  } catch {
    return NaN;
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      if (Number(entry) !== pid && parent !== pid) continue;
      total += (Number(fields[11]) + Number(fields[12])) / tick;
      // The root also carries the time of children that have exited (backends of closed
      // connections), so the total never goes down.
      if (Number(entry) === pid) total += (Number(fields[13]) + Number(fields[14])) / tick;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

type JobResult = { points: number; requests: number; latencies: number[]; errors: string[] };

async function runHttpJobs(
  url: string,
  jobs: { token: string; runId: string }[],
  seconds: number,
  firstSeq: number[],
): Promise<{ results: JobResult[]; elapsed: number; lastSeq: number[] }> {
  const stopAt = performance.now() + seconds * 1000;
  const lastSeq = firstSeq.map((seq) => seq - 1);
  const started = performance.now();
  const results = await Promise.all(
    jobs.map(async (job, index) => {
      const result: JobResult = { points: 0, requests: 0, latencies: [], errors: [] };
      let seq = firstSeq[index]!;
      while (performance.now() < stopAt) {
        const points = batchPoints(index, seq);
        const json = JSON.stringify({ seq, points });
        const body = options.gzip ? gzipSync(json, { level: 5 }) : json;
        // Like the Python client: no Accept-Encoding (a tiny JSON answer is not worth compressing).
        const headers: Record<string, string> = { authorization: `Bearer ${job.token}`, 'content-type': 'application/json', 'accept-encoding': 'identity' };
        if (options.gzip) headers['content-encoding'] = 'gzip';
        const t0 = performance.now();
        const response = await fetch(`${url}/api/v1/runs/${job.runId}/metrics`, { method: 'POST', headers, body });
        const answer = (await response.json()) as { inserted?: number; duplicate?: boolean; error?: { message: string } };
        result.latencies.push(performance.now() - t0);
        result.requests += 1;
        if (response.status !== 200 || answer.duplicate) {
          if (result.errors.length < 3) result.errors.push(`${response.status} ${JSON.stringify(answer).slice(0, 200)}`);
        } else {
          result.points += points.length;
          lastSeq[index] = seq;
        }
        seq += 1;
      }
      return result;
    }),
  );
  return { results, elapsed: (performance.now() - started) / 1000, lastSeq };
}

/** The baseline: batches fromSeq..toSeq of each job straight into MetricPoint, one job per connection. */
async function runBaseline(pool: pg.Pool, seriesByJob: Map<string, number>[], fromSeq: number[], toSeq: number[]) {
  const latencies: number[] = [];
  let total = 0;
  const started = performance.now();
  await Promise.all(
    seriesByJob.map(async (series, job) => {
      for (let seq = fromSeq[job]!; seq <= toSeq[job]!; seq++) {
        const points = batchPoints(job, seq);
        const t0 = performance.now();
        await pool.query(
          `INSERT INTO "MetricPoint" ("seriesId", "step", "value", "time")
           SELECT * FROM unnest($1::int[], $2::int[], $3::float8[], $4::timestamp(3)[])`,
          [
            points.map((point) => series.get(point.key)!),
            points.map((point) => point.step),
            points.map((point) => point.value),
            points.map((point) => new Date(point.time * 1000).toISOString().replace('T', ' ').replace('Z', '')),
          ],
        );
        latencies.push(performance.now() - t0);
        total += points.length;
      }
    }),
  );
  return { points: total, elapsed: (performance.now() - started) / 1000, latencies };
}

async function main() {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'fellowship-bench-'));
  // As root, postgres runs as another user: it must be able to enter the folder.
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
    log(`embedded PostgreSQL in ${tempDir}${options.fast ? ' (fsync off)' : ''}`);
    server = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pgdata'), ephemeral: !options.keep, fast: options.fast });
    const adminClient = new pg.Client({ connectionString: server.adminUrl });
    await adminClient.connect();
    await adminClient.query('CREATE DATABASE bench');
    await adminClient.end();
    const databaseUrl = withDatabase(server.adminUrl, 'bench');
    await applyMigrations(databaseUrl);
    const prisma = createPrismaClient(databaseUrl);
    await seedDemoData(systemContext(prisma));
    const cohort = await prisma.cohort.findUniqueOrThrow({ where: { slug: 'demo' } });
    const tokens: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      const user = await prisma.user.create({ data: { email: `bench${i}@example.com`, name: `Bench ${i}` } });
      await prisma.membership.create({ data: { cohortId: cohort.id, userId: user.id, role: 'FELLOW' } });
      tokens.push((await createApiToken({ db: prisma, user: null }, { userId: user.id, cohort: 'demo', name: 'bench', expiresInDays: 1 })).token);
    }
    await prisma.$disconnect();

    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      NEXTAUTH_URL: 'http://127.0.0.1',
      FELLOWSHIP_API_REQUESTS_PER_MINUTE: '100000000',
      NEXT_TELEMETRY_DISABLED: '1',
    };
    next = await startBenchNext(env, { log, nodeFlags: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profile)}`] : [] });
    const { url } = next;

    // The runs, created through the API like a job does (and as many for the warm-up).
    const createRuns = async (prefix: string) => {
      const runs: { token: string; runId: string }[] = [];
      for (const [index, token] of tokens.entries()) {
        const response = await fetch(`${url}/api/v1/runs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ exercise: 'vae', client_run_id: `${prefix}-${index}`, params: { job: index } }),
        });
        if (response.status !== 201) throw new Error(`creating run ${index}: ${response.status} ${await response.text()}`);
        runs.push({ token, runId: ((await response.json()) as { run_id: string }).run_id });
      }
      return runs;
    };
    const jobs = await createRuns('bench');
    const warmJobs = await createRuns('warm-up');

    // Warm-up (JIT, connection pools, route compilation), on other runs: not counted.
    log('warming up for 3 s…');
    const warm = await runHttpJobs(url, warmJobs, 3, warmJobs.map(() => 1));
    const warmErrors = warm.results.flatMap((result) => result.errors);
    if (warmErrors.length) throw new Error(`warm-up failed: ${warmErrors.slice(0, 3).join('; ')}`);

    // The baseline's own runs and series (same keys), and its warm pool.
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const exercise = await check.query<{ id: string }>(`SELECT "exerciseItemId" AS id FROM "Run" WHERE id = $1`, [jobs[0]!.runId]);
    const seriesByJob: Map<string, number>[] = [];
    for (let job = 0; job < JOBS; job++) {
      const owner = await check.query<{ userId: string; cohortId: string }>(`SELECT "userId", "cohortId" FROM "Run" WHERE id = $1`, [jobs[job]!.runId]);
      const run = await check.query<{ id: string }>(
        `INSERT INTO "Run" (id, "cohortId", "userId", "exerciseItemId", "clientRunId", "updatedAt") VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
        [`baseline-${job}`, owner.rows[0]!.cohortId, owner.rows[0]!.userId, exercise.rows[0]!.id, `baseline-${job}`],
      );
      const series = await check.query<{ id: number; key: string }>(
        `INSERT INTO "MetricSeries" ("runId", key) SELECT $1, unnest($2::text[]) RETURNING id, key`,
        [run.rows[0]!.id, KEYS],
      );
      seriesByJob.push(new Map(series.rows.map((row) => [row.key, row.id])));
    }
    await check.query('CHECKPOINT');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: JOBS });
    await Promise.all(Array.from({ length: JOBS }, async () => (await pool.connect()).release()));

    const postgresPid = postmasterPid(server.dataDir);
    const http = { elapsed: 0, points: 0, requests: 0, latencies: [] as number[], errors: [] as string[], cpu: { next: 0, postgres: 0, client: 0 } };
    const base = { elapsed: 0, points: 0, latencies: [] as number[], cpu: { postgres: 0, client: 0 } };
    let nextSeq = jobs.map(() => 1);
    const slice = SECONDS / ROUNDS;
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round}/${ROUNDS}: ${JOBS} jobs send ${STEPS_PER_BATCH * KEYS.length}-point batches for ${slice.toFixed(1)} s${options.gzip ? ' (gzip)' : ''}, then the same points go through pg…`);
      const before = { next: cpuSeconds(next.child.pid, true), postgres: cpuSeconds(postgresPid, true), client: process.cpuUsage() };
      const measured = await runHttpJobs(url, jobs, slice, nextSeq);
      const client = process.cpuUsage(before.client);
      http.cpu.next += cpuSeconds(next.child.pid, true) - before.next;
      http.cpu.postgres += cpuSeconds(postgresPid, true) - before.postgres;
      http.cpu.client += (client.user + client.system) / 1e6;
      http.elapsed += measured.elapsed;
      for (const result of measured.results) {
        http.points += result.points;
        http.requests += result.requests;
        http.latencies.push(...result.latencies);
        http.errors.push(...result.errors);
      }

      const baseBefore = { postgres: cpuSeconds(postgresPid, true), client: process.cpuUsage() };
      const baseline = await runBaseline(pool, seriesByJob, nextSeq, measured.lastSeq);
      const baseClient = process.cpuUsage(baseBefore.client);
      base.cpu.postgres += cpuSeconds(postgresPid, true) - baseBefore.postgres;
      base.cpu.client += (baseClient.user + baseClient.system) / 1e6;
      base.elapsed += baseline.elapsed;
      base.points += baseline.points;
      base.latencies.push(...baseline.latencies);
      nextSeq = measured.lastSeq.map((seq) => seq + 1);
    }
    await pool.end();

    // Check what landed: every point once.
    const stored = await check.query<{ n: string }>(
      `SELECT count(*) AS n FROM "MetricPoint" p JOIN "MetricSeries" s ON s.id = p."seriesId" WHERE s."runId" = ANY($1)`,
      [jobs.map((job) => job.runId)],
    );
    await check.end();
    const errors = http.errors;
    const httpPoints = http.points;
    const httpRequests = http.requests;
    const httpRate = http.points / http.elapsed;
    const baselineRate = base.points / base.elapsed;
    const perBatch = (seconds: number, batches: number) => Number(((seconds / Math.max(1, batches)) * 1000).toFixed(2));
    const baselineBatches = base.latencies.length;

    const report = {
      jobs: JOBS,
      batchPoints: STEPS_PER_BATCH * KEYS.length,
      rounds: ROUNDS,
      gzip: options.gzip,
      durable: !options.fast,
      cpus: os.cpus().length,
      http: {
        seconds: Number(http.elapsed.toFixed(2)),
        requests: httpRequests,
        points: httpPoints,
        pointsStored: Number(stored.rows[0]!.n),
        pointsPerSecond: Math.round(httpRate),
        p50LatencyMs: Number(percentile(http.latencies, 50).toFixed(1)),
        p95LatencyMs: Number(percentile(http.latencies, 95).toFixed(1)),
        errors: errors.length,
        cpuSeconds: { next: round(http.cpu.next), postgres: round(http.cpu.postgres), benchClient: round(http.cpu.client) },
        cpuMsPerBatch: { next: perBatch(http.cpu.next, httpRequests), postgres: perBatch(http.cpu.postgres, httpRequests), benchClient: perBatch(http.cpu.client, httpRequests) },
      },
      baseline: {
        seconds: Number(base.elapsed.toFixed(2)),
        points: base.points,
        pointsPerSecond: Math.round(baselineRate),
        p95BatchMs: Number(percentile(base.latencies, 95).toFixed(1)),
        cpuSeconds: { postgres: round(base.cpu.postgres), benchClient: round(base.cpu.client) },
        cpuMsPerBatch: { postgres: perBatch(base.cpu.postgres, baselineBatches), benchClient: perBatch(base.cpu.client, baselineBatches) },
      },
      ratio: Number((httpRate / baselineRate).toFixed(3)),
      goals: { pointsPerSecond: 50_000, ratio: 0.5 },
    };
    if (options.json) console.log(JSON.stringify(report, null, 2));
    console.log('');
    console.log(`Ingestion over HTTP (next start, ${JOBS} jobs, ${report.batchPoints}-point batches${options.gzip ? ', gzip' : ''}, ${report.cpus} CPUs, ${ROUNDS} rounds):`);
    console.log(`  ${report.http.pointsPerSecond.toLocaleString('en')} points/s sustained over ${report.http.seconds} s (${httpRequests} requests, ${errors.length} errors)`);
    console.log(`  request latency p50 ${report.http.p50LatencyMs} ms, p95 ${report.http.p95LatencyMs} ms`);
    console.log(`  stored ${report.http.pointsStored.toLocaleString('en')} of ${httpPoints.toLocaleString('en')} points sent`);
    console.log(`  CPU ms per batch: next ${report.http.cpuMsPerBatch.next}, postgres ${report.http.cpuMsPerBatch.postgres}, bench client ${report.http.cpuMsPerBatch.benchClient}`);
    console.log(`Baseline (pg straight into MetricPoint, the same points, ${JOBS} at a time, interleaved):`);
    console.log(`  ${report.baseline.pointsPerSecond.toLocaleString('en')} points/s (batch p95 ${report.baseline.p95BatchMs} ms)`);
    console.log(`  CPU ms per batch: postgres ${report.baseline.cpuMsPerBatch.postgres}, bench client ${report.baseline.cpuMsPerBatch.benchClient}`);
    console.log(`Ratio HTTP / baseline: ${report.ratio}  (goals: ≥ 50,000 points/s and ≥ 0.5)`);
    if (errors.length) console.log(`First errors: ${errors.slice(0, 3).join('\n  ')}`);
    if (report.http.pointsStored !== httpPoints) throw new Error('stored points differ from points sent');
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
