// The SQL statements behind the signed-in pages of issue 18, counted at the database driver:
// each page within its budget (8 with the session's read), and none growing with the cohort.
// The page's procedures are called as its render calls them (in process, the cohort's access
// read once per render); `npm run bench:pages` counts the same through real HTTP.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '@/generated/prisma/client';
import { createCaller } from '@/server/api/root';
import { getSession } from '@/server/auth/session';
import { db } from '@/server/db/client';
import { createSession } from '@/server/services/auth/sessions';
import { systemContext } from '@/server/services/context';
import { seedDemoData } from '@/server/services/demo/seed-demo';

// The session's read, which the page makes before any procedure (one statement with the
// person's cohorts for the header).
const SESSION_READ = 1;
const PAGE_BUDGET = 8;
// The fellow's tick of a reading: the access, then its transaction (BEGIN, one check, one write,
// COMMIT).
const TICK_BUDGET = 6;

let statements = 0;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
pool.on('connect', (client) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    statements += 1;
    return query(...args);
  };
});
const counted = new PrismaClient({ adapter: new PrismaPg(pool) });

afterAll(async () => {
  await counted.$disconnect();
  await pool.end();
});

async function statementsOf(render: () => Promise<unknown>): Promise<number> {
  await render(); // a first render makes the group's meetings and reads the syllabus tree
  statements = 0;
  await render();
  return statements;
}

/** The tRPC caller of one page render for the person with this email. */
async function renderCaller(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const { sessionToken } = await createSession(db, user.id, { maxAgeMs: 86_400_000, idleMs: 86_400_000 });
  const headers = new Headers({ cookie: `next-auth.session-token=${sessionToken}` });
  const session = await getSession(headers, { withCohorts: true });
  return () => createCaller({ db: counted, user: session!.user, session, headers, cohortAccessOfRender: new Map() });
}

const pages = {
  /** /cohorts/demo as a fellow: the home, then its four side reads at once. */
  async fellowsWeek(caller: ReturnType<typeof createCaller>) {
    await caller.cohorts.frame({ cohort: 'demo' });
    await caller.cohorts.get({ cohort: 'demo' });
    await Promise.all([
      caller.runs.exercises({ cohort: 'demo' }),
      caller.announcements.list({ cohort: 'demo', limit: 3 }),
      caller.certificates.mine({ cohort: 'demo' }),
      caller.feedback.mySurvey({ cohort: 'demo' }),
    ]);
  },
  /** /cohorts/demo/progress as the facilitator of one group. */
  async grid(caller: ReturnType<typeof createCaller>) {
    const frame = await caller.cohorts.frame({ cohort: 'demo' });
    await caller.standing.groupProgress({ cohort: 'demo', groupId: frame.groupIds[0]! });
  },
  /** /cohorts/demo/attendance as the facilitator of one group: the groups, the meetings, the sheet. */
  async attendance(caller: ReturnType<typeof createCaller>) {
    await caller.cohorts.frame({ cohort: 'demo' });
    const [group] = await caller.attendance.groups({ cohort: 'demo' });
    const listed = await caller.attendance.meetings({ cohort: 'demo', groupId: group!.id });
    await caller.attendance.sheetWithChanges({ cohort: 'demo', meetingId: listed.defaultMeetingId! });
  },
};

/** Forty more fellows in the facilitator's group, each with every reading ticked and a mark at each meeting held. */
async function growGroup() {
  const facilitator = await db.membership.findFirstOrThrow({
    where: { cohort: { slug: 'demo' }, user: { email: 'facilitator1@example.com' } },
    select: { cohortId: true, leadsGroups: { select: { groupId: true } } },
  });
  const groupId = facilitator.leadsGroups[0]!.groupId;
  const items = await db.curriculumItem.findMany({ where: { section: { week: { curriculum: { cohorts: { some: { id: facilitator.cohortId } } } } } }, select: { id: true } });
  const held = await db.meeting.findMany({ where: { groupId, startsAt: { lte: new Date() }, cancelledAt: null }, select: { id: true } });
  for (let index = 0; index < 40; index++) {
    const user = await db.user.create({ data: { email: `extra${index}@example.com`, name: `Extra ${index}` } });
    const membership = await db.membership.create({ data: { cohortId: facilitator.cohortId, userId: user.id, role: 'FELLOW', groupId } });
    await db.readingProgress.createMany({ data: items.map((item) => ({ membershipId: membership.id, itemId: item.id, completedAt: new Date() })) });
    await db.attendance.createMany({ data: held.map((meeting) => ({ meetingId: meeting.id, membershipId: membership.id, status: 'PRESENT' as const })) });
  }
  return { items: items.length, held: held.length };
}

describe('statements per signed-in page', () => {
  let fellow: () => ReturnType<typeof createCaller>;
  let facilitator: () => ReturnType<typeof createCaller>;

  beforeAll(async () => {
    await seedDemoData(systemContext(db));
    fellow = await renderCaller('fellow1@example.com');
    facilitator = await renderCaller('facilitator1@example.com');
  });

  it('stays within the budget, and the same when the group grows by forty fellows with all their ticks and marks', async () => {
    const measure = async () => ({
      fellowsWeek: await statementsOf(() => pages.fellowsWeek(fellow())),
      grid: await statementsOf(() => pages.grid(facilitator())),
      attendance: await statementsOf(() => pages.attendance(facilitator())),
    });
    const before = await measure();
    console.log('statements per page besides the session:', before);
    for (const [page, count] of Object.entries(before)) {
      expect(count + SESSION_READ, page).toBeLessThanOrEqual(PAGE_BUDGET);
      expect(count, page).toBeGreaterThan(0);
    }

    const grown = await growGroup();
    expect(grown.items).toBeGreaterThan(10);
    expect(grown.held).toBeGreaterThan(0);
    expect(await measure()).toEqual(before);
  });

  it('ticks and unticks a reading within the tick’s budget', async () => {
    const item = await db.curriculumItem.findFirstOrThrow({
      where: { section: { week: { curriculum: { cohorts: { some: { slug: 'demo' } } } } } },
      select: { id: true },
    });
    let done = false;
    const count = await statementsOf(() => fellow().progress.setReadingDone({ cohort: 'demo', itemId: item.id, done: (done = !done) }));
    console.log('statements per tick besides the session:', count);
    expect(count + SESSION_READ).toBeLessThanOrEqual(TICK_BUDGET);
    expect(count).toBeGreaterThan(0);
  });
});
