// Input schemas for a fellow's own progress: ticking readings and writing week reflections.
// Shared by the tRPC router and the fellow's home page, so limits read the same in both.
import { z } from 'zod';

export const REFLECTION_MAX_LENGTH = 5000;

const idSchema = (what: string) => z.string().trim().min(1, `Name a ${what}.`).max(64, `That is not a ${what} id.`);

export const setReadingDoneInput = z.object({
  itemId: idSchema('reading'),
  done: z.boolean({ message: 'Say whether the reading is done (true or false).' }),
});

export const saveReflectionInput = z.object({
  weekId: idSchema('week'),
  // Trimmed, so a note of only spaces counts as empty and is deleted.
  text: z.string().trim().max(REFLECTION_MAX_LENGTH, `Keep your note under ${REFLECTION_MAX_LENGTH.toLocaleString('en-US')} characters.`),
});

export type SetReadingDoneInput = z.infer<typeof setReadingDoneInput>;
export type SaveReflectionInput = z.infer<typeof saveReflectionInput>;

export const RESPONSE_MAX_LENGTH = 10_000;

export const savePromptResponseInput = z.object({
  promptId: idSchema('prompt'),
  // Markdown. Trimmed, so an answer of only spaces counts as empty and is deleted.
  text: z.string().trim().max(RESPONSE_MAX_LENGTH, `Keep your answer under ${RESPONSE_MAX_LENGTH.toLocaleString('en-US')} characters.`),
});

export type SavePromptResponseInput = z.infer<typeof savePromptResponseInput>;

export const CHECK_IN_COMMENT_MAX = 2000;

export const saveCheckInInput = z.object({
  weekId: idSchema('week'),
  rating: z.number({ message: 'Choose how useful the week was, from 1 to 5.' }).int().min(1, 'From 1 (not useful).').max(5, 'Up to 5 (very useful).'),
  comment: z.string().trim().max(CHECK_IN_COMMENT_MAX, `Keep the comment under ${CHECK_IN_COMMENT_MAX.toLocaleString('en-US')} characters.`).default(''),
});

export type SaveCheckInInput = z.input<typeof saveCheckInInput>;
