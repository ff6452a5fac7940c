// API tokens: made by a member of a cohort for their training jobs (account page or CLI),
// listed without their secret, revoked at once. A token acts as one user in one cohort.
import { z } from 'zod';
import type { PrismaClient } from '@/generated/prisma/client';
import { AppError, cohortNotFound, notPermitted, outOfReach } from '@/server/errors';
import { generateToken } from './token-secret';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Active tokens one person may hold: plenty for every machine they train on. */
export const MAX_ACTIVE_TOKENS_PER_USER = 50;
export const MAX_EXPIRY_DAYS = 3650;

export const tokenNameSchema = z
  .string()
  .trim()
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

export type ApiTokenStatus = 'active' | 'expired' | 'revoked';

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  cohort: { slug: string; name: string };
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  status: ApiTokenStatus;
};

export type CreatedApiToken = ApiTokenSummary & {
  /** The token itself: shown once, never stored. */
  token: string;
};

const summarySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  cohort: { select: { slug: true, name: true } },
} as const;

type SummaryRow = Omit<ApiTokenSummary, 'status'>;

function withStatus(row: SummaryRow, now: Date): ApiTokenSummary {
  const status: ApiTokenStatus = row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active';
  return { ...row, status };
}

/**
 * Makes a token for `userId` in the cohort `cohortSlug`, which they must be a member of (an
 * admin who is not a member cannot: a token's runs belong to a fellowship).
 */
export async function createApiToken(
  db: PrismaClient,
  userId: string,
  cohortSlug: string,
  input: CreateApiTokenInput,
  now = new Date(),
): Promise<CreatedApiToken> {
  const data = createApiTokenInput.parse(input);
  const cohort = await db.cohort.findUnique({
    where: { slug: cohortSlug },
    select: { id: true, name: true, memberships: { where: { userId }, select: { id: true } } },
  });
  if (!cohort) throw cohortNotFound();
  if (cohort.memberships.length === 0) {
    throw notPermitted(
      `API tokens belong to a member of a cohort, and this account is not a member of ${cohort.name}.`,
    );
  }
  const active = await db.apiToken.count({
    where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
  if (active >= MAX_ACTIVE_TOKENS_PER_USER) {
    throw new AppError(
      'CONFLICT',
      `You already have ${active} active API tokens; revoke some you no longer use before making another.`,
    );
  }
  const { token, hash, prefix } = generateToken();
  const row = await db.apiToken.create({
    data: {
      userId,
      cohortId: cohort.id,
      name: data.name,
      prefix,
      tokenHash: hash,
      createdAt: now,
      expiresAt: data.expiresInDays === null ? null : new Date(now.getTime() + data.expiresInDays * DAY_MS),
    },
    select: summarySelect,
  });
  return { ...withStatus(row, now), token };
}

/** Someone's tokens, newest first, never with their hash. */
export async function listApiTokens(db: PrismaClient, userId: string, now = new Date()): Promise<ApiTokenSummary[]> {
  const rows = await db.apiToken.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: summarySelect,
  });
  return rows.map((row) => withStatus(row, now));
}

export const revokeApiTokenInput = z.object({ tokenId: z.string().min(1).max(100) });

/**
 * Revokes a token of `userId` (or anyone's, for the admin CLI with `userId` null); it stops
 * working at the next request. Revoking a revoked token changes nothing.
 */
export async function revokeApiToken(
  db: PrismaClient,
  userId: string | null,
  tokenId: string,
  now = new Date(),
): Promise<ApiTokenSummary> {
  const where = userId === null ? { id: tokenId } : { id: tokenId, userId };
  await db.apiToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
  const row = await db.apiToken.findFirst({ where, select: summarySelect });
  if (!row) throw outOfReach('No such API token.');
  return withStatus(row, now);
}

/** "90d", "90" → 90 days; "never" → null. For the CLI's --expires. */
export function parseExpiry(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (value === 'never' || value === 'none') return null;
  const match = /^(\d{1,5})\s*d?$/.exec(value);
  const days = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS) {
    throw new AppError('BAD_REQUEST', `--expires must be a number of days such as 90d (1 to ${MAX_EXPIRY_DAYS}), or never.`);
  }
  return days;
}
