// Roster CSV import for a cohort's admins. Both are mutations: a preview writes nothing, but
// its CSV can be a megabyte, too much for a GET query string.
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { db } from '@/server/db/client';
import { importRoster, previewRoster, rosterInput } from '@/server/services/roster/import-roster';

export const rosterRouter = createTRPCRouter({
  preview: cohortProcedure('roster.import')
    .input(rosterInput)
    .mutation(({ ctx, input }) => previewRoster(db, ctx.access.cohortId, input)),

  import: cohortProcedure('roster.import')
    .input(rosterInput)
    .mutation(({ ctx, input }) => importRoster(db, ctx.access.cohortId, input)),
});
