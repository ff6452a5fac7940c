// Service contexts for tests that call services directly (see ADR 0014): the installation, a
// cohort admin, or someone with a given access, all on the test file's database.
import { db } from '@/server/db/client';
import type { SessionUser } from '@/server/auth/session-types';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { systemContext, type CohortContext, type ServiceContext, type UserContext } from '@/server/services/context';

type Person = { id: string; email: string; name: string | null; isAdmin: boolean };

/** A person, or just their id where a use case only records who acted. */
const asSessionUser = (person: Person | string): SessionUser =>
  typeof person === 'string'
    ? { id: person, email: '', name: null, isAdmin: false }
    : { id: person.id, email: person.email, name: person.name, isAdmin: person.isAdmin };

/** The installation acting (as the CLI does). */
export function asSystem(now?: Date): ServiceContext {
  return systemContext(db, now);
}

/** A signed-in person. */
export function asUser(person: Person, now?: Date): UserContext {
  return { db, user: asSessionUser(person), now };
}

/** Someone with `access` in a cohort; `person` where the use case records who acted. */
export function inCohort(access: CohortAccess, person: Person | string | null = null, now?: Date): CohortContext {
  return { db, user: person ? asSessionUser(person) : null, now, access };
}

/** An admin of the cohort, acting as the installation (by id, or a row with its id and slug). */
export function asCohortAdmin(cohort: string | { id: string; slug?: string }, now?: Date): CohortContext {
  const { id, slug } = typeof cohort === 'string' ? { id: cohort, slug: '' } : cohort;
  return inCohort({ cohortId: id, cohortSlug: slug ?? '', role: 'ADMIN', membershipId: null, groupIds: [] }, null, now);
}
