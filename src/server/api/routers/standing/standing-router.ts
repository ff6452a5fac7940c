// Who is keeping up: the facilitator's group grid and the admin's cohort overview.
import { z } from 'zod';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { db } from '@/server/db/client';
import { getCohortOverview } from '@/server/services/standing/cohort-overview';
import { getGroupProgress } from '@/server/services/standing/group-progress';

export const standingRouter = createTRPCRouter({
  groupProgress: cohortProcedure('standing.viewGroup')
    .input(
      z.object({
        groupId: z.string().min(1).max(100).optional(),
        /** A week's position in the syllabus; null for the whole cohort; omitted for the current week. */
        week: z.number().int().min(1).max(1000).nullable().optional(),
      }),
    )
    .query(({ ctx, input }) => getGroupProgress(db, ctx.access, input)),

  cohortOverview: cohortProcedure('standing.viewCohort').query(({ ctx }) => getCohortOverview(db, ctx.access)),
});
