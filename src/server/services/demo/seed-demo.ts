// Demo data: the Diffusion Track curriculum, a "Demo" cohort running it, two discussion
// groups, and the people to fill them, so a fresh install has something to click through.
//
// Idempotent: every row is keyed on a unique field and only created when missing; rows that
// already exist are left exactly as they are (an admin may have edited them since).
import { diffusionTrack, type CurriculumSeed } from '../../../../prisma/seed/diffusion-track';
import type { Prisma, PrismaClient } from '@/generated/prisma/client';

type Tx = Prisma.TransactionClient;

type DemoUser = { email: string; name: string; isAdmin: boolean };

const ADMIN: DemoUser = { email: 'admin@example.com', name: 'Ada Admin', isAdmin: true };

const FACILITATORS: DemoUser[] = [
  { email: 'facilitator1@example.com', name: 'Farah Rahman', isAdmin: false },
  { email: 'facilitator2@example.com', name: 'Theo Brooks', isAdmin: false },
];

const FELLOW_NAMES = [
  'Priya Raman',
  'Marcus Chen',
  'Sofia Alvarez',
  'Jamal Okafor',
  'Emily Nguyen',
  'Daniel Kim',
  'Hannah Schmidt',
  'Omar Haddad',
  'Grace Liu',
  'Lucas Moreau',
  'Aisha Bello',
  'Noah Patel',
];

const FELLOWS: DemoUser[] = FELLOW_NAMES.map((name, index) => ({
  email: `fellow${index + 1}@example.com`,
  name,
  isAdmin: false,
}));

export const DEMO_EMAILS = {
  admin: ADMIN.email,
  facilitators: FACILITATORS.map((user) => user.email),
  fellows: FELLOWS.map((user) => user.email),
} as const;

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
export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
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

export async function seedDemoData(db: PrismaClient, options?: { now?: Date }): Promise<SeedSummary> {
  const now = options?.now ?? new Date();
  // One transaction: a failure part-way leaves no half-built curriculum or cohort behind.
  return db.$transaction(
    async (tx) => {
      const curriculum = await ensureCurriculum(tx, diffusionTrack);
      const people = [ADMIN, ...FACILITATORS, ...FELLOWS];
      const users = await ensureUsers(tx, people);
      const cohort = await ensureCohort(tx, curriculum.id, now);
      const groups = await ensureGroups(tx, cohort.id);
      const membershipsCreated = await ensureMemberships(tx, cohort.id, users.byEmail, groups.byName);

      return {
        curriculumSlug: diffusionTrack.slug,
        curriculumCreated: curriculum.created,
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

/** Creates the curriculum with all its weeks, or leaves an existing one (and its weeks) alone. */
async function ensureCurriculum(tx: Tx, seed: CurriculumSeed): Promise<{ id: string; created: boolean }> {
  const existing = await tx.curriculum.findUnique({ where: { slug: seed.slug }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };

  const created = await tx.curriculum.create({
    data: {
      slug: seed.slug,
      title: seed.title,
      description: seed.description,
      weeks: {
        create: seed.weeks.map((week, weekIndex) => ({
          position: weekIndex + 1,
          number: week.number,
          span: week.span,
          title: week.title,
          notes: week.notes,
          sections: {
            create: week.sections.map((section, sectionIndex) => ({
              position: sectionIndex + 1,
              title: section.title,
              kind: section.kind,
              statedMinutes: section.statedMinutes,
              items: {
                createMany: {
                  data: section.items.map((item, itemIndex) => ({
                    position: itemIndex + 1,
                    kind: item.kind,
                    title: item.title,
                    url: item.url,
                    minutes: item.minutes,
                    optional: item.optional,
                    note: item.note,
                  })),
                },
              },
            })),
          },
          goals: {
            createMany: {
              data: week.goals.map((goal, goalIndex) => ({
                position: goalIndex + 1,
                category: goal.category,
                text: goal.text,
              })),
            },
          },
        })),
      },
    },
    select: { id: true },
  });
  return { id: created.id, created: true };
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

async function ensureCohort(
  tx: Tx,
  curriculumId: string,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const existing = await tx.cohort.findUnique({ where: { slug: DEMO_COHORT_SLUG }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };

  const created = await tx.cohort.create({
    data: {
      slug: DEMO_COHORT_SLUG,
      name: 'Demo',
      term: 'Demo term',
      curriculumId,
      startDate: demoCohortStartDate(now, DEMO_TIME_ZONE),
      timeZone: DEMO_TIME_ZONE,
      status: 'ACTIVE',
    },
    select: { id: true },
  });
  return { id: created.id, created: true };
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
