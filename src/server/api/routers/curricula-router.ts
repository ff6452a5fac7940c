// Curricula: the published templates anyone may read, and the admins' templates list and
// markdown import (a dry run, then the import).
import { z } from 'zod';
import { importCurriculumInput, previewCurriculumImportInput } from '@/lib/schemas/curricula';
import { createTRPCRouter, publicProcedure, siteProcedure } from '@/server/api/trpc';
import { importCurriculumMarkdown, previewCurriculumImport } from '@/server/services/curricula/import-curriculum';
import { listCurricula } from '@/server/services/curricula/list-curricula';
import { listCurriculumTemplates } from '@/server/services/curricula/list-templates';

export const curriculaRouter = createTRPCRouter({
  // Syllabi are public for now; the issue that adds cohorts' private material revisits this.
  published: publicProcedure.input(z.void()).query(({ ctx }) => listCurricula(ctx)),

  list: siteProcedure('curricula.manage').input(z.void()).query(({ ctx }) => listCurriculumTemplates(ctx)),

  // Mutations although they write nothing: a syllabus of up to 1 MB does not fit in a URL.
  preview: siteProcedure('curricula.manage').input(previewCurriculumImportInput).mutation(({ ctx, input }) => previewCurriculumImport(ctx, input)),

  import: siteProcedure('curricula.manage').input(importCurriculumInput).mutation(({ ctx, input }) => importCurriculumMarkdown(ctx, input)),
});
