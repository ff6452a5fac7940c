// Invitations into a cohort, one or a whole pasted roster at a time. Each address gets its own
// verdict (invited, already a member, not an address, listed twice) rather than one bad line
// failing the lot; the good ones are written together in one transaction.
import { z } from 'zod';
import { db } from '@/server/db/client';
import { AppError } from '@/server/errors';
import { isEmailAddress, normalizeEmail, splitEmailList } from '@/lib/email-list';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { assertGroupsInCohort } from './cohort-groups';

export const MAX_INVITATIONS_PER_REQUEST = 500;

const roleSchema = z.enum(['FELLOW', 'FACILITATOR']);
const groupIdSchema = z.string().min(1).max(64).nullish();

export const inviteMembersInput = z
  .object({
    /** One entry per person; the form sends these. */
    entries: z
      .array(z.object({ email: z.string().max(320), role: roleSchema, groupId: groupIdSchema }))
      .max(MAX_INVITATIONS_PER_REQUEST, `Invite at most ${MAX_INVITATIONS_PER_REQUEST} people at a time.`)
      .optional(),
    /** Or a pasted list (one per line, or comma-separated), all with `role` and `groupId`. */
    emails: z.string().max(100_000, 'That list is too long: split it into smaller ones.').optional(),
    role: roleSchema.default('FELLOW'),
    groupId: groupIdSchema,
  })
  .refine((input) => (input.entries?.length ?? 0) > 0 || splitEmailList(input.emails ?? '').length > 0, {
    message: 'Enter at least one email address.',
    path: ['emails'],
  });

export type InviteStatus = 'invited' | 'already-member' | 'invalid' | 'duplicate';

export type InviteResult = { email: string; status: InviteStatus; message: string };

export async function inviteMembers(
  access: CohortAccess,
  inviterId: string,
  input: z.infer<typeof inviteMembersInput>,
  invitationDays: number,
  now: Date = new Date(),
) {
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
        await tx.invitation.createMany({
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
      }
      return { invited: toCreate.length, expiresAt, results };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}
