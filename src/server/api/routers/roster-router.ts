// Roster CSV import for a cohort's admins. Both are mutations: a preview writes nothing, but
// its CSV can be a megabyte, too much for a GET query string.
import { rosterInput } from '@/lib/schemas/roster';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { importRoster, previewRoster } from '@/server/services/roster/import-roster';

export const rosterRouter = createTRPCRouter({
  preview: cohortProcedure('roster.import').input(rosterInput).mutation(({ ctx, input }) => previewRoster(ctx, input)),

  import: cohortProcedure('roster.import').input(rosterInput).mutation(({ ctx, input }) => importRoster(ctx, input)),
});
