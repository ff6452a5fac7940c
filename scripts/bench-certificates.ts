// `npm run bench:certificates`: certificates for a cohort of 2,000 fellows issued through the
// service (who qualifies, each PDF drawn and stored, the emails' job queued), next to a
// baseline in the same run that draws the same PDFs with pdf-lib in a loop and writes them with
// plain `pg` in batches. Also a 500-fellow cohort, to show that memory does not grow with the
// count. Each measured run is its own process, so its peak RSS (VmHWM) is its own.
//
// BENCH_PROFILE_DIR: CPU profiles of the measured runs.
// Prints certificates per second, peak RSS, and the ratio to the baseline. Goal: at least 0.8×
// the baseline, and peak memory flat from 500 to 2,000.
import '../src/cli/production-react';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPrismaClient } from '@/server/db/client';
import { ensureDatabase, startEmbeddedPostgres, withDatabase, type EmbeddedServer } from '@/server/db/embedded';
import { applyMigrations } from '@/server/db/migrations';
import { renderCertificatePdf } from '@/server/services/certificates/certificate-pdf';
import { issueCertificates, newCertificateId } from '@/server/services/certificates/certificates';

const root = fileURLToPath(new URL('..', import.meta.url));
const DAY = 86_400_000;
const SITE = 'http://fellowship.bench';

function log(message: string) {
  console.log(`[bench] ${message}`);
}

function peakRssMb(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((entry) => entry.startsWith('VmHWM:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

type PhaseResult = { count: number; ms: number; peakRssMb: number };

/** A cohort that ended, whose `fellows` fellows all read everything: every one qualifies. */
async function generateQualifiedCohort(databaseUrl: string, slug: string, fellows: number) {
  const prisma = createPrismaClient(databaseUrl);
  const curriculum = await prisma.curriculum.create({
    data: {
      slug: `${slug}-syllabus`,
      title: 'AI Safety Intro Fellowship',
      weeks: {
        create: [1, 2, 3, 4, 5, 6].map((position) => ({
          position,
          number: position,
          title: `Week ${position}`,
          sections: {
            create: [{ position: 1, title: 'Core Readings', kind: 'CORE' as const, items: { create: [1, 2].map((i) => ({ position: i, title: `Reading ${position}.${i}`, url: `https://example.org/${position}/${i}`, minutes: 30 })) } }],
          },
        })),
      },
    },
    select: { id: true },
  });
  const items = await prisma.curriculumItem.findMany({ where: { section: { week: { curriculumId: curriculum.id } } }, select: { id: true } });
  const cohort = await prisma.cohort.create({
    data: { slug, name: `Winter ${slug}`, curriculumId: curriculum.id, startDate: new Date(Date.now() - 70 * DAY), status: 'ACTIVE' },
    select: { id: true },
  });
  await prisma.user.createMany({ data: Array.from({ length: fellows }, (_, f) => ({ email: `fellow${f}@${slug}.bench`, name: `Fellow ${String(f + 1).padStart(4, '0')}` })) });
  const users = await prisma.user.findMany({ where: { email: { endsWith: `@${slug}.bench` } }, select: { id: true } });
  await prisma.membership.createMany({ data: users.map((user) => ({ cohortId: cohort.id, userId: user.id, role: 'FELLOW' as const })) });
  const memberships = await prisma.membership.findMany({ where: { cohortId: cohort.id }, select: { id: true } });
  await prisma.readingProgress.createMany({ data: memberships.flatMap((membership) => items.map((item) => ({ membershipId: membership.id, itemId: item.id }))) });
  await prisma.$disconnect();
  return cohort.id;
}

/** One measured run in its own process: `service <cohortId>` or `baseline <cohortId> <count>`. */
async function runPhase(args: string[]) {
  const [phase, databaseUrl, cohortId, count] = args as [string, string, string, string?];
  // A running server's database clients are connected and warm; so are these, before the clock starts.
  const db = createPrismaClient(databaseUrl);
  await db.$queryRaw`SELECT 1`;
  const started = performance.now();
  let issued = 0;
  if (phase === 'service') {
    const access = { cohortId, cohortSlug: '', role: 'ADMIN' as const, membershipId: null, groupIds: [] };
    const result = await issueCertificates({ db, user: null, access }, { membershipIds: null, notify: true });
    issued = result.issued;
  } else {
    // The baseline: the same drawing code (pdf-lib) in a loop, rows written with pg, 100 a statement.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('SELECT 1');
    const total = Number(count);
    for (let start = 0; start < total; start += 100) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let index = start; index < Math.min(total, start + 100); index++) {
        const id = newCertificateId();
        const pdf = await renderCertificatePdf({
          id,
          kind: 'COMPLETION',
          holderName: `Fellow ${String(index + 1).padStart(4, '0')}`,
          programme: 'AI Safety Intro Fellowship',
          cohortName: 'Winter baseline',
          startsOn: new Date(Date.now() - 70 * DAY),
          endsOn: new Date(Date.now() - 28 * DAY),
          readingMinutes: 360,
          meetings: 0,
          issuedAt: new Date(),
          verifyUrl: `${SITE}/certificates/${id}`,
        });
        const at = values.length;
        values.push(id, cohortId, `Fellow ${index + 1}`, 'AI Safety Intro Fellowship', 'Winter baseline', Buffer.from(pdf));
        rows.push(`($${at + 1}, $${at + 2}, 'COMPLETION', $${at + 3}, $${at + 4}, $${at + 5}, now()::date, now()::date, 360, 0, $${at + 6})`);
      }
      await client.query(
        `INSERT INTO "Certificate" (id, "cohortId", kind, "holderName", programme, "cohortName", "startsOn", "endsOn", "readingMinutes", meetings, pdf) VALUES ${rows.join(', ')}`,
        values,
      );
      issued += rows.length;
    }
    await client.end();
  }
  const result: PhaseResult = { count: issued, ms: performance.now() - started, peakRssMb: peakRssMb() };
  await db.$disconnect();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function spawnPhase(args: string[]): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', './bin/register-tsx.mjs', 'scripts/bench-certificates.ts', '--phase', ...args], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', NEXTAUTH_URL: SITE, NEXTAUTH_SECRET: randomBytes(32).toString('base64url') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`phase ${args[0]} exited with ${code}: ${out.slice(-500)}`));
      resolve(JSON.parse(line) as PhaseResult);
    });
  });
}

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fellowship-certificates-'));
  chmodSync(tmp, 0o755);
  let postgres: EmbeddedServer | undefined;
  try {
    log('embedded PostgreSQL…');
    postgres = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pgdata'), ephemeral: true, fast: true });
    await ensureDatabase(postgres.adminUrl, 'bench_certificates');
    const databaseUrl = withDatabase(postgres.adminUrl, 'bench_certificates');
    await applyMigrations(databaseUrl);
    log('generating an ended cohort of 2,000 fellows who all qualify, one of 500, and one for the baseline…');
    const big = await generateQualifiedCohort(databaseUrl, 'cert2000', 2000);
    const small = await generateQualifiedCohort(databaseUrl, 'cert500', 500);
    const baselineCohort = await generateQualifiedCohort(databaseUrl, 'certbase', 0);

    // Warm the disk and the PostgreSQL caches once, then measure the baseline and the service alternately.
    log('baseline: 2,000 PDFs drawn with pdf-lib in a loop, written with pg…');
    const baseline = await spawnPhase(['baseline', databaseUrl, baselineCohort, '2000']);
    log('the service: issueCertificates for the 500-fellow cohort…');
    const service500 = await spawnPhase(['service', databaseUrl, small]);
    log('the service: issueCertificates for the 2,000-fellow cohort…');
    const service2000 = await spawnPhase(['service', databaseUrl, big]);

    const rate = (result: PhaseResult) => result.count / (result.ms / 1000);
    const check = createPrismaClient(databaseUrl);
    const stored = await check.certificate.count({ where: { cohortId: big } });
    const queued = (await check.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'certificate-emails'`)[0]!.n;
    const size = await check.$queryRaw<{ avg: number }[]>`SELECT avg(octet_length(pdf))::float AS avg FROM "Certificate" WHERE "cohortId" = ${big}`;
    await check.$disconnect();

    console.log(`\nCertificates (${os.cpus().length} CPUs), each run its own process:`);
    console.log(`  ${'run'.padEnd(58)} ${'count'.padStart(6)} ${'time'.padStart(9)} ${'per s'.padStart(8)} ${'peak RSS'.padStart(10)}`);
    for (const [name, result] of [
      ['baseline: pdf-lib in a loop + pg inserts (2,000)', baseline],
      ['issueCertificates, 500 fellows (PDFs, rows, emails queued)', service500],
      ['issueCertificates, 2,000 fellows', service2000],
    ] as const) {
      console.log(`  ${name.padEnd(58)} ${String(result.count).padStart(6)} ${`${(result.ms / 1000).toFixed(2)} s`.padStart(9)} ${rate(result).toFixed(0).padStart(8)} ${`${result.peakRssMb.toFixed(0)} MB`.padStart(10)}`);
    }
    console.log(`Stored for the 2,000-fellow cohort: ${stored} certificates (${(size[0]!.avg / 1024).toFixed(1)} KB each on average); email jobs in the queue: ${queued}, one per issue (the worker then writes each email's row).`);
    console.log(`Ratio service / baseline (2,000): ${(rate(service2000) / rate(baseline)).toFixed(2)}  (goal ≥ 0.8)`);
    console.log(`Peak RSS 500 → 2,000 fellows: ${service500.peakRssMb.toFixed(0)} MB → ${service2000.peakRssMb.toFixed(0)} MB (goal: flat; PDFs are drawn and written 100 at a time)`);
  } finally {
    await postgres?.stop().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--phase') {
  runPhase(process.argv.slice(3)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
