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
  list: cohortProcedure('members.view')
    .query(({ ctx }) => listMembers(ctx.access)),

  groups: cohortProcedure('members.view')
    .query(({ ctx }) => listGroups(ctx.access)),

  invite: cohortProcedure('members.manage')
    .input(inviteMembersInput)
    .mutation(({ ctx, input }) => inviteMembers(ctx.access, ctx.session.user.id, input, getAuthSettings().invitationDays)),

  invitations: cohortProcedure('members.manage')
    .query(({ ctx }) => listInvitations(ctx.access)),

  revokeInvitation: cohortProcedure('members.manage')
    .input(revokeInvitationInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.access, input)),

  changeRole: cohortProcedure('members.manage')
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeRole(ctx.access, input)),

  moveToGroup: cohortProcedure('members.manage')
    .input(moveToGroupInput)
    .mutation(({ ctx, input }) => moveToGroup(ctx.access, input)),

  remove: cohortProcedure('members.manage')
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.access, input)),
});
