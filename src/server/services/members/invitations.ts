import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { AppError, outOfReach } from '@/server/errors';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { nowOf, type CohortContext } from '@/server/services/context';
import { revokeInvitationInput } from '@/lib/schemas/members';
import { recordAudit } from '@/server/services/audit/record-audit';

export type InvitationStatus = 'open' | 'accepted' | 'expired' | 'revoked';

export function invitationStatus(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date = new Date(),
): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}

export async function listInvitations(ctx: CohortContext) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  const invitations = await db.invitation.findMany({
    where: { cohortId: access.cohortId },
    orderBy: { createdAt: 'desc' },
    take: 500,
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      group: { select: { id: true, name: true } },
      invitedBy: { select: { name: true, email: true } },
    },
  });
  return invitations.map((invitation) => ({ ...invitation, status: invitationStatus(invitation, now) }));
}

export type InvitationRow = Awaited<ReturnType<typeof listInvitations>>[number];

/** Revokes an open invitation of this cohort; revoking one already revoked changes nothing. */
export async function revokeInvitation(ctx: CohortContext, input: z.infer<typeof revokeInvitationInput>) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const result = await revokeInTransaction(tx, access, input, now);
    if (result.changed) {
      await recordAudit(tx, ctx, {
        action: 'invitation.revoked',
        cohortId: access.cohortId,
        summary: `Revoked the invitation of ${result.email}`,
        subjectType: 'invitation',
        subjectId: input.invitationId,
      });
    }
    return { id: result.id, status: result.status };
  });
}

async function revokeInTransaction(
  db: Prisma.TransactionClient,
  access: CohortAccess,
  input: z.infer<typeof revokeInvitationInput>,
  now: Date,
) {
  const { count } = await db.invitation.updateMany({
    where: { id: input.invitationId, cohortId: access.cohortId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const invitation = await db.invitation.findFirst({
    where: { id: input.invitationId, cohortId: access.cohortId },
    select: { acceptedAt: true, email: true },
  });
  if (count === 1) return { id: input.invitationId, status: 'revoked' as const, changed: true, email: invitation!.email };
  if (!invitation) throw outOfReach('No such invitation in this cohort. Reload the page to see the current list.');
  if (invitation.acceptedAt) {
    throw new AppError('CONFLICT', 'This invitation was already accepted. Remove the member instead if they should leave.');
  }
  return { id: input.invitationId, status: 'revoked' as const, changed: false, email: invitation.email };
}
