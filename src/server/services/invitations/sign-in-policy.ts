// Who may sign in: people with an account that is not disabled, people holding a valid
// invitation, and applicants to a cohort (the link confirms their application). Invitations are accepted at sign-in, turning into cohort memberships.
import { SIGN_IN_REFUSAL_MESSAGES, type SignInRefusal } from '@/lib/sign-in-refusals';
import { nowOf, type ServiceContext } from '@/server/services/context';
import { hasLiveApplication } from '@/server/services/applications/apply';

export type { SignInRefusal };

export type SignInVerdict = { allowed: true } | { allowed: false; reason: SignInRefusal; message: string };

function refuse(reason: SignInRefusal): SignInVerdict {
  return { allowed: false, reason, message: SIGN_IN_REFUSAL_MESSAGES[reason] };
}

export async function checkSignInAllowed(ctx: ServiceContext, input: { email: string }): Promise<SignInVerdict> {
  const { db } = ctx;
  const rawEmail = input.email;
  const now = nowOf(ctx);
  const email = rawEmail.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email }, select: { disabledAt: true } });
  if (user) return user.disabledAt ? refuse('AccountDisabled') : { allowed: true };
  const invitations = await db.invitation.findMany({
    where: { email, acceptedAt: null, revokedAt: null },
    select: { expiresAt: true, cohort: { select: { status: true } } },
  });
  const current = invitations.filter((invitation) => invitation.expiresAt > now);
  // An archived cohort is read-only: its invitations no longer let anyone in.
  if (current.some((invitation) => invitation.cohort.status !== 'ARCHIVED')) return { allowed: true };
  // Applicants confirm their application with the link: their first sign-in.
  if (await hasLiveApplication(db, email)) return { allowed: true };
  if (current.length) return refuse('CohortArchived');
  return refuse(invitations.length ? 'InvitationExpired' : 'NotInvited');
}

/**
 * Turns the user's open, unexpired invitations into memberships (one per cohort; a later
 * invitation to the same cohort updates the role and group). All or nothing. Invitations into
 * archived cohorts stay open and unaccepted: the archive is read-only, and restoring the
 * cohort makes them work again.
 */
export async function acceptPendingInvitations(ctx: ServiceContext, input: { userId: string; email: string }) {
  const { db } = ctx;
  const { userId, email: rawEmail } = input;
  const now = nowOf(ctx);
  const email = rawEmail.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const invitations = await tx.invitation.findMany({
      where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now }, cohort: { status: { not: 'ARCHIVED' } } },
      select: { id: true, cohortId: true, role: true, groupId: true },
      orderBy: { createdAt: 'asc' },
    });
    for (const invitation of invitations) {
      const fellowGroupId = invitation.role === 'FELLOW' ? invitation.groupId : null;
      const membership = await tx.membership.upsert({
        where: { cohortId_userId: { cohortId: invitation.cohortId, userId } },
        create: { cohortId: invitation.cohortId, userId, role: invitation.role, groupId: fellowGroupId },
        update: { role: invitation.role, groupId: fellowGroupId },
        select: { id: true },
      });
      // A fellow leads no group: drop what a former facilitator membership led.
      if (invitation.role === 'FELLOW') {
        await tx.groupFacilitator.deleteMany({ where: { membershipId: membership.id } });
      }
      if (invitation.role === 'FACILITATOR' && invitation.groupId) {
        await tx.groupFacilitator.upsert({
          where: { groupId_membershipId: { groupId: invitation.groupId, membershipId: membership.id } },
          create: { groupId: invitation.groupId, membershipId: membership.id },
          update: {},
        });
      }
      await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: now, acceptedById: userId } });
    }
    return invitations.length;
  });
}
