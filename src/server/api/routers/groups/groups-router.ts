// A cohort's discussion groups, for its admins: meeting settings and who leads each group.
// Moving people between groups is members.moveToGroup.
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { db } from '@/server/db/client';
import { createGroupInput, deleteGroupInput, setGroupFacilitatorsInput, updateGroupInput } from '@/lib/schemas/cohort';
import { createGroup, deleteGroup, listCohortGroups, setGroupFacilitators, updateGroup } from '@/server/services/groups/manage-groups';

export const groupsRouter = createTRPCRouter({
  list: cohortProcedure('groups.manage').query(({ ctx }) => listCohortGroups(db, ctx.access.cohortId)),

  create: cohortProcedure('groups.manage')
    .input(createGroupInput)
    .mutation(({ ctx, input }) => createGroup(db, ctx.access.cohortId, input)),

  update: cohortProcedure('groups.manage')
    .input(updateGroupInput)
    .mutation(({ ctx, input }) => updateGroup(db, ctx.access.cohortId, input)),

  delete: cohortProcedure('groups.manage')
    .input(deleteGroupInput)
    .mutation(({ ctx, input }) => deleteGroup(db, ctx.access.cohortId, input)),

  setFacilitators: cohortProcedure('groups.manage')
    .input(setGroupFacilitatorsInput)
    .mutation(({ ctx, input }) => setGroupFacilitators(db, ctx.access.cohortId, input)),
});
