import { z } from 'zod';
import { createTRPCRouter, siteProcedure } from '@/server/api/trpc';
import { listUsers, setAdmin, setAdminInput, setDisabled, setDisabledInput } from '@/server/services/users/manage-users';

export const usersRouter = createTRPCRouter({
  list: siteProcedure('users.manage').input(z.void()).query(() => listUsers()),

  setAdmin: siteProcedure('users.manage').input(setAdminInput).mutation(({ input }) => setAdmin(input)),

  setDisabled: siteProcedure('users.manage').input(setDisabledInput).mutation(({ ctx, input }) => setDisabled(ctx.session.user.id, input)),
});
