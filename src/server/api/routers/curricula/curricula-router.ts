// Admins' curricula: the templates list and markdown import (a dry run, then the import).
import { z } from 'zod';
import { createTRPCRouter, siteProcedure } from '@/server/api/trpc';
import {
  importCurriculumInput,
  importCurriculumMarkdown,
  previewCurriculumImport,
  previewCurriculumImportInput,
} from '@/server/services/curricula/import-curriculum';
import { listCurriculumTemplates } from '@/server/services/curricula/list-templates';

export const curriculaRouter = createTRPCRouter({
  list: siteProcedure('curricula.manage').input(z.void()).query(() => listCurriculumTemplates()),

  // Mutations although they write nothing: a syllabus of up to 1 MB does not fit in a URL.
  preview: siteProcedure('curricula.manage').input(previewCurriculumImportInput).mutation(({ input }) => previewCurriculumImport(input)),

  import: siteProcedure('curricula.manage').input(importCurriculumInput).mutation(({ input }) => importCurriculumMarkdown(input)),
});
