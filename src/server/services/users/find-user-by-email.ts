import { AppError } from '@/server/errors';
import type { ServiceContext } from '@/server/services/context';

/** The user with this email (as stored: trimmed, lower case), or NOT_FOUND. */
export async function findUserByEmail(ctx: ServiceContext, input: { email: string }): Promise<{ id: string }> {
  const user = await ctx.db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', `No user with the email ${input.email}.`);
  return user;
}
