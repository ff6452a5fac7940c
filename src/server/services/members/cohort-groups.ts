import type { Prisma } from '@/generated/prisma/client';
import { outOfReach } from '@/server/errors';

/** Every id must name a group of this cohort; anything else is NOT_FOUND, as for outsiders. */
export async function assertGroupsInCohort(tx: Prisma.TransactionClient, cohortId: string, groupIds: string[]) {
  const distinct = [...new Set(groupIds)];
  if (distinct.length === 0) return;
  const found = await tx.discussionGroup.count({ where: { cohortId, id: { in: distinct } } });
  if (found !== distinct.length) {
    throw outOfReach('That group is not part of this cohort. Reload the page to see its groups.');
  }
}
