// Weekly availability: one's own grid, and the cohort's summary for its admins.
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { saveAvailabilityInput } from '@/lib/schemas/availability';
import { getMyAvailability, saveMyAvailability, summariseAvailability } from '@/server/services/availability/availability';

export const availabilityRouter = createTRPCRouter({
  mine: cohortProcedure('availability.edit').query(({ ctx }) => getMyAvailability(ctx)),
  save: cohortProcedure('availability.edit').input(saveAvailabilityInput).mutation(({ ctx, input }) => saveMyAvailability(ctx, input)),
  summary: cohortProcedure('grouping.manage').query(({ ctx }) => summariseAvailability(ctx)),
});
