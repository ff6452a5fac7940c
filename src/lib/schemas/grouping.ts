// Inputs of group formation: the admin's settings for a proposal, moves to it, publishing.
import { z } from 'zod';

export const MEETING_LENGTHS = [30, 45, 60, 75, 90, 105, 120, 150, 180] as const;

export const groupingSettingsInput = z
  .object({
    minSize: z.number().int().min(2, 'Groups have at least 2 fellows.').max(30).default(4),
    maxSize: z.number().int().min(2).max(30, 'Groups have at most 30 fellows.').default(8),
    meetingMinutes: z.number().int().refine((minutes) => (MEETING_LENGTHS as readonly number[]).includes(minutes), 'Choose a meeting length from the list.').default(90),
    groupsPerFacilitator: z.number().int().min(1).max(5).default(1),
    /** Pairs to keep together, one pair a line: two email addresses. */
    together: z.string().max(20_000).default(''),
    /** Pairs to keep apart, one pair a line. */
    apart: z.string().max(20_000).default(''),
    balance: z.object({ questionId: z.string().min(1).max(64), mode: z.enum(['mix', 'match']) }).nullable().default(null),
    timeLimitSeconds: z.number().int().min(2).max(50).default(30),
    /** Keep published groups as they are (late joiners fill them); false regroups everyone not yet met. */
    keepPublished: z.boolean().default(true),
  })
  .refine((settings) => settings.maxSize >= settings.minSize, { path: ['maxSize'], message: 'The largest group must be at least the smallest.' });

export type GroupingSettingsInput = z.input<typeof groupingSettingsInput>;

export const moveInProposalInput = z.object({
  proposalId: z.string().min(1).max(64),
  /** The groups as the admin arranged them: members by user id, in the same order as the proposal's groups. */
  groups: z.array(z.object({ memberIds: z.array(z.string().min(1).max(64)).max(60) })).max(2000),
});
