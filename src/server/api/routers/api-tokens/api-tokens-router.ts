import { z } from 'zod';
import { cohortProcedure, createTRPCRouter, protectedProcedure } from '@/server/api/trpc';
import { db } from '@/server/db/client';
import {
  createApiToken,
  createApiTokenInput,
  listApiTokens,
  revokeApiToken,
  revokeApiTokenInput,
} from '@/server/services/api-tokens/api-tokens';

// One's own API tokens, for training jobs. Making one needs membership of the cohort it is for
// (cohortProcedure lets members and admins in; the service refuses admins who are not members).
export const apiTokensRouter = createTRPCRouter({
  list: protectedProcedure.input(z.void()).query(({ ctx }) => listApiTokens(db, ctx.session.user.id)),

  create: cohortProcedure('cohort.view')
    .input(createApiTokenInput)
    .mutation(({ ctx, input }) => createApiToken(db, ctx.session.user.id, ctx.access.cohortSlug, input)),

  revoke: protectedProcedure
    .input(revokeApiTokenInput)
    .mutation(({ ctx, input }) => revokeApiToken(db, ctx.session.user.id, input.tokenId)),
});
