// Test data factories: each makes a valid row with unique values and takes overrides.
import { db } from '@/server/db/client';
import type { Prisma } from '@/generated/prisma/client';

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

export function createUser(overrides: Partial<Prisma.UserCreateInput> = {}) {
  const handle = unique('user');
  return db.user.create({ data: { email: `${handle}@example.test`, name: `User ${handle}`, ...overrides } });
}

/** A one-week curriculum with a core section of two readings, unless overridden. */
export function createCurriculum(overrides: Partial<Prisma.CurriculumCreateInput> = {}) {
  return db.curriculum.create({
    data: {
      slug: unique('curriculum'),
      title: 'Test curriculum',
      weeks: {
        create: [
          {
            position: 1,
            number: 1,
            title: 'Week one',
            sections: {
              create: [
                {
                  position: 1,
                  title: 'Core Readings',
                  kind: 'CORE',
                  statedMinutes: 30,
                  items: {
                    create: [
                      { position: 1, title: 'First reading', url: 'https://example.com/1', minutes: 10 },
                      { position: 2, title: 'Second reading', url: 'https://example.com/2', minutes: 20 },
                    ],
                  },
                },
              ],
            },
            goals: { create: [{ position: 1, category: 'GENERAL', text: 'Understand the readings' }] },
          },
        ],
      },
      ...overrides,
    },
  });
}

export async function createCohort(
  overrides: Partial<Omit<Prisma.CohortUncheckedCreateInput, 'curriculumId'>> & { curriculumId?: string } = {},
) {
  const curriculumId = overrides.curriculumId ?? (await createCurriculum()).id;
  return db.cohort.create({
    data: {
      slug: unique('cohort'),
      name: 'Test cohort',
      startDate: new Date('2027-01-04T00:00:00Z'),
      timeZone: 'Europe/London',
      ...overrides,
      curriculumId,
    },
  });
}

export function createGroup(cohortId: string, overrides: Partial<Prisma.DiscussionGroupUncheckedCreateInput> = {}) {
  return db.discussionGroup.create({ data: { cohortId, name: unique('group'), meetingDay: 2, meetingTime: '18:00', ...overrides } });
}

export async function createMembership(
  cohortId: string,
  role: 'FELLOW' | 'FACILITATOR',
  overrides: { userId?: string; groupId?: string } = {},
) {
  const userId = overrides.userId ?? (await createUser()).id;
  return db.membership.create({ data: { cohortId, userId, role, groupId: overrides.groupId } });
}

export { asCohortAdmin, asSystem, asUser, inCohort } from './contexts';

/**
 * A person in a cohort in one call: their user (with `name`, and `email` when given), their
 * membership, and for a facilitator with a `groupId` the group they lead.
 */
export async function createPerson(
  cohortId: string,
  role: 'FELLOW' | 'FACILITATOR',
  options: { name?: string; email?: string; groupId?: string; isAdmin?: boolean } = {},
) {
  const user = await createUser({
    ...(options.name ? { name: options.name } : {}),
    ...(options.email ? { email: options.email } : {}),
    ...(options.isAdmin ? { isAdmin: true } : {}),
  });
  const membership = await createMembership(cohortId, role, { userId: user.id, groupId: role === 'FELLOW' ? options.groupId : undefined });
  if (role === 'FACILITATOR' && options.groupId) await db.groupFacilitator.create({ data: { groupId: options.groupId, membershipId: membership.id } });
  return { user, membership };
}

/**
 * A whole cohort in one call: `groups` groups (named "Group A", "Group B"…), each led by
 * `facilitatorsPerGroup` facilitators and holding `fellowsPerGroup` fellows.
 */
export async function createCohortWorld(
  options: {
    cohort?: Parameters<typeof createCohort>[0];
    groups?: number;
    facilitatorsPerGroup?: number;
    fellowsPerGroup?: number;
  } = {},
) {
  const { groups = 2, facilitatorsPerGroup = 1, fellowsPerGroup = 3 } = options;
  const cohort = await createCohort(options.cohort);
  const built = [];
  for (let index = 0; index < groups; index++) {
    const name = `Group ${String.fromCharCode(65 + index)}`;
    const group = await createGroup(cohort.id, { name });
    const facilitators = [];
    for (let n = 1; n <= facilitatorsPerGroup; n++) facilitators.push(await createPerson(cohort.id, 'FACILITATOR', { name: `${name} facilitator ${n}`, groupId: group.id }));
    const fellows = [];
    for (let n = 1; n <= fellowsPerGroup; n++) fellows.push(await createPerson(cohort.id, 'FELLOW', { name: `${name} fellow ${n}`, groupId: group.id }));
    built.push({ group, facilitators, fellows });
  }
  return { cohort, groups: built };
}
