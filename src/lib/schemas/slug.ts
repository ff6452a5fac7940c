import { z } from 'zod';

/** The URL-safe name of a curriculum or cohort, as it appears in /syllabus/<slug>. */
export const slugSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'may contain only letters, digits, "-" and "_"');
