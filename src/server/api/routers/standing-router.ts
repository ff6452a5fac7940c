// Who is keeping up: the facilitator's group grid and the admin's cohort overview.
import { groupProgressInput } from '@/lib/schemas/standing';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { getCohortOverview } from '@/server/services/standing/cohort-overview';
import { getGroupProgress } from '@/server/services/standing/group-progress';

export const standingRouter = createTRPCRouter({
  groupProgress: cohortProcedure('standing.viewGroup').input(groupProgressInput).query(({ ctx, input }) => getGroupProgress(ctx, input)),

  cohortOverview: cohortProcedure('standing.viewCohort').query(({ ctx }) => getCohortOverview(ctx)),
});
