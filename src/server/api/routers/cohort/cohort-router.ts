import { z } from 'zod';
import { cohortProcedure, createTRPCRouter, publicProcedure } from '@/server/api/trpc';
import { listCohorts } from '@/server/services/cohorts/list-cohorts';
import { getCohortHome } from '@/server/services/cohorts/get-cohort-home';

export const cohortRouter = createTRPCRouter({
  /** Admins: every cohort; members: theirs; signed out: none. */
  list: publicProcedure.input(z.void()).query(({ ctx }) => listCohorts(ctx)),

  get: cohortProcedure('cohort.view')
    .query(({ ctx }) => getCohortHome(ctx.access)),
});
