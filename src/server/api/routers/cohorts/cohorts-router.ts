// Admins' cohort management: a new cohort each quarter (from a template or a clone), its
// settings, archiving. Members' views of a cohort live in the `cohort` router.
import { z } from 'zod';
import { cohortProcedure, createTRPCRouter, siteProcedure } from '@/server/api/trpc';
import { db } from '@/server/db/client';
import { cloneCohortInput, createCohortInput, updateCohortInput } from '@/lib/schemas/cohort';
import { cloneCohort, createCohort } from '@/server/services/cohorts/create-cohort';
import { listAdminCohorts } from '@/server/services/cohorts/list-admin-cohorts';
import { listCurriculumTemplates } from '@/server/services/curricula/list-templates';
import { archiveCohort, getCohortSettings, updateCohort } from '@/server/services/cohorts/update-cohort';

export const cohortsRouter = createTRPCRouter({
  /** Every cohort, with status, dates and counts. */
  list: siteProcedure('cohorts.manage').input(z.void()).query(() => listAdminCohorts(db)),

  /** Curricula a new cohort can start from (templates, not cohorts' copies). */
  templates: siteProcedure('cohorts.manage').input(z.void()).query(({ ctx }) => listCurriculumTemplates(ctx)),

  create: siteProcedure('cohorts.manage').input(createCohortInput).mutation(({ input }) => createCohort(db, input)),

  clone: siteProcedure('cohorts.manage').input(cloneCohortInput).mutation(({ input }) => cloneCohort(db, input)),

  settings: cohortProcedure('cohort.manage').query(({ ctx }) => getCohortSettings(db, ctx.access.cohortId)),

  update: cohortProcedure('cohort.manage')
    .input(updateCohortInput)
    .mutation(({ ctx, input }) => updateCohort(db, ctx.access.cohortId, input)),

  archive: cohortProcedure('cohort.manage').mutation(({ ctx }) => archiveCohort(db, ctx.access.cohortId)),
});
