import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '@/server/api/trpc';
import { readSessionToken } from '@/server/auth/session';
import { getAccount, updateName, updateNameInput } from '@/server/services/account/get-account';
import { listAccountSessions, signOutEverywhere } from '@/server/services/account/account-sessions';

export const accountRouter = createTRPCRouter({
  me: protectedProcedure.input(z.void()).query(({ ctx }) => getAccount(ctx.session.user.id)),

  updateName: protectedProcedure.input(updateNameInput).mutation(({ ctx, input }) => updateName(ctx.session.user.id, input)),

  sessions: protectedProcedure
    .input(z.void())
    .query(({ ctx }) => listAccountSessions(ctx.session.user.id, readSessionToken(ctx.headers))),

  signOutEverywhere: protectedProcedure.input(z.void()).mutation(({ ctx }) => signOutEverywhere(ctx.session.user.id)),
});
