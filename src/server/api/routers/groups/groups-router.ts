// A cohort's discussion groups, for its admins: meeting settings and who leads each group.
// Moving people between groups is members.moveToGroup.
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { db } from '@/server/db/client';
import { createGroupInput, deleteGroupInput, setGroupFacilitatorsInput, updateGroupInput } from '@/lib/schemas/cohort';
import { createGroup, deleteGroup, listCohortGroups, setGroupFacilitators, updateGroup } from '@/server/services/groups/manage-groups';

export const groupsRouter = createTRPCRouter({
  list: cohortProcedure('ADMIN').query(({ ctx }) => listCohortGroups(db, ctx.cohort.cohortId)),

  create: cohortProcedure('ADMIN')
    .input(createGroupInput)
    .mutation(({ ctx, input }) => createGroup(db, ctx.cohort.cohortId, input)),

  update: cohortProcedure('ADMIN')
    .input(updateGroupInput)
    .mutation(({ ctx, input }) => updateGroup(db, ctx.cohort.cohortId, input)),

  delete: cohortProcedure('ADMIN')
    .input(deleteGroupInput)
    .mutation(({ ctx, input }) => deleteGroup(db, ctx.cohort.cohortId, input)),

  setFacilitators: cohortProcedure('ADMIN')
    .input(setGroupFacilitatorsInput)
    .mutation(({ ctx, input }) => setGroupFacilitators(db, ctx.cohort.cohortId, input)),
});
