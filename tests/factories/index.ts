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
