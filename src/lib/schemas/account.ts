// Inputs of one's own account.
import { z } from 'zod';
import { EMAIL_TOPICS } from '@/lib/notification-kinds';
import { timeZoneSchema } from '@/lib/schemas/cohort';
import { singleLine } from '@/lib/schemas/text';

export const updateNameInput = z.object({
  name: singleLine().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.'),
});

/** Turn email topics on or off; only the topics sent change. */
export const setEmailPreferencesInput = z.object({
  topics: z.partialRecord(z.enum(EMAIL_TOPICS), z.boolean()),
  /** The zone dates in one's emails are written in; null: each cohort's own. */
  timeZone: timeZoneSchema.nullable().optional(),
});
