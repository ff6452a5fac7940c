// Inputs of the members domain (invitations and memberships of one cohort), shared by the
// tRPC procedures, the members page's forms and the services.
import { z } from 'zod';
import { splitEmailList } from '@/lib/email-list';

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
    /** Email the invitations now (default), or later from the members page. */
    sendEmail: z.boolean().default(true),
  })
  .refine((input) => (input.entries?.length ?? 0) > 0 || splitEmailList(input.emails ?? '').length > 0, {
    message: 'Enter at least one email address.',
    path: ['emails'],
  });

const membershipId = z.string().min(1).max(64);

export const changeRoleInput = z.object({ membershipId, role: z.enum(['FELLOW', 'FACILITATOR']) });
export const moveToGroupInput = z.object({
  membershipId,
  /** A fellow's group (none or one), or every group a facilitator should lead. */
  groupIds: z.array(z.string().min(1).max(64)).max(50),
});
export const removeMemberInput = z.object({ membershipId });

export const revokeInvitationInput = z.object({ invitationId: z.string().min(1).max(64) });
