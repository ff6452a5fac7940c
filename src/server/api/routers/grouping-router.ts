// Group formation: propose (queued), read and adjust the proposal, publish it.
import { z } from 'zod';
import { groupingSettingsInput, moveInProposalInput } from '@/lib/schemas/grouping';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { getLatestProposal, moveInProposal, publishProposal, startGroupingProposal } from '@/server/services/grouping/group-formation';

const proposalId = z.object({ proposalId: z.string().min(1).max(64) });

export const groupingRouter = createTRPCRouter({
  propose: cohortProcedure('grouping.manage').input(groupingSettingsInput).mutation(({ ctx, input }) => startGroupingProposal(ctx, input)),
  latest: cohortProcedure('grouping.manage').input(z.object({ proposalId: z.string().min(1).max(64).optional() })).query(({ ctx, input }) => getLatestProposal(ctx, input)),
  move: cohortProcedure('grouping.manage').input(moveInProposalInput).mutation(({ ctx, input }) => moveInProposal(ctx, input)),
  publish: cohortProcedure('grouping.manage').input(proposalId).mutation(({ ctx, input }) => publishProposal(ctx, input)),
});
