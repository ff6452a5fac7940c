// The app as the syllabus benchmark and the Lighthouse run measure it: a fresh embedded
// PostgreSQL (deleted afterwards) with the demo data, the demo cohort's syllabus made public,
// a members-only cohort on the same syllabus with one member, and `next start` on the
// production build in NEXT_DIST_DIR (default .next), built first when the sources changed.
// PostgreSQL logs every statement the app sends, so callers can count queries.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createPrismaClient } from '@/server/db/client';
import { findFreePort } from '@/server/db/embedded';
import { createSession } from '@/server/services/auth/sessions';
import { DEMO_COHORT_SLUG, DEMO_EMAILS, seedDemoData } from '@/server/services/demo/seed-demo';
import { startBenchNext, stopBenchNext, type BenchNext } from './bench-next';
import { startBenchPostgres, type BenchPostgres } from './bench-postgres';
import { systemContext } from '@/server/services/context';

export const MEMBERS_COHORT_SLUG = 'bench-members';
/** A public cohort whose syllabus is one short week: the same route as the demo's, a small page. */
export const SMALL_COHORT_SLUG = 'bench-small';

export type SyllabusServer = {
  base: string;
  distDir: string;
  /** The paths under test. */
  pages: { cohort: string; template: string; about: string; members: string; small: string };
  /** The session cookie of a member of the members-only cohort. */
  memberCookie: string;
  /** Statements PostgreSQL has logged since it started. */
  statements(): number;
  /** Stops PostgreSQL only (the app keeps running). */
  stopDatabase(): Promise<void>;
  stop(): Promise<void>;
};

export function log(message: string) {
  console.log(`[syllabus] ${message}`);
}

export async function startSyllabusServer(): Promise<SyllabusServer> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  let database: BenchPostgres | undefined;
  let next: BenchNext | undefined;

  const stop = async () => {
    await stopBenchNext(next);
    await database?.stop();
  };

  try {
    log('Starting an embedded PostgreSQL…');
    database = await startBenchPostgres('fellowship_syllabus');
    const { databaseUrl } = database;
    const prisma = createPrismaClient(databaseUrl);
    let memberCookie: string;
    let templateSlug: string;
    try {
      const seeded = await seedDemoData(systemContext(prisma));
      templateSlug = seeded.curriculumSlug;
      const demo = await prisma.cohort.update({
        where: { slug: DEMO_COHORT_SLUG },
        data: { syllabusVisibility: 'PUBLIC' },
        select: { curriculumId: true, startDate: true, timeZone: true, skippedWeeks: true },
      });
      const fellow = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAILS.fellows[0]! }, select: { id: true } });
      const members = await prisma.cohort.create({
        data: { slug: MEMBERS_COHORT_SLUG, name: 'Members only', ...demo, status: 'ACTIVE', syllabusVisibility: 'MEMBERS' },
      });
      await prisma.membership.create({ data: { cohortId: members.id, userId: fellow.id, role: 'FELLOW' } });
      const small = await prisma.curriculum.create({
        data: {
          slug: `${SMALL_COHORT_SLUG}-syllabus`,
          title: 'One short week',
          weeks: {
            create: {
              position: 1,
              number: 1,
              title: 'Introduction',
              sections: {
                create: {
                  position: 1,
                  title: 'Core Readings',
                  kind: 'CORE',
                  items: { create: [{ position: 1, title: 'A first reading', url: 'https://example.org/first', minutes: 20 }] },
                },
              },
            },
          },
        },
      });
      await prisma.cohort.create({
        data: { slug: SMALL_COHORT_SLUG, name: 'Small', startDate: demo.startDate, timeZone: demo.timeZone, curriculumId: small.id, status: 'ACTIVE', syllabusVisibility: 'PUBLIC' },
      });
      const { sessionToken } = await createSession(prisma, fellow.id, { maxAgeMs: 86_400_000, idleMs: 86_400_000 });
      memberCookie = `next-auth.session-token=${sessionToken}`;
      await prisma.$executeRawUnsafe(`ALTER DATABASE fellowship_syllabus SET log_statement = 'all'`);
    } finally {
      await prisma.$disconnect();
    }

    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      FELLOWSHIP_LOCAL_MODE: '0',
      FELLOWSHIP_DEMO: '0',
    };
    // BENCH_CPU_PROFILE_DIR writes a V8 CPU profile of the server there when it stops (open it
    // in Chrome DevTools), to see where a request's time goes.
    const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
    // Pages and data cached by an earlier run belong to another database: clearCaches.
    next = await startBenchNext(env, {
      log,
      port,
      nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
      clearCaches: true,
    });
    const base = next.url;

    const server: SyllabusServer = {
      base,
      distDir,
      pages: {
        cohort: `/cohorts/${DEMO_COHORT_SLUG}/syllabus`,
        template: `/syllabus/${templateSlug}`,
        about: '/about',
        members: `/cohorts/${MEMBERS_COHORT_SLUG}/syllabus`,
        small: `/cohorts/${SMALL_COHORT_SLUG}/syllabus`,
      },
      memberCookie,
      statements: database.statements,
      stopDatabase: () => database!.postgres.stop(),
      stop,
    };
    return server;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Requests each page a few times, so the first (rendering, caching) request is behind us. */
export async function warmUp(server: SyllabusServer, paths: { path: string; cookie?: string }[]) {
  for (const { path: pagePath, cookie } of paths) {
    const headers: Record<string, string> = cookie ? { cookie } : {};
    for (let i = 0; i < 10; i++) await fetch(`${server.base}${pagePath}`, { headers }).then((response) => response.arrayBuffer());
    const response = await fetch(`${server.base}${pagePath}`, { headers });
    const bytes = (await response.arrayBuffer()).byteLength;
    log(`${pagePath}${cookie ? ' (signed in)' : ''}: ${response.status}, ${(bytes / 1024).toFixed(0)} KB, x-nextjs-cache: ${response.headers.get('x-nextjs-cache') ?? '(none: rendered per request)'}`);
    if (response.status !== 200) throw new Error(`${pagePath} answered ${response.status}`);
  }
}
