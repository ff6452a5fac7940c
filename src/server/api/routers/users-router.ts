// The site's people, for admins: who is an admin, who may sign in, erasing a person.
import { z } from 'zod';
import { eraseUserInput, setAdminInput, setDisabledInput } from '@/lib/schemas/users';
import { createTRPCRouter, siteProcedure } from '@/server/api/trpc';
import { listUsers, setAdmin, setDisabled } from '@/server/services/users/manage-users';
import { eraseUser } from '@/server/services/users/erase-user';

export const usersRouter = createTRPCRouter({
  list: siteProcedure('users.manage').input(z.void()).query(({ ctx }) => listUsers(ctx)),

  setAdmin: siteProcedure('users.manage').input(setAdminInput).mutation(({ ctx, input }) => setAdmin(ctx, input)),

  setDisabled: siteProcedure('users.manage').input(setDisabledInput).mutation(({ ctx, input }) => setDisabled(ctx, input)),

  erase: siteProcedure('users.erase').input(eraseUserInput).mutation(({ ctx, input }) => eraseUser(ctx, input)),
});
