// `npm run bench:pages`: the signed-in pages a programme's busiest minutes ask for together
// (issue 18), under 20 connections (autocannon) through the app's server on the production
// build, on the demo data and on a generated cohort of 500 fellows (bench:dashboard's):
//
//   the fellow's week        /cohorts/<c>              (a fellow's session)
//   the cohort syllabus      /cohorts/<c>/syllabus     (signed in: rendered per request)
//   the facilitator's grid   /cohorts/<c>/progress     (a facilitator's session)
//   the attendance sheet     /cohorts/<c>/attendance   (a facilitator's session)
//   a tick of a reading      POST /api/trpc/progress.setReadingDone (the fellow's mutation)
//   the week, navigated to   the fellow's week as a client-side navigation asks for it (RSC only)
//   the floor                /cohorts/<c>/switch       (a small signed-in page: what any render costs)
//
// next to the baseline measured in the same run: /api/health (one SQL statement) on the same
// server under the same connections. Prints requests/s, p50/p95, the ratio to the baseline, the
// server process's CPU time per request (from /proc: the figure that does not move with what else
// the 2 shared cores run), SQL statements per request (PostgreSQL logs every statement) and the
// page's size. Goals (issue
// 18): each page ≥ 0.3× the baseline's requests/s, p95 < 150 ms, ≤ 8 statements, not growing
// with the cohort. Options (env): BENCH_DURATION_S (default 10; 0 measures no load),
// BENCH_WARMUP_S (load before each measurement, not counted; default 3),
// BENCH_CPU_PROFILE_DIR (a CPU profile of the server for the whole run), BENCH_PROBE_DIR (each
// target's response and the SQL statements of one request, in files), NEXT_DIST_DIR,
// BENCH_ONLY (a pattern of the targets to run, as "fellow's week (demo)"), BENCH_SERVER=next.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import autocannon from 'autocannon';
import { createPrismaClient } from '@/server/db/client';
import { findFreePort } from '@/server/db/embedded';
import { createSession } from '@/server/services/auth/sessions';
import { openSystemContext } from '@/server/services/context';
import { seedDemoData } from '@/server/services/demo/seed-demo';
import { generateCohort } from './lib/dashboard-data';
import { startBenchNext, stopBenchNext, type BenchNext } from './lib/bench-next';
import { startBenchPostgres, type BenchPostgres } from './lib/bench-postgres';
import { processCpuMs } from './lib/process-cpu';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
// Load before each measurement, not counted: the first target to render a page otherwise pays for
// compiling the renderer's code paths (JIT), and its figures swing by half from run to run.
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const CONNECTIONS = 20;
const DAY = 86_400_000;

function log(message: string) {
  console.log(`[bench] ${message}`);
}

type Target = { name: string; cohort: string; url: string; cookie?: string; method?: 'POST'; body?: () => string; rsc?: boolean };
type Row = { name: string; cohort: string; rps: number; p50: number; p95: number; statements: number; kb: number; errors: number; cpuMs: number | null };

async function main() {
  let database: BenchPostgres | undefined;
  let server: BenchNext | undefined;
  try {
    log('embedded PostgreSQL, the demo data and a 500-fellow cohort…');
    database = await startBenchPostgres('bench_pages');
    const { databaseUrl } = database;
    const ctx = openSystemContext(databaseUrl);
    await seedDemoData(ctx);
    await ctx.close();
    const prisma = createPrismaClient(databaseUrl);
    // Two exercises with about three runs each from most fellows: the week's page summarises them.
    const big = await generateCohort(prisma, 'big', 500, 10, { runsPerExercise: 3 });
    log(`the 500-fellow cohort: ${big.ticks} ticks, ${big.marks} marks, ${big.runs} training runs`);
    const session = async (where: { email?: string; cohortSlug?: string; role?: 'FELLOW' }) => {
      const user = where.email
        ? await prisma.user.findUniqueOrThrow({ where: { email: where.email } })
        : (await prisma.membership.findFirstOrThrow({ where: { cohort: { slug: where.cohortSlug }, role: where.role, groupId: big.groups[0]!.id }, select: { user: true } })).user;
      return `next-auth.session-token=${(await createSession(prisma, user.id, { maxAgeMs: DAY, idleMs: DAY })).sessionToken}`;
    };
    const cookies = {
      demoFellow: await session({ email: 'fellow1@example.com' }),
      demoFacilitator: await session({ email: 'facilitator1@example.com' }),
      bigFellow: await session({ cohortSlug: 'big', role: 'FELLOW' }),
      bigFacilitator: `next-auth.session-token=${(await createSession(prisma, big.facilitator.id, { maxAgeMs: DAY, idleMs: DAY })).sessionToken}`,
    };
    const readingOf = async (slug: string) =>
      (await prisma.curriculumItem.findFirstOrThrow({ where: { section: { week: { curriculum: { cohorts: { some: { slug } } } } } }, select: { id: true } })).id;
    const readings = { demo: await readingOf('demo'), big: await readingOf('big') };
    await prisma.$executeRawUnsafe('ANALYZE');
    await prisma.$executeRawUnsafe(`ALTER DATABASE bench_pages SET log_statement = 'all'`);
    await prisma.$disconnect();

    const port = await findFreePort();
    const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
    server = await startBenchNext(
      {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
        FELLOWSHIP_LOCAL_MODE: '0',
        FELLOWSHIP_DEMO: '0',
        FELLOWSHIP_API_REQUESTS_PER_MINUTE: '1000000',
      },
      { log, port, clearCaches: true, nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] },
    );
    const base = server.url;

    let flip = 0;
    const tick = (cohort: 'demo' | 'big', cookie: string): Target => ({
      name: 'tick a reading (tRPC mutation)',
      cohort,
      url: `${base}/api/trpc/progress.setReadingDone`,
      cookie,
      method: 'POST',
      body: () => JSON.stringify({ json: { cohort, itemId: readings[cohort], done: flip++ % 2 === 0 } }),
    });
    const pages = (cohort: 'demo' | 'big', fellow: string, facilitator: string): Target[] => [
      { name: "fellow's week", cohort, url: `${base}/cohorts/${cohort}`, cookie: fellow },
      // What a click on a link to it costs: the RSC payload alone, without the HTML render (a
      // cache-busting `_rsc` parameter, empty when no router-state headers are sent).
      { name: "fellow's week, client navigation (RSC only)", cohort, url: `${base}/cohorts/${cohort}?_rsc`, cookie: fellow, rsc: true },
      { name: 'cohort syllabus, signed in', cohort, url: `${base}/cohorts/${cohort}/syllabus`, cookie: fellow },
      { name: "facilitator's grid", cohort, url: `${base}/cohorts/${cohort}/progress`, cookie: facilitator },
      { name: 'attendance sheet', cohort, url: `${base}/cohorts/${cohort}/attendance`, cookie: facilitator },
      tick(cohort, fellow),
    ];
    const targets: Target[] = [
      { name: '/api/health (baseline)', cohort: '-', url: `${base}/api/health` },
      // The floor: a small signed-in page (15 KB, 3 statements) through the same layout.
      { name: 'floor: switch-group page, signed in', cohort: 'demo', url: `${base}/cohorts/demo/switch`, cookie: cookies.demoFellow },
      ...pages('demo', cookies.demoFellow, cookies.demoFacilitator),
      ...pages('big', cookies.bigFellow, cookies.bigFacilitator),
    ];

    const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
    const rows: Row[] = [];
    const probeDir = process.env.BENCH_PROBE_DIR;
    if (probeDir) mkdirSync(probeDir, { recursive: true });
    for (const target of targets) {
      if (only && target !== targets[0] && !only.test(`${target.name} (${target.cohort})`)) continue;
      const headers: Record<string, string> = {
        ...(target.cookie ? { cookie: target.cookie } : {}),
        ...(target.method ? { 'content-type': 'application/json' } : {}),
        ...(target.rsc ? { rsc: '1' } : {}),
      };
      const once = async () => {
        const response = await fetch(target.url, { method: target.method ?? 'GET', headers, body: target.body?.(), redirect: 'manual' });
        const body = Buffer.from(await response.arrayBuffer());
        if (response.status !== 200) throw new Error(`${target.name} (${target.cohort}): ${response.status} ${body.toString().slice(0, 300)}`);
        return body;
      };
      for (let i = 0; i < 5; i++) await once();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = database.statements();
      database.recordStatements(true);
      const body = await once();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const perRequest = database.statements() - before;
      const statementLog = database.recordStatements(false);
      if (probeDir) {
        const file = path.join(probeDir, `${target.cohort}-${target.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
        writeFileSync(`${file}.response`, body);
        writeFileSync(`${file}.sql`, statementLog.join('\n') + '\n');
      }
      if (DURATION_S <= 0) {
        rows.push({ name: target.name, cohort: target.cohort, rps: 0, p50: 0, p95: 0, statements: perRequest, kb: body.byteLength / 1024, errors: 0, cpuMs: null });
        continue;
      }
      const load = (duration: number) =>
        autocannon({
          url: target.url,
          connections: CONNECTIONS,
          duration,
          method: target.method ?? 'GET',
          headers,
          ...(target.body ? { requests: [{ method: 'POST', setupRequest: (request: Record<string, unknown>) => ({ ...request, body: target.body!() }) }] } : {}),
        });
      if (WARMUP_S > 0) await load(WARMUP_S);
      const cpuBefore = processCpuMs(server.child.pid);
      const result = await load(DURATION_S);
      rows.push({
        name: target.name,
        cohort: target.cohort,
        rps: result.requests.average,
        p50: result.latency.p50,
        p95: result.latency.p97_5,
        statements: perRequest,
        kb: body.byteLength / 1024,
        errors: result.errors + result.non2xx,
        cpuMs: cpuBefore === null ? null : (processCpuMs(server.child.pid)! - cpuBefore) / Math.max(1, result.requests.total),
      });
      log(`${target.name} (${target.cohort}): ${result.requests.average.toFixed(0)} req/s`);
    }

    const baseline = rows[0]!.rps || 1;
    console.log(`\nSigned-in pages, ${CONNECTIONS} connections, ${DURATION_S} s each, ${os.cpus().length} CPUs, through ${process.env.BENCH_SERVER === 'next' ? 'next start' : "the app's server"}:`);
    console.log('| page | cohort | requests/s | × baseline | p50 ms | p97.5 ms | server CPU ms/request | SQL statements | size KB | errors |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) {
      console.log(
        `| ${row.name} | ${row.cohort} | ${row.rps.toFixed(0)} | ${(row.rps / baseline).toFixed(2)} | ${row.p50} | ${row.p95} | ${row.cpuMs === null ? '-' : row.cpuMs.toFixed(1)} | ${row.statements} | ${row.kb.toFixed(0)} | ${row.errors} |`,
      );
    }
    console.log('Goals: each page ≥ 0.30× the baseline, p95 < 150 ms, ≤ 8 statements, the same on the 500-fellow cohort. (autocannon reports p97.5, not p95: a stricter figure.)');
  } finally {
    await stopBenchNext(server);
    await database?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
