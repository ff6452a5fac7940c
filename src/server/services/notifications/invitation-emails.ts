// Invitation emails: one per invitation an admin creates (or resends), and one per person a
// roster import adds, queued in the same transaction as the invitations or memberships.
import type { Prisma } from '@/generated/prisma/client';
import { displayName } from '@/lib/format';
import type { Db } from '@/server/services/context';
import { queueDeliverable, type NotificationDraft } from './queue-notifications';

type Client = Db | Prisma.TransactionClient;

/** Queues the invitation emails of these invitations; `resendAt` makes a fresh one for a resend. */
export async function queueInvitationEmails(tx: Client, invitationIds: string[], options: { resendAt?: Date } = {}): Promise<number> {
  if (!invitationIds.length) return 0;
  const invitations = await tx.invitation.findMany({
    where: { id: { in: invitationIds } },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      cohortId: true,
      cohort: { select: { name: true, slug: true, timeZone: true } },
      group: { select: { name: true } },
      invitedBy: { select: { name: true, email: true } },
    },
  });
  const users = await tx.user.findMany({ where: { email: { in: invitations.map((invitation) => invitation.email) } }, select: { id: true, email: true } });
  const userIdByEmail = new Map(users.map((user) => [user.email, user.id]));
  const drafts: NotificationDraft<'INVITATION'>[] = invitations.map((invitation) => ({
    kind: 'INVITATION',
    dedupeKey: `invitation:${invitation.id}${options.resendAt ? `:resend:${options.resendAt.toISOString()}` : ''}`,
    toEmail: invitation.email,
    userId: userIdByEmail.get(invitation.email) ?? null,
    cohortId: invitation.cohortId,
    subjectId: invitation.id,
    payload: {
      cohortName: invitation.cohort.name,
      cohortSlug: invitation.cohort.slug,
      cohortTimeZone: invitation.cohort.timeZone,
      role: invitation.role === 'FACILITATOR' ? 'FACILITATOR' : 'FELLOW',
      groupName: invitation.group?.name ?? null,
      inviterName: invitation.invitedBy ? displayName(invitation.invitedBy) : null,
      expiresAt: invitation.expiresAt.toISOString(),
    },
  }));
  return send(tx, drafts);
}

/** The welcome email of people a roster import added to the cohort (they are members already). */
export async function queueRosterWelcomeEmails(tx: Client, input: { cohortId: string; membershipIds: string[]; inviterName: string | null }): Promise<number> {
  if (!input.membershipIds.length) return 0;
  const memberships = await tx.membership.findMany({
    where: { id: { in: input.membershipIds }, cohortId: input.cohortId },
    select: {
      id: true,
      role: true,
      userId: true,
      user: { select: { email: true } },
      group: { select: { name: true } },
      leadsGroups: { select: { group: { select: { name: true } } } },
      cohort: { select: { name: true, slug: true, timeZone: true } },
    },
  });
  const drafts: NotificationDraft<'INVITATION'>[] = memberships.map((membership) => ({
    kind: 'INVITATION',
    dedupeKey: `welcome:${membership.id}`,
    toEmail: membership.user.email,
    userId: membership.userId,
    cohortId: input.cohortId,
    subjectId: membership.id,
    payload: {
      cohortName: membership.cohort.name,
      cohortSlug: membership.cohort.slug,
      cohortTimeZone: membership.cohort.timeZone,
      role: membership.role === 'FACILITATOR' ? 'FACILITATOR' : 'FELLOW',
      groupName: membership.group?.name ?? membership.leadsGroups[0]?.group.name ?? null,
      inviterName: input.inviterName,
      expiresAt: null,
    },
  }));
  return send(tx, drafts);
}

function send(tx: Client, drafts: NotificationDraft<'INVITATION'>[]): Promise<number> {
  return queueDeliverable(tx, 'INVITATION', drafts[0]?.cohortId ?? null, drafts);
}
