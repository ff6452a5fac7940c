import type { Prisma } from '@/generated/prisma/client';
import { canOnSite } from '@/lib/permissions';
import type { ServiceContext } from '@/server/services/context';
import { cohortSummarySelect } from './cohort-selects';

/**
 * The cohorts the viewer may see: every cohort for admins, their own for members, none for
 * anyone signed out. `myRole` is the viewer's membership role, null where they have none.
 */
export async function listCohorts({ db, user: viewer }: ServiceContext) {
  if (!viewer) return [];
  // Site admins hold every cohort (ADR 0015); everyone else, theirs.
  const where: Prisma.CohortWhereInput = canOnSite(viewer, 'cohorts.manage') ? {} : { memberships: { some: { userId: viewer.id } } };
  const cohorts = await db.cohort.findMany({
    where,
    orderBy: [{ startDate: 'desc' }, { name: 'asc' }],
    select: {
      ...cohortSummarySelect,
      curriculum: { select: { slug: true, title: true } },
      memberships: { where: { userId: viewer.id }, select: { role: true } },
    },
  });
  return cohorts.map(({ memberships, ...cohort }) => ({ ...cohort, myRole: memberships[0]?.role ?? null }));
}

export type CohortSummary = Awaited<ReturnType<typeof listCohorts>>[number];
