// A cohort's discussion groups, for its admins: meeting settings and who leads each group.
// Moving people between groups is members.moveToGroup.
import { createGroupInput, deleteGroupInput, setGroupFacilitatorsInput, updateGroupInput } from '@/lib/schemas/cohort';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { createGroup, deleteGroup, listCohortGroups, setGroupFacilitators, updateGroup } from '@/server/services/groups/manage-groups';

export const groupsRouter = createTRPCRouter({
  list: cohortProcedure('groups.manage').query(({ ctx }) => listCohortGroups(ctx)),

  create: cohortProcedure('groups.manage').input(createGroupInput).mutation(({ ctx, input }) => createGroup(ctx, input)),

  update: cohortProcedure('groups.manage').input(updateGroupInput).mutation(({ ctx, input }) => updateGroup(ctx, input)),

  delete: cohortProcedure('groups.manage').input(deleteGroupInput).mutation(({ ctx, input }) => deleteGroup(ctx, input)),

  setFacilitators: cohortProcedure('groups.manage').input(setGroupFacilitatorsInput).mutation(({ ctx, input }) => setGroupFacilitators(ctx, input)),
});
