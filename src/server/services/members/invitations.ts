import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { AppError, outOfReach } from '@/server/errors';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { nowOf, type CohortContext } from '@/server/services/context';
import { revokeInvitationInput } from '@/lib/schemas/members';
import { recordAudit } from '@/server/services/audit/record-audit';
import { queueInvitationEmails } from '@/server/services/notifications/invitation-emails';

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
  const emails = await invitationEmailStates(db, invitations.map((invitation) => invitation.id));
  return invitations.map((invitation) => ({
    ...invitation,
    status: invitationStatus(invitation, now),
    emailDelivery: emails.get(invitation.id) ?? { state: 'not-emailed' as const, at: null, error: null },
  }));
}

export type InvitationEmailState = 'not-emailed' | 'queued' | 'sent' | 'bouncing' | 'failed' | 'skipped';

/** The latest invitation email of each invitation: queued, sent, bouncing (refused for good), failed or skipped. */
async function invitationEmailStates(db: CohortContext['db'], invitationIds: string[]) {
  const rows = await db.notification.findMany({
    where: { kind: 'INVITATION', subjectId: { in: invitationIds } },
    orderBy: { createdAt: 'asc' },
    select: { subjectId: true, status: true, createdAt: true, sentAt: true, lastError: true },
  });
  const latest = new Map<string, { state: InvitationEmailState; at: Date | null; error: string | null }>();
  for (const row of rows) {
    const state: InvitationEmailState =
      row.status === 'SENT' ? 'sent' : row.status === 'QUEUED' ? 'queued' : row.status === 'SKIPPED' ? 'skipped' : row.lastError?.startsWith('Refused') ? 'bouncing' : 'failed';
    latest.set(row.subjectId!, { state, at: row.sentAt ?? row.createdAt, error: row.lastError });
  }
  return latest;
}

/** Emails an open invitation again (a fresh email; the invitation keeps its expiry). */
export async function resendInvitation(ctx: CohortContext, input: { invitationId: string }) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const invitation = await tx.invitation.findFirst({
      where: { id: input.invitationId, cohortId: access.cohortId },
      select: { id: true, email: true, acceptedAt: true, revokedAt: true, expiresAt: true },
    });
    if (!invitation) throw outOfReach('No such invitation in this cohort. Reload the page to see the current list.');
    if (invitationStatus(invitation, now) !== 'open') throw new AppError('BAD_REQUEST', 'Only an open invitation can be sent again: invite them anew.');
    const bouncing = await tx.bouncingAddress.findUnique({ where: { email: invitation.email }, select: { email: true } });
    if (bouncing) throw new AppError('BAD_REQUEST', `Mail to ${invitation.email} bounces: check the address, then invite it again.`);
    const queued = await queueInvitationEmails(tx, [invitation.id], { resendAt: now });
    return { queued };
  });
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
