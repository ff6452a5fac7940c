import { z } from 'zod';
import { createApiTokenInput, revokeApiTokenInput } from '@/lib/schemas/api-tokens';
import { cohortProcedure, createTRPCRouter, protectedProcedure } from '@/server/api/trpc';
import { createApiToken, listApiTokens, revokeApiToken } from '@/server/services/api-tokens/api-tokens';

// One's own API tokens, for training jobs. Making one needs membership of the cohort it is for
// (cohortProcedure lets members and admins in; the service refuses admins who are not members).
export const apiTokensRouter = createTRPCRouter({
  list: protectedProcedure.input(z.void()).query(({ ctx }) => listApiTokens(ctx, { userId: ctx.user.id })),
  create: cohortProcedure('cohort.view')
    .input(createApiTokenInput)
    .mutation(({ ctx, input }) => createApiToken(ctx, { ...input, userId: ctx.user.id, cohort: ctx.access.cohortSlug })),
  revoke: protectedProcedure.input(revokeApiTokenInput).mutation(({ ctx, input }) => revokeApiToken(ctx, input)),
});
