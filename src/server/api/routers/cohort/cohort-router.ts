import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '@/server/api/trpc';
import { listCohorts } from '@/server/services/cohorts/list-cohorts';

export const cohortRouter = createTRPCRouter({
  // Public until membership arrives; that issue moves this behind the cohort-scoped procedure.
  list: publicProcedure.input(z.void()).query(() => listCohorts()),
});
