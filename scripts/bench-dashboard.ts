// `npm run bench:dashboard`: the facilitator's grid and the admin overview on a cohort of
// 500 fellows (10 groups, 6 weeks, 60 readings, 12 meetings per group, realistic progress),
// through `next start` and tRPC with real session cookies, next to one hand-written SQL query
// that computes the same grid straight from `pg` in the same run.
//
// Prints, for each request: SQL statements per request (PostgreSQL logs every statement; the
// same request on a 50-fellow cohort shows whether the count grows with the fellows), and
// p50/p95 latency of sequential requests (one at a time, so the latency is the server's work
// plus a loopback round trip). Goal: p95 under 100 ms and within twice the hand-written query.
// Options (env): BENCH_REQUESTS (default 200), NEXT_DIST_DIR.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { createPrismaClient } from '@/server/db/client';
import { findFreePort } from '@/server/db/embedded';
import { createSession } from '@/server/services/auth/sessions';
import { generateCohort } from './lib/dashboard-data';
import { startBenchNext, stopBenchNext, type BenchNext } from './lib/bench-next';
import { startBenchPostgres, type BenchPostgres } from './lib/bench-postgres';
import { percentile } from './lib/percentile';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const DAY = 86_400_000;

function log(message: string) {
  console.log(`[bench] ${message}`);
}

/** The grid of one group straight from SQL: fellows × the week's readings with when done, and attendance counts. */
const HAND_WRITTEN_GRID = `
  WITH fellows AS (
    SELECT m.id, u.name, m."lastActivityAt" FROM "Membership" m JOIN "User" u ON u.id = m."userId"
    WHERE m."cohortId" = $1 AND m."groupId" = $2 AND m.role = 'FELLOW'
  ), items AS (
    SELECT i.id, i.title, i.optional OR s.kind = 'OPTIONAL' AS optional, w.position AS week
    FROM "CurriculumItem" i JOIN "CurriculumSection" s ON s.id = i."sectionId" JOIN "CurriculumWeek" w ON w.id = s."weekId"
    JOIN "Cohort" c ON c."curriculumId" = w."curriculumId" WHERE c.id = $1
  ), marks AS (
    SELECT a."membershipId", count(*) FILTER (WHERE a.status IN ('PRESENT', 'LATE')) AS attended,
           count(*) FILTER (WHERE a.status = 'ABSENT') AS absent
    FROM "Attendance" a JOIN "Meeting" mt ON mt.id = a."meetingId"
    WHERE mt."groupId" = $2 AND mt."cancelledAt" IS NULL AND mt."startsAt" <= now()
    GROUP BY a."membershipId"
  )
  SELECT f.id, f.name, f."lastActivityAt", coalesce(mk.attended, 0) AS attended, coalesce(mk.absent, 0) AS absent,
         json_agg(json_build_object('item', it.id, 'week', it.week, 'optional', it.optional, 'done', rp."completedAt") ORDER BY it.week, it.id) AS cells
  FROM fellows f CROSS JOIN items it
  LEFT JOIN "ReadingProgress" rp ON rp."membershipId" = f.id AND rp."itemId" = it.id
  LEFT JOIN marks mk ON mk."membershipId" = f.id
  GROUP BY f.id, f.name, f."lastActivityAt", mk.attended, mk.absent`;

async function main() {
  let database: BenchPostgres | undefined;
  let next: BenchNext | undefined;
  const cleanup = async () => {
    await stopBenchNext(next);
    await database?.stop();
  };
  try {
    log('embedded PostgreSQL…');
    database = await startBenchPostgres('bench_dashboard');
    const { databaseUrl } = database;
    const prisma = createPrismaClient(databaseUrl);
    log('generating 500 fellows in 10 groups, and a 50-fellow cohort to compare query counts…');
    const big = await generateCohort(prisma, 'big', 500, 10);
    const small = await generateCohort(prisma, 'small', 50, 10);
    // Groups of twelve, the prep sheet's case.
    const twelve = await generateCohort(prisma, 'twelve', 120, 10);
    log(`big cohort: ${big.ticks} readings ticked, ${big.marks} attendance marks`);
    const admin = await prisma.user.create({ data: { email: 'admin@bench.bench', name: 'Admin', isAdmin: true } });
    const cookie = async (userId: string) => `next-auth.session-token=${(await createSession(prisma, userId, { maxAgeMs: DAY, idleMs: DAY })).sessionToken}`;
    const facilitatorCookie = await cookie(big.facilitator.id);
    const smallFacilitatorCookie = await cookie(small.facilitator.id);
    const adminCookie = await cookie(admin.id);
    const twelveFacilitatorCookie = await cookie(twelve.facilitator.id);
    // Fresh statistics, as autovacuum would have them on a real server: without them PostgreSQL
    // plans the hand-written query (and the app's) for empty tables.
    await prisma.$executeRawUnsafe('ANALYZE');
    await prisma.$executeRawUnsafe(`ALTER DATABASE bench_dashboard SET log_statement = 'all'`);
    await prisma.$disconnect();

    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      FELLOWSHIP_LOCAL_MODE: '0',
      FELLOWSHIP_DEMO: '0',
    };
    next = await startBenchNext(env, { log, port, clearCaches: true });
    const base = next.url;

    const trpc = (procedure: string, input: unknown) => `${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const targets = [
      { name: 'facilitator grid, this week (500-fellow cohort)', url: trpc('standing.groupProgress', { cohort: 'big', groupId: big.groups[0]!.id }), cookie: facilitatorCookie },
      { name: 'facilitator grid, whole cohort (500)', url: trpc('standing.groupProgress', { cohort: 'big', groupId: big.groups[0]!.id, week: null }), cookie: facilitatorCookie },
      { name: 'admin overview (500)', url: trpc('standing.cohortOverview', { cohort: 'big' }), cookie: adminCookie },
      { name: 'facilitator grid, this week (50-fellow cohort)', url: trpc('standing.groupProgress', { cohort: 'small', groupId: small.groups[0]!.id }), cookie: smallFacilitatorCookie },
      { name: 'admin overview (50)', url: trpc('standing.cohortOverview', { cohort: 'small' }), cookie: adminCookie },
      { name: 'prep sheet, group of 12 (60 readings, 18 prompts)', url: trpc('attendance.prep', { cohort: 'twelve', meetingId: twelve.prepMeetingId }), cookie: twelveFacilitatorCookie },
      { name: 'prep sheet, group of 5', url: trpc('attendance.prep', { cohort: 'small', meetingId: small.prepMeetingId }), cookie: smallFacilitatorCookie },
      { name: 'prep sheet, group of 50', url: trpc('attendance.prep', { cohort: 'big', meetingId: big.prepMeetingId }), cookie: facilitatorCookie },
    ];

    const results: { name: string; statements: number; p50: number; p95: number; bytes: number }[] = [];
    for (const target of targets) {
      const get = async () => {
        const response = await fetch(target.url, { headers: { cookie: target.cookie } });
        const body = await response.arrayBuffer();
        if (!response.ok) throw new Error(`${target.name}: ${response.status} ${Buffer.from(body).toString().slice(0, 300)}`);
        return body.byteLength;
      };
      for (let i = 0; i < 10; i++) await get();
      // Statements of one request: PostgreSQL's log arrives asynchronously, so wait for it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = database.statements();
      const bytes = await get();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const perRequest = database.statements() - before;
      const latencies: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        await get();
        latencies.push(performance.now() - started);
      }
      results.push({ name: target.name, statements: perRequest, p50: percentile(latencies, 50), p95: percentile(latencies, 95), bytes });
    }

    // The baseline: the same grid (the whole cohort's readings for one group) from one query.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`SET log_statement = 'none'`);
    const sqlLatencies: number[] = [];
    let rows = 0;
    for (let i = 0; i < 10 + REQUESTS; i++) {
      const started = performance.now();
      const result = await client.query(HAND_WRITTEN_GRID, [big.cohort.id, big.groups[0]!.id]);
      if (i >= 10) sqlLatencies.push(performance.now() - started);
      rows = result.rowCount ?? 0;
    }
    await client.end();
    const sql = { p50: percentile(sqlLatencies, 50), p95: percentile(sqlLatencies, 95) };

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(`\nDashboard requests through next start + tRPC, sequential, ${REQUESTS} each (${os.cpus().length} CPUs):`);
    console.log(`  ${'request'.padEnd(50)} ${'SQL stmts'.padStart(9)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'size'.padStart(8)}`);
    for (const result of results) {
      console.log(`  ${result.name.padEnd(50)} ${String(result.statements).padStart(9)} ${ms(result.p50).padStart(9)} ${ms(result.p95).padStart(9)} ${`${(result.bytes / 1024).toFixed(0)} KB`.padStart(8)}`);
    }
    console.log(`Baseline: one hand-written SQL query for a group's whole-cohort grid (${rows} fellows × 60 readings) over pg:`);
    console.log(`  p50 ${ms(sql.p50)}, p95 ${ms(sql.p95)}`);
    const grid = results[1]!;
    console.log(`Ratio whole-cohort grid p95 / SQL p95: ${(grid.p95 / sql.p95).toFixed(2)}  (goals: p95 < 100 ms and ≤ 2× the hand-written query)`);
    console.log(`Prep sheet statements per request by group size: 5 → ${results[6]!.statements}, 12 → ${results[5]!.statements}, 50 → ${results[7]!.statements} (goal: p95 < 100 ms for 12, not growing).`);
    console.log(`Statements per request do not grow with fellows: grid ${results[0]!.statements} (500) vs ${results[3]!.statements} (50); overview ${results[2]!.statements} vs ${results[4]!.statements}. They include the session and cohort-access lookups.`);
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
