import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { getAuthSettings } from '@/server/auth/settings';
import { listGroups, listMembers } from '@/server/services/members/list-members';
import { inviteMembers, inviteMembersInput } from '@/server/services/members/invite-members';
import { listInvitations, revokeInvitation, revokeInvitationInput } from '@/server/services/members/invitations';
import {
  changeRole,
  changeRoleInput,
  moveToGroup,
  moveToGroupInput,
  removeMember,
  removeMemberInput,
} from '@/server/services/members/manage-membership';

// Every procedure takes `{ cohort: slug }`; cohortProcedure checks the caller's role there.
export const membersRouter = createTRPCRouter({
  list: cohortProcedure('FACILITATOR')
    .query(({ ctx }) => listMembers(ctx.cohort)),

  groups: cohortProcedure('FACILITATOR')
    .query(({ ctx }) => listGroups(ctx.cohort)),

  invite: cohortProcedure('ADMIN')
    .input(inviteMembersInput)
    .mutation(({ ctx, input }) => inviteMembers(ctx.cohort, ctx.session.user.id, input, getAuthSettings().invitationDays)),

  invitations: cohortProcedure('ADMIN')
    .query(({ ctx }) => listInvitations(ctx.cohort)),

  revokeInvitation: cohortProcedure('ADMIN')
    .input(revokeInvitationInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.cohort, input)),

  changeRole: cohortProcedure('ADMIN')
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeRole(ctx.cohort, input)),

  moveToGroup: cohortProcedure('ADMIN')
    .input(moveToGroupInput)
    .mutation(({ ctx, input }) => moveToGroup(ctx.cohort, input)),

  remove: cohortProcedure('ADMIN')
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.cohort, input)),
});
