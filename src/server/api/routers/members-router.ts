// A cohort's people: facilitators read (the fellows of their groups), admins invite and change.
import {
  changeRoleInput,
  inviteMembersInput,
  moveToGroupInput,
  removeMemberInput,
  revokeInvitationInput,
} from '@/lib/schemas/members';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { inviteMembers } from '@/server/services/members/invite-members';
import { listInvitations, resendInvitation, revokeInvitation } from '@/server/services/members/invitations';
import { listGroups, listMembers } from '@/server/services/members/list-members';
import { changeRole, moveToGroup, removeMember } from '@/server/services/members/manage-membership';

export const membersRouter = createTRPCRouter({
  list: cohortProcedure('members.view').query(({ ctx }) => listMembers(ctx)),

  groups: cohortProcedure('members.view').query(({ ctx }) => listGroups(ctx)),

  invite: cohortProcedure('members.manage').input(inviteMembersInput).mutation(({ ctx, input }) => inviteMembers(ctx, input)),

  invitations: cohortProcedure('members.manage').query(({ ctx }) => listInvitations(ctx)),

  revokeInvitation: cohortProcedure('members.manage').input(revokeInvitationInput).mutation(({ ctx, input }) => revokeInvitation(ctx, input)),

  resendInvitation: cohortProcedure('members.manage').input(revokeInvitationInput).mutation(({ ctx, input }) => resendInvitation(ctx, input)),

  changeRole: cohortProcedure('members.manage').input(changeRoleInput).mutation(({ ctx, input }) => changeRole(ctx, input)),

  moveToGroup: cohortProcedure('members.manage').input(moveToGroupInput).mutation(({ ctx, input }) => moveToGroup(ctx, input)),

  remove: cohortProcedure('members.manage').input(removeMemberInput).mutation(({ ctx, input }) => removeMember(ctx, input)),
});
