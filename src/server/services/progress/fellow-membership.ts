// Progress belongs to fellows: only the caller's own fellow membership is ever written, so no
// input can name another fellow. Admins and facilitators who are not fellows here have no
// readings to tick.
import type { Prisma } from '@/generated/prisma/client';
import { notPermitted } from '@/server/errors';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';

export const NOT_A_FELLOW_MESSAGE = 'Only fellows of this cohort tick readings and write notes: you are not a fellow here.';

export async function requireFellowMembership(tx: Prisma.TransactionClient, access: CohortAccess): Promise<string> {
  const membership = access.membershipId
    ? await tx.membership.findFirst({
        where: { id: access.membershipId, cohortId: access.cohortId, role: 'FELLOW' },
        select: { id: true },
      })
    : null;
  if (!membership) throw notPermitted(NOT_A_FELLOW_MESSAGE);
  return membership.id;
}
