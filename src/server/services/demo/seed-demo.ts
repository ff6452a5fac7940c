// Demo data: the Diffusion Track curriculum, a "Demo" cohort running it, two discussion
// groups, and the people to fill them, so a fresh install has something to click through.
// The curriculum comes in the way an admin's would: prisma/seed/diffusion-track.md through the
// markdown importer, as a template; the cohort is created from it by the same service as the
// admin pages', so it runs on its own copy.
//
// Idempotent: every row is keyed on a unique field and only created when missing; rows that
// already exist are left exactly as they are (an admin may have edited them since). Three
// steps, each all or nothing (the template, the cohort with its copy, then groups and
// people): a run that fails part-way is completed by the next one.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { toIsoDate } from '@/lib/cohort-calendar';
import { PRISMA_DIR } from '@/server/db/migrations';
import { createCohort } from '@/server/services/cohorts/create-cohort';
import { importSyllabus } from '@/server/services/syllabus/import-syllabus';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { ADMIN, DEMO_EMAILS, FACILITATORS, FELLOWS, type DemoUser } from './demo-people';
import { ensureDemoExercises } from './demo-exercises';
import { ensureDemoRuns } from './demo-runs';
import { ensureDemoProgress } from './demo-progress';
import { ensureDemoAttendance } from './demo-attendance';
import { nowOf, systemContext, type ServiceContext } from '@/server/services/context';

type Tx = Prisma.TransactionClient;

// The people live in their own module, which the demo sign-in route imports without pulling
// in the seeding (and its file reads) into the web app's bundle.
export { DEMO_EMAILS } from './demo-people';

export const DEMO_COHORT_SLUG = 'demo';
const DEMO_TIME_ZONE = 'America/Los_Angeles';

type DemoGroup = {
  name: string;
  meetingDay: number;
  meetingTime: string;
  location: string | null;
  videoUrl: string | null;
  facilitatorEmail: string;
  fellowEmails: string[];
};

const GROUPS: DemoGroup[] = [
  {
    name: 'Group A',
    meetingDay: 2, // Tuesday
    meetingTime: '18:00',
    location: 'Room 2.14, Boelter Hall',
    videoUrl: null,
    facilitatorEmail: DEMO_EMAILS.facilitators[0]!,
    fellowEmails: DEMO_EMAILS.fellows.slice(0, 6),
  },
  {
    name: 'Group B',
    meetingDay: 4, // Thursday
    meetingTime: '17:30',
    location: null,
    videoUrl: 'https://meet.example.com/demo-b',
    facilitatorEmail: DEMO_EMAILS.facilitators[1]!,
    fellowEmails: DEMO_EMAILS.fellows.slice(6, 12),
  },
];

export type SeedSummary = {
  curriculumSlug: string;
  curriculumCreated: boolean;
  cohortSlug: string;
  cohortCreated: boolean;
  /** Demo users present after seeding, and how many of them this run created. */
  users: number;
  usersCreated: number;
  groups: number;
  groupsCreated: number;
  /** Fellow and facilitator memberships of the demo cohort this run created. */
  membershipsCreated: number;
  fellows: number;
  facilitators: number;
};

/** True when nobody has set the app up yet: no users and no curricula. */
export async function isDatabaseEmpty(ctx: ServiceContext): Promise<boolean> {
  const { db } = ctx;
  const [users, curricula] = await Promise.all([db.user.count(), db.curriculum.count()]);
  return users === 0 && curricula === 0;
}

/**
 * The Monday on or before `now` minus 14 days, as a calendar date in `timeZone`, returned as
 * UTC midnight (how Prisma expects a @db.Date). Two weeks back puts the demo in week 3.
 */
export function demoCohortStartDate(now: Date, timeZone: string = DEMO_TIME_ZONE): Date {
  const twoWeeksAgo = new Date(now.getTime() - 14 * 24 * 60 * 60 * 1000);
  // The cohort's calendar date, not UTC's: in California the evening is already tomorrow in UTC.
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(twoWeeksAgo);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const date = new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
  const daysSinceMonday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - daysSinceMonday);
  return date;
}

export const DEMO_CURRICULUM_SLUG = 'diffusion-track';
const DEMO_SYLLABUS_FILE = path.join(PRISMA_DIR, 'seed', 'diffusion-track.md');

export async function seedDemoData(ctx: ServiceContext): Promise<SeedSummary> {
  const { db } = ctx;
  const now = nowOf(ctx);
  const curriculumCreated = await ensureTemplate(db);
  const cohort = await ensureCohort(db, now);
  return db.$transaction(
    async (tx) => {
      const people = [ADMIN, ...FACILITATORS, ...FELLOWS];
      const users = await ensureUsers(tx, people);
      const groups = await ensureGroups(tx, cohort.id);
      const membershipsCreated = await ensureMemberships(tx, cohort.id, users.byEmail, groups.byName);
      await ensureDemoAttendance(tx, cohort.id, now);
      await ensureDemoExercises(tx);
      await ensureDemoRuns(tx, now);
      await ensureDemoProgress(tx, cohort.id, now);

      return {
        curriculumSlug: DEMO_CURRICULUM_SLUG,
        curriculumCreated,
        cohortSlug: DEMO_COHORT_SLUG,
        cohortCreated: cohort.created,
        users: users.byEmail.size,
        usersCreated: users.created,
        groups: groups.byName.size,
        groupsCreated: groups.created,
        membershipsCreated,
        fellows: FELLOWS.length,
        facilitators: FACILITATORS.length,
      };
    },
    // The embedded PostgreSQL on a slow laptop can take longer than Prisma's 5 s default.
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** Imports the Diffusion Track markdown as a template, unless a curriculum has its slug already. */
async function ensureTemplate(db: PrismaClient): Promise<boolean> {
  const existing = await db.curriculum.findUnique({ where: { slug: DEMO_CURRICULUM_SLUG }, select: { id: true } });
  if (existing) return false;
  const parsed = parseSyllabusMarkdown(await readFile(DEMO_SYLLABUS_FILE, 'utf8'), { slug: DEMO_CURRICULUM_SLUG });
  try {
    await importSyllabus({ db, user: null }, { syllabus: parsed });
  } catch (error) {
    // A second seeding at the same moment (two app starts) got there first: that is fine.
    if ((error as { code?: string }).code === 'CONFLICT') return false;
    throw error;
  }
  return true;
}

/** Creates the demo cohort from the template (its own copy of the syllabus), unless it exists. */
async function ensureCohort(db: PrismaClient, now: Date): Promise<{ id: string; created: boolean }> {
  const existing = await db.cohort.findUnique({ where: { slug: DEMO_COHORT_SLUG }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  let cohort: { id: string };
  try {
    cohort = await createCohort(systemContext(db), {
      curriculum: DEMO_CURRICULUM_SLUG,
      slug: DEMO_COHORT_SLUG,
      name: 'Demo',
      term: 'Demo term',
      startDate: toIsoDate(demoCohortStartDate(now, DEMO_TIME_ZONE)),
      timeZone: DEMO_TIME_ZONE,
    });
  } catch (error) {
    // Another seeding created it a moment ago.
    const raced = (error as { code?: string }).code === 'CONFLICT' && (await db.cohort.findUnique({ where: { slug: DEMO_COHORT_SLUG }, select: { id: true } }));
    if (raced) return { id: raced.id, created: false };
    throw error;
  }
  // Running, so the demo people land in a live cohort (new cohorts start as drafts).
  await db.cohort.update({ where: { id: cohort.id }, data: { status: 'ACTIVE' } });
  return { id: cohort.id, created: true };
}

async function ensureUsers(
  tx: Tx,
  people: DemoUser[],
): Promise<{ byEmail: Map<string, string>; created: number }> {
  // skipDuplicates leaves existing accounts untouched and tells us how many were new.
  const { count } = await tx.user.createMany({
    data: people.map(({ email, name, isAdmin }) => ({ email, name, isAdmin })),
    skipDuplicates: true,
  });
  const rows = await tx.user.findMany({
    where: { email: { in: people.map((person) => person.email) } },
    select: { id: true, email: true },
  });
  return { byEmail: new Map(rows.map((row) => [row.email, row.id])), created: count };
}

async function ensureGroups(
  tx: Tx,
  cohortId: string,
): Promise<{ byName: Map<string, string>; created: number }> {
  const { count } = await tx.discussionGroup.createMany({
    data: GROUPS.map((group) => ({
      cohortId,
      name: group.name,
      meetingDay: group.meetingDay,
      meetingTime: group.meetingTime,
      location: group.location,
      videoUrl: group.videoUrl,
    })),
    skipDuplicates: true,
  });
  const rows = await tx.discussionGroup.findMany({
    where: { cohortId, name: { in: GROUPS.map((group) => group.name) } },
    select: { id: true, name: true },
  });
  return { byName: new Map(rows.map((row) => [row.name, row.id])), created: count };
}

/** Puts fellows in their groups and facilitators at the head of theirs; returns memberships created. */
async function ensureMemberships(
  tx: Tx,
  cohortId: string,
  userIds: Map<string, string>,
  groupIds: Map<string, string>,
): Promise<number> {
  const userId = (email: string) => required(userIds.get(email), `demo user ${email}`);
  let created = 0;

  for (const group of GROUPS) {
    const groupId = required(groupIds.get(group.name), `demo group ${group.name}`);

    const fellows = await tx.membership.createMany({
      data: group.fellowEmails.map((email) => ({ cohortId, userId: userId(email), role: 'FELLOW' as const, groupId })),
      skipDuplicates: true,
    });
    created += fellows.count;

    const facilitatorUserId = userId(group.facilitatorEmail);
    const existing = await tx.membership.findUnique({
      where: { cohortId_userId: { cohortId, userId: facilitatorUserId } },
      select: { id: true },
    });
    const membership =
      existing ??
      (await tx.membership.create({
        data: { cohortId, userId: facilitatorUserId, role: 'FACILITATOR' },
        select: { id: true },
      }));
    if (!existing) created += 1;

    await tx.groupFacilitator.createMany({
      data: [{ groupId, membershipId: membership.id }],
      skipDuplicates: true,
    });
  }
  return created;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Seeding demo data: ${what} is missing`);
  return value;
}
