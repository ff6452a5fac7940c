// Input schemas for API tokens (account page, tRPC, CLI): a token's name and how long it lives.
import { z } from 'zod';
import { singleLine } from '@/lib/schemas/text';

export const MAX_EXPIRY_DAYS = 3650;

export const tokenNameSchema = singleLine()
  .min(1, 'Give the token a name, e.g. the machine it is for.')
  .max(100, 'Use at most 100 characters.');

export const expiresInDaysSchema = z
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(MAX_EXPIRY_DAYS, `must be at most ${MAX_EXPIRY_DAYS} days`)
  .nullable();

export const createApiTokenInput = z.object({
  name: tokenNameSchema,
  /** Days until the token stops working; null: it never expires (until revoked). */
  expiresInDays: expiresInDaysSchema.default(90),
});

export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

export const revokeApiTokenInput = z.object({ tokenId: z.string().min(1).max(100) });

export type RevokeApiTokenInput = z.input<typeof revokeApiTokenInput>;
