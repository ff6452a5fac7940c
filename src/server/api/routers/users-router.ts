// The site's people, for admins: who is an admin, who may sign in.
import { z } from 'zod';
import { setAdminInput, setDisabledInput } from '@/lib/schemas/users';
import { createTRPCRouter, siteProcedure } from '@/server/api/trpc';
import { listUsers, setAdmin, setDisabled } from '@/server/services/users/manage-users';

export const usersRouter = createTRPCRouter({
  list: siteProcedure('users.manage').input(z.void()).query(({ ctx }) => listUsers(ctx)),

  setAdmin: siteProcedure('users.manage').input(setAdminInput).mutation(({ ctx, input }) => setAdmin(ctx, input)),

  setDisabled: siteProcedure('users.manage').input(setDisabledInput).mutation(({ ctx, input }) => setDisabled(ctx, input)),
});
