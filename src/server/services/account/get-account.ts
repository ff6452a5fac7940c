import { z } from 'zod';
import { AppError } from '@/server/errors';
import type { UserContext } from '@/server/services/context';
import { updateNameInput } from '@/lib/schemas/account';
import type { certificateNameInput } from '@/lib/schemas/certificates';

/** The signed-in person and the cohorts they belong to, for the account page and the header. */
export async function getAccount(ctx: UserContext) {
  const { db } = ctx;
  const userId = ctx.user.id;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      certificateName: true,
      isAdmin: true,
      memberships: {
        orderBy: { cohort: { startDate: 'desc' } },
        select: {
          id: true,
          role: true,
          cohort: { select: { slug: true, name: true, status: true } },
          group: { select: { name: true } },
          leadsGroups: { select: { group: { select: { name: true } } } },
        },
      },
    },
  });
  if (!user) throw new AppError('NOT_FOUND', 'Your account no longer exists. Please sign in again.');
  return {
    ...user,
    memberships: user.memberships.map(({ leadsGroups, group, ...membership }) => ({
      ...membership,
      // A fellow's group, or the groups a facilitator leads.
      groups: membership.role === 'FACILITATOR' ? leadsGroups.map((lead) => lead.group.name) : group ? [group.name] : [],
    })),
  };
}

export type Account = Awaited<ReturnType<typeof getAccount>>;

export async function updateName(ctx: UserContext, input: z.infer<typeof updateNameInput>) {
  const { db } = ctx;
  const userId = ctx.user.id;
  return db.user.update({ where: { id: userId }, data: { name: input.name }, select: { id: true, name: true } });
}

export async function updateCertificateName(ctx: UserContext, input: z.infer<typeof certificateNameInput>) {
  return ctx.db.user.update({
    where: { id: ctx.user.id },
    data: { certificateName: input.certificateName === '' ? null : input.certificateName },
    select: { id: true, certificateName: true },
  });
}
