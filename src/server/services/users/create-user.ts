import { z } from 'zod';
import { AppError } from '@/server/errors';
import type { ServiceContext } from '@/server/services/context';

export const createUserInput = z.object({
  email: z.email({ message: 'must be an email address, e.g. ada@example.com' }).transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  isAdmin: z.boolean().default(false),
});

export type CreateUserInput = z.input<typeof createUserInput>;

export const userSummarySelect = { id: true, email: true, name: true, isAdmin: true, createdAt: true } as const;

/** Creates a user; an email that already has an account is a CONFLICT, not an overwrite. */
export async function createUser(ctx: ServiceContext, input: CreateUserInput) {
  const { db } = ctx;
  const data = createUserInput.parse(input);
  const existing = await db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw new AppError('CONFLICT', `A user with the email ${data.email} already exists.`);
  return db.user.create({ data, select: userSummarySelect });
}
