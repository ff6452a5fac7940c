// Inputs of announcements: a subject line and a plain-text body, to the cohort or one group.
import { z } from 'zod';
import { singleLine } from '@/lib/schemas/text';

export const announcementAudienceInput = z.object({
  /** A group's id; null or absent: the whole cohort (admins only). */
  groupId: z.string().min(1).max(64).nullish(),
  /** Only the fellows at risk now. */
  atRiskOnly: z.boolean().default(false),
});

export const sendAnnouncementInput = announcementAudienceInput.extend({
  subject: singleLine().min(1, 'Write a subject.').max(150, 'Keep the subject under 150 characters.'),
  body: z
    .string()
    .trim()
    .min(1, 'Write the message.')
    .max(10_000, 'Keep the message under 10,000 characters.')
    .transform((text) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')),
});
