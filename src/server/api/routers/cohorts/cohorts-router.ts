// Admins' cohort management: a new cohort each quarter (from a template or a clone), its
// settings, archiving. Members' views of a cohort live in the `cohort` router.
import { z } from 'zod';
import { adminProcedure, cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { db } from '@/server/db/client';
import { cloneCohortInput, createCohortInput, updateCohortInput } from '@/lib/schemas/cohort';
import { cloneCohort, createCohort } from '@/server/services/cohorts/create-cohort';
import { listAdminCohorts, listCurriculumTemplates } from '@/server/services/cohorts/list-admin-cohorts';
import { archiveCohort, getCohortSettings, updateCohort } from '@/server/services/cohorts/update-cohort';

export const cohortsRouter = createTRPCRouter({
  /** Every cohort, with status, dates and counts. */
  list: adminProcedure.input(z.void()).query(() => listAdminCohorts(db)),

  /** Curricula a new cohort can start from (templates, not cohorts' copies). */
  templates: adminProcedure.input(z.void()).query(() => listCurriculumTemplates(db)),

  create: adminProcedure.input(createCohortInput).mutation(({ input }) => createCohort(db, input)),

  clone: adminProcedure.input(cloneCohortInput).mutation(({ input }) => cloneCohort(db, input)),

  settings: cohortProcedure('ADMIN').query(({ ctx }) => getCohortSettings(db, ctx.cohort.cohortId)),

  update: cohortProcedure('ADMIN')
    .input(updateCohortInput)
    .mutation(({ ctx, input }) => updateCohort(db, ctx.cohort.cohortId, input)),

  archive: cohortProcedure('ADMIN').mutation(({ ctx }) => archiveCohort(db, ctx.cohort.cohortId)),
});
