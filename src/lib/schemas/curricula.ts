// Inputs of the curricula services (src/server/services/curricula): the published list, a
// template by slug (the REST API) and the admins' markdown import.
import { z } from 'zod';
import { slugSchema } from './slug';

/**
 * The most a syllabus file may weigh. The same limit as the parser's SYLLABUS_MAX_BYTES
 * (src/server/services/syllabus/parse-syllabus.ts), which src/lib may not import.
 */
export const CURRICULUM_MARKDOWN_MAX_BYTES = 1024 * 1024;

export const curriculumMarkdownSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(CURRICULUM_MARKDOWN_MAX_BYTES, 'must be at most 1 MB')
  .refine((text) => Buffer.byteLength(text, 'utf8') <= CURRICULUM_MARKDOWN_MAX_BYTES, 'must be at most 1 MB');

export const previewCurriculumImportInput = z.object({
  markdown: curriculumMarkdownSchema,
  /** Overrides the slug made from the syllabus's title. */
  slug: slugSchema.optional(),
});

export const importCurriculumInput = previewCurriculumImportInput.extend({
  /** Replace the weeks of the template that has this slug (its cohorts keep their own copies). */
  replace: z.boolean().default(false),
});

/** One curriculum by its slug (a template for the public reads, any curriculum for the admin's). */
export const curriculumSlugInput = z.object({ slug: slugSchema });

export type PreviewCurriculumImportInput = z.output<typeof previewCurriculumImportInput>;
export type ImportCurriculumInput = z.output<typeof importCurriculumInput>;
export type CurriculumSlugInput = z.output<typeof curriculumSlugInput>;

/** A cohort's syllabus page, by the cohort's slug. */
export const cohortSyllabusInput = z.object({ cohort: slugSchema });
export type CohortSyllabusInput = z.output<typeof cohortSyllabusInput>;
