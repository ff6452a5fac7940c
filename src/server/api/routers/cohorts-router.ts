// Cohorts: the ones a person belongs to and a member's cohort home; for admins, every cohort, a
// new one each quarter (from a template or a clone), its settings and archiving.
import { z } from 'zod';
import { cloneCohortInput, createCohortInput, updateCohortInput } from '@/lib/schemas/cohort';
import { cohortProcedure, createTRPCRouter, publicProcedure, siteProcedure } from '@/server/api/trpc';
import { cloneCohort, createCohort } from '@/server/services/cohorts/create-cohort';
import { getCohortFrame, listOwnGroups } from '@/server/services/cohorts/get-cohort-frame';
import { getCohortHome } from '@/server/services/cohorts/get-cohort-home';
import { listAdminCohorts } from '@/server/services/cohorts/list-admin-cohorts';
import { listCurriculumTemplates } from '@/server/services/curricula/list-templates';
import { listCohorts } from '@/server/services/cohorts/list-cohorts';
import { archiveCohort, getCohortSettings, updateCohort } from '@/server/services/cohorts/update-cohort';

export const cohortsRouter = createTRPCRouter({
  /** The caller's cohorts. Admins: every cohort; members: theirs; signed out: none. */
  mine: publicProcedure.input(z.void()).query(({ ctx }) => listCohorts(ctx)),

  /** The cohort's name, dates and the caller's role and groups: what every cohort page needs (no more reads than the access). */
  frame: cohortProcedure('cohort.view').query(({ ctx }) => getCohortFrame(ctx)),

  /** The groups the caller leads or is in, by name. */
  ownGroups: cohortProcedure('cohort.view').query(({ ctx }) => listOwnGroups(ctx)),

  /** A member's cohort home. */
  get: cohortProcedure('cohort.view').query(({ ctx }) => getCohortHome(ctx)),

  /** Every cohort, with status, dates and counts. */
  list: siteProcedure('cohorts.manage').input(z.void()).query(({ ctx }) => listAdminCohorts(ctx)),

  /** Curricula a new cohort can start from (templates, not cohorts' copies). */
  templates: siteProcedure('cohorts.manage').input(z.void()).query(({ ctx }) => listCurriculumTemplates(ctx)),

  create: siteProcedure('cohorts.manage').input(createCohortInput).mutation(({ ctx, input }) => createCohort(ctx, input)),

  clone: siteProcedure('cohorts.manage').input(cloneCohortInput).mutation(({ ctx, input }) => cloneCohort(ctx, input)),

  settings: cohortProcedure('cohort.manage').query(({ ctx }) => getCohortSettings(ctx)),

  update: cohortProcedure('cohort.manage').input(updateCohortInput).mutation(({ ctx, input }) => updateCohort(ctx, input)),

  archive: cohortProcedure('cohort.manage').mutation(({ ctx }) => archiveCohort(ctx)),
});
