// Invitations into a cohort, one or a whole pasted roster at a time. Each address gets its own
// verdict (invited, already a member, not an address, listed twice) rather than one bad line
// failing the lot; the good ones are written together in one transaction.
import { z } from 'zod';
import { getAuthSettings } from '@/server/auth/settings';
import { AppError } from '@/server/errors';
import { isEmailAddress, normalizeEmail, splitEmailList } from '@/lib/email-list';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { assertGroupsInCohort } from './cohort-groups';
import { nowOf, actingUser, type CohortContext } from '@/server/services/context';
import { inviteMembersInput, MAX_INVITATIONS_PER_REQUEST } from '@/lib/schemas/members';
import { recordAudit } from '@/server/services/audit/record-audit';
import { queueInvitationEmails } from '@/server/services/notifications/invitation-emails';

export type InviteStatus = 'invited' | 'already-member' | 'invalid' | 'duplicate';

export type InviteResult = { email: string; status: InviteStatus; message: string };

export async function inviteMembers(ctx: CohortContext, rawInput: z.input<typeof inviteMembersInput>) {
  const { db, access } = ctx;
  const input = inviteMembersInput.parse(rawInput);
  const inviterId = actingUser(ctx).id;
  const now = nowOf(ctx);
  const { invitationDays } = getAuthSettings();
  const fromText = splitEmailList(input.emails ?? '').map((email) => ({ email, role: input.role, groupId: input.groupId }));
  const entries = [...(input.entries ?? []), ...fromText];
  if (entries.length > MAX_INVITATIONS_PER_REQUEST) {
    throw new AppError('BAD_REQUEST', `Invite at most ${MAX_INVITATIONS_PER_REQUEST} people at a time.`);
  }
  const expiresAt = new Date(now.getTime() + invitationDays * 24 * 60 * 60 * 1000);

  return db.$transaction(
    async (tx) => {
      await assertCohortWritable(tx, access.cohortId);
      await assertGroupsInCohort(
        tx,
        access.cohortId,
        entries.flatMap((entry) => (entry.groupId ? [entry.groupId] : [])),
      );

      const candidates = entries.map((entry) => ({ ...entry, normalized: normalizeEmail(entry.email) }));
      const validEmails = candidates.filter((entry) => isEmailAddress(entry.normalized)).map((entry) => entry.normalized);
      const members = await tx.membership.findMany({
        where: { cohortId: access.cohortId, user: { email: { in: validEmails } } },
        select: { role: true, user: { select: { email: true } } },
      });
      const memberRoles = new Map(members.map((member) => [member.user.email, member.role]));
      const open = await tx.invitation.findMany({
        where: { cohortId: access.cohortId, email: { in: validEmails }, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        select: { email: true },
      });
      const openEmails = new Set(open.map((invitation) => invitation.email));

      let emailed = 0;
      const seen = new Set<string>();
      const results: InviteResult[] = [];
      const toCreate: { email: string; role: 'FELLOW' | 'FACILITATOR'; groupId: string | null }[] = [];
      for (const entry of candidates) {
        const email = entry.normalized;
        if (!isEmailAddress(email)) {
          results.push({ email: entry.email.trim(), status: 'invalid', message: 'Not an email address: check for typos.' });
        } else if (seen.has(email)) {
          results.push({ email, status: 'duplicate', message: 'Listed more than once: invited once.' });
        } else if (memberRoles.has(email)) {
          const role = memberRoles.get(email) === 'FACILITATOR' ? 'a facilitator' : 'a fellow';
          results.push({ email, status: 'already-member', message: `Already a member (${role}): nothing sent.` });
        } else {
          toCreate.push({ email, role: entry.role, groupId: entry.groupId ?? null });
          results.push({
            email,
            status: 'invited',
            message: openEmails.has(email)
              ? 'Invited again: this replaces the earlier invitation.'
              : 'They join when they first sign in with this address.',
          });
        }
        seen.add(email);
      }

      if (toCreate.length) {
        // A new invitation replaces any still open, so only the latest role and group count.
        await tx.invitation.updateMany({
          where: { cohortId: access.cohortId, email: { in: toCreate.map((entry) => entry.email) }, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
          data: { revokedAt: now },
        });
        const created = await tx.invitation.createManyAndReturn({
          select: { id: true },
          data: toCreate.map((entry) => ({
            cohortId: access.cohortId,
            email: entry.email,
            role: entry.role,
            groupId: entry.groupId,
            invitedById: inviterId,
            createdAt: now,
            expiresAt,
          })),
        });
        emailed = !input.sendEmail ? 0 : await queueInvitationEmails(tx, created.map((invitation) => invitation.id));
        await recordAudit(tx, ctx, {
          action: 'invitation.created',
          cohortId: access.cohortId,
          summary: `Invited ${toCreate.length === 1 ? toCreate[0]!.email : `${toCreate.length} people`}`,
          subjectType: 'invitation',
          after: { invitations: toCreate.map((entry) => ({ email: entry.email, role: entry.role, groupId: entry.groupId })) },
        });
      }
      return { invited: toCreate.length, emailed, expiresAt, results };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}
