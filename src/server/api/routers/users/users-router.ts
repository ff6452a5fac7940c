import { z } from 'zod';
import { adminProcedure, createTRPCRouter } from '@/server/api/trpc';
import { listUsers, setAdmin, setAdminInput, setDisabled, setDisabledInput } from '@/server/services/users/manage-users';

export const usersRouter = createTRPCRouter({
  list: adminProcedure.input(z.void()).query(() => listUsers()),

  setAdmin: adminProcedure.input(setAdminInput).mutation(({ input }) => setAdmin(input)),

  setDisabled: adminProcedure.input(setDisabledInput).mutation(({ ctx, input }) => setDisabled(ctx.session.user.id, input)),
});
