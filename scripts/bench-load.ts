// `npm run bench:load`: a programme's mixed traffic, first on one app server straight on
// PostgreSQL, then on two behind HAProxy and PgBouncer (transaction mode), on the same machine in
// the same run (docs/deploying.md sizes deployments from these figures):
//
//   fellows       open their week (/cohorts/demo) and tick a reading (tRPC), in turn
//   facilitators  open the grid (/cohorts/demo/progress) and mark attendance (tRPC), in turn
//   jobs          training jobs sending numbered batches of 100 points (/api/v1)
//   visitors      the public syllabus page, signed out
//
// Each kind is a number of closed-loop clients (no pause: the figures are the capacity, not a
// real day's load). Baseline in the same run: /api/health (one SQL statement) on one server with
// all the clients. With two servers, an admin edits the curriculum through server A every two
// seconds while a poller on server B times how long B takes to show it (the cache invalidation
// across servers; goal p95 under one second). Prints requests/s, p50 and p95 per action, errors,
// and requests/s per CPU core.
//
// Needs pgbouncer and haproxy (Debian packages). Options (env): BENCH_DURATION_S (default 20).
import os from 'node:os';
import { findFreePort, withDatabase } from '@/server/db/embedded';
import { adminQuery, startTestServer } from '../tests/setup/test-postgres';
import {
  clusterTools,
  demoApiTokenAt,
  demoCookie,
  demoWorkload,
  launchApp,
  startHaproxy,
  startPgBouncer,
  trpcAt,
  waitUntilServing,
  type Service,
} from '../tests/support/cluster';
import { percentile } from './lib/percentile';

const DURATION_MS = Number(process.env.BENCH_DURATION_S ?? 20) * 1000;
const CLIENTS = { fellows: 8, facilitators: 4, jobs: 10, visitors: 8 };
const SECRET = 'bench-load-secret-0123456789abcdef0123456789';

function log(message: string) {
  console.log(`[bench] ${message}`);
}

type Stats = Map<string, { durations: number[]; errors: number; statuses: Set<string> }>;

function record(stats: Stats, action: string, ms: number, status: number | string) {
  let entry = stats.get(action);
  if (!entry) stats.set(action, (entry = { durations: [], errors: 0, statuses: new Set() }));
  entry.durations.push(ms);
  if (typeof status === 'string' || status >= 400) {
    entry.errors++;
    entry.statuses.add(String(status));
  }
}

async function timed(stats: Stats, action: string, url: string, init: RequestInit = {}): Promise<void> {
  const started = performance.now();
  let status: number | string;
  try {
    const response = await fetch(url, { ...init, redirect: 'manual' });
    await response.arrayBuffer();
    status = response.status;
  } catch (error) {
    status = (error as Error).message;
  }
  record(stats, action, performance.now() - started, status);
}

type World = Awaited<ReturnType<typeof demoWorkload>> & { fellow: string; facilitator: string; admin: string; tokens: string[]; runs: string[] };

async function prepareWorld(site: string, directUrl: string): Promise<World> {
  const workload = await demoWorkload(directUrl);
  const [fellow, facilitator, admin] = await Promise.all((['fellow', 'facilitator', 'admin'] as const).map((role) => demoCookie(site, role)));
  const tokens: string[] = [];
  for (let i = 0; i < CLIENTS.jobs; i++) tokens.push(await demoApiTokenAt(site, 'fellow', `load-${Date.now()}-${i}`));
  const runs: string[] = [];
  for (const [i, token] of tokens.entries()) {
    const response = await fetch(`${site}/api/v1/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ exercise: 'vae', client_run_id: `load-${Date.now()}-${i}` }),
    });
    runs.push(((await response.json()) as { run_id: string }).run_id);
  }
  return { ...workload, fellow: fellow!, facilitator: facilitator!, admin: admin!, tokens, runs };
}

/** The mixed workload against `site` for DURATION_MS; returns per-action statistics. */
async function mixedLoad(site: string, world: World, seqStart: number[]): Promise<Stats> {
  const stats: Stats = new Map();
  const until = performance.now() + DURATION_MS;
  const loop = async (step: (i: number) => Promise<void>) => {
    for (let i = 0; performance.now() < until; i++) await step(i);
  };
  const post = (cookie: string, body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ json: body }) });
  await Promise.all([
    ...Array.from({ length: CLIENTS.fellows }, (_, client) =>
      loop(async (i) => {
        if (i % 2 === 0) return timed(stats, "fellow's week", `${site}/cohorts/demo`, { headers: { cookie: world.fellow } });
        return timed(stats, 'tick a reading', `${site}/api/trpc/progress.setReadingDone`, post(world.fellow, { cohort: 'demo', itemId: world.readings[(i + client) % world.readings.length], done: i % 4 === 1 }));
      }),
    ),
    ...Array.from({ length: CLIENTS.facilitators }, () =>
      loop(async (i) => {
        if (i % 2 === 0) return timed(stats, 'grid', `${site}/cohorts/demo/progress`, { headers: { cookie: world.facilitator } });
        return timed(stats, 'mark attendance', `${site}/api/trpc/attendance.mark`, post(world.facilitator, { cohort: 'demo', meetingId: world.meetingId, membershipId: world.membershipId, status: i % 4 === 1 ? 'PRESENT' : 'LATE' }));
      }),
    ),
    ...world.runs.map((runId, job) =>
      loop(async () => {
        const seq = ++seqStart[job]!;
        const points = Array.from({ length: 100 }, (_, p) => ({ key: 'loss', step: seq * 100 + p, value: 1 / seq }));
        return timed(stats, 'training batch (100 points)', `${site}/api/v1/runs/${runId}/metrics`, {
          method: 'POST',
          headers: { authorization: `Bearer ${world.tokens[job]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ seq, points }),
        });
      }),
    ),
    ...Array.from({ length: CLIENTS.visitors }, () => loop(async () => timed(stats, 'syllabus (visitor)', `${site}/syllabus/${world.slug}`))),
  ]);
  return stats;
}

async function healthBaseline(site: string): Promise<Stats> {
  const stats: Stats = new Map();
  const until = performance.now() + DURATION_MS / 2;
  const clients = CLIENTS.fellows + CLIENTS.facilitators + CLIENTS.jobs + CLIENTS.visitors;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) await timed(stats, '/api/health (baseline)', `${site}/api/health`);
  }));
  return stats;
}

/**
 * Edits through A every 2 s, then asks B for the page every 20 ms. `dropped`: from the edit's
 * answer to the start of the first request B answered with the edit (B had dropped its copy by
 * then: the invalidation delay); `shown`: to that answer's arrival (plus B's render under load).
 */
async function invalidationDelays(a: string, b: string, world: World, running: () => boolean): Promise<{ dropped: number[]; shown: number[] }> {
  const dropped: number[] = [];
  const shown: number[] = [];
  for (let n = 0; running(); n++) {
    const description = `Load test edit ${n} ${Date.now()}`;
    await trpcAt(a, 'curriculumEditor.updateCurriculum', { curriculum: world.slug, description }, world.admin);
    const edited = performance.now();
    for (;;) {
      const asked = performance.now();
      const page = await (await fetch(`${b}/syllabus/${world.slug}`)).text();
      if (page.includes(description)) {
        dropped.push(asked - edited);
        shown.push(performance.now() - edited);
        break;
      }
      if (performance.now() - edited > 10_000) {
        dropped.push(Infinity);
        shown.push(Infinity);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  return { dropped, shown };
}

function table(title: string, stats: Stats, seconds: number): { total: number } {
  console.log(`\n${title}`);
  console.log('| action | requests/s | p50 ms | p95 ms | errors |');
  console.log('| --- | --- | --- | --- | --- |');
  let total = 0;
  for (const [action, entry] of stats) {
    const rps = entry.durations.length / seconds;
    total += rps;
    const errors = entry.errors ? `${entry.errors} (${[...entry.statuses].join(', ')})` : '0';
    console.log(`| ${action} | ${rps.toFixed(1)} | ${percentile(entry.durations, 50).toFixed(0)} | ${percentile(entry.durations, 95).toFixed(0)} | ${errors} |`);
  }
  const cores = os.cpus().length;
  console.log(`| all | ${total.toFixed(1)} (${(total / cores).toFixed(1)} per core, ${cores} cores) | | | ${[...stats.values()].reduce((sum, e) => sum + e.errors, 0)} |`);
  return { total };
}

async function main() {
  if (!clusterTools.pgbouncer || !clusterTools.haproxy) throw new Error('bench:load needs pgbouncer and haproxy (apt-get install pgbouncer haproxy)');
  const server = await startTestServer();
  const services: Service[] = [];
  try {
    const database = `bench_load_${Date.now()}`;
    await adminQuery(server.adminUrl, `CREATE DATABASE "${database}"`);
    const directUrl = withDatabase(server.adminUrl, database);
    const seqs = Array.from({ length: CLIENTS.jobs }, () => 0);
    const baseEnv = {
      NEXTAUTH_SECRET: SECRET,
      FELLOWSHIP_DEMO: '1',
      FELLOWSHIP_DEMO_DATA: '1',
      FELLOWSHIP_API_REQUESTS_PER_MINUTE: '1000000',
      FELLOWSHIP_SIGNIN_EMAILS_PER_IP_PER_HOUR: '1000',
      FELLOWSHIP_API_TOKENS_PER_USER: '1000',
      LOG_LEVEL: 'info',
    };

    // 1. One server, straight on PostgreSQL.
    const onePort = await findFreePort();
    const single = launchApp(onePort, { ...baseEnv, DATABASE_URL: directUrl, NEXTAUTH_URL: `http://127.0.0.1:${onePort}` });
    services.push(single);
    await waitUntilServing(single, 600_000);
    const oneSite = `http://127.0.0.1:${onePort}`;
    const world = await prepareWorld(oneSite, directUrl);
    log(`one server on ${oneSite}: warming up, then ${DURATION_MS / 1000} s of the baseline and ${DURATION_MS / 1000} s of mixed load`);
    await mixedLoad(oneSite, world, seqs).catch(() => undefined);
    const baseline = await healthBaseline(oneSite);
    const one = await mixedLoad(oneSite, world, seqs);
    await single.stop();

    // 2. Two servers behind HAProxy, through PgBouncer.
    const bouncer = await startPgBouncer(directUrl);
    services.push(bouncer);
    const [lbPort, aPort, bPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
    const env = { ...baseEnv, DATABASE_URL: bouncer.url, DIRECT_DATABASE_URL: directUrl, NEXTAUTH_URL: `http://127.0.0.1:${lbPort}` };
    const apps = [launchApp(aPort!, env), launchApp(bPort!, env)];
    services.push(...apps);
    await Promise.all(apps.map((app) => waitUntilServing(app, 600_000)));
    const lb = await startHaproxy(lbPort!, [aPort!, bPort!]);
    services.push(lb);
    log(`two servers behind ${lb.url}: warming up, then ${DURATION_MS / 1000} s of mixed load with an edit every 2 s`);
    await mixedLoad(lb.url, world, seqs).catch(() => undefined);
    let loading = true;
    const delaysDone = invalidationDelays(`http://127.0.0.1:${aPort}`, `http://127.0.0.1:${bPort}`, world, () => loading);
    const two = await mixedLoad(lb.url, world, seqs);
    loading = false;
    const delays = await delaysDone;

    const seconds = DURATION_MS / 1000;
    const base = table('Baseline: /api/health on one server, all clients', baseline, seconds / 2);
    const oneTotal = table('One server, PostgreSQL direct', one, seconds);
    const twoTotal = table('Two servers, HAProxy + PgBouncer (transaction mode)', two, seconds);
    console.log(`\nmixed load vs baseline: one server ${(oneTotal.total / base.total).toFixed(2)}x, two servers ${(twoTotal.total / base.total).toFixed(2)}x`);
    const { dropped, shown } = delays;
    console.log(
      `cache invalidation across servers (${dropped.length} edits): B had dropped its copy after p50 ${percentile(dropped, 50).toFixed(0)} ms, p95 ${percentile(dropped, 95).toFixed(0)} ms, max ${Math.max(...dropped).toFixed(0)} ms (goal: p95 under 1000 ms); ` +
        `the new page arrived after p50 ${percentile(shown, 50).toFixed(0)} ms, p95 ${percentile(shown, 95).toFixed(0)} ms (with B's render under load)`,
    );
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}); servers, PostgreSQL, PgBouncer, HAProxy and the clients share them`);
  } finally {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
