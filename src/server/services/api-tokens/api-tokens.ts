// API tokens: made by a member of a cohort for their training jobs (account page or CLI),
// listed without their secret, revoked at once. A token acts as one user in one cohort.
import { createApiTokenInput, MAX_EXPIRY_DAYS, type CreateApiTokenInput, type RevokeApiTokenInput } from '@/lib/schemas/api-tokens';
import { AppError, cohortNotFound, notPermitted, outOfReach } from '@/server/errors';
import { nowOf, type ServiceContext } from '@/server/services/context';
import { generateToken } from './token-secret';
import { quotas } from '@/server/quotas';
import { displayName } from '@/lib/format';
import { recordAudit } from '@/server/services/audit/record-audit';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Active tokens one person may hold: plenty for every machine they train on. */

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
 * Makes a token for `userId` in the cohort `cohort` (its slug), which they must be a member of
 * (an admin who is not a member cannot: a token's runs belong to a fellowship). The web passes
 * the signed-in person; the CLI, whoever its --email names.
 */
export async function createApiToken(
  ctx: ServiceContext,
  input: CreateApiTokenInput & { userId: string; cohort: string; /** The configured quota unless given. */ maxActiveTokens?: number },
): Promise<CreatedApiToken> {
  const { db } = ctx;
  const now = nowOf(ctx);
  const { userId, cohort: cohortSlug } = input;
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
  const limit = input.maxActiveTokens ?? quotas().apiTokensPerUser;
  const { token, hash, prefix } = generateToken();
  const row = await db.$transaction(async (tx) => {
    // One creation at a time per person, so two at once cannot both pass the quota.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`api-tokens:${userId}`}))`;
    const active = await tx.apiToken.count({
      where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    });
    if (active >= limit) {
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `You already have ${active} active API tokens, the most one person may hold (${limit}). Revoke the ones you no longer use, then make this one.`,
      );
    }
    const created = await tx.apiToken.create({
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
    const owner = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
    await recordAudit(tx, ctx, {
      action: 'api_token.created',
      cohortId: cohort.id,
      summary: `${displayName(owner)} made an API token “${created.name}” (${created.prefix}…) for ${cohort.name}`,
      subjectType: 'api_token',
      subjectId: created.id,
      after: { name: created.name, expiresAt: created.expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { ...withStatus(row, now), token };
}

/** Someone's tokens, newest first, never with their hash. */
export async function listApiTokens(ctx: ServiceContext, input: { userId: string }): Promise<ApiTokenSummary[]> {
  const now = nowOf(ctx);
  const rows = await ctx.db.apiToken.findMany({
    where: { userId: input.userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: summarySelect,
  });
  return rows.map((row) => withStatus(row, now));
}

/**
 * Revokes one of the caller's tokens (or anyone's, for the CLI, which acts as the installation
 * with no user); it stops working at the next request. Revoking a revoked token changes nothing.
 */
export async function revokeApiToken(ctx: ServiceContext, input: RevokeApiTokenInput): Promise<ApiTokenSummary> {
  const { db } = ctx;
  const now = nowOf(ctx);
  const { tokenId } = input;
  const where = ctx.user === null ? { id: tokenId } : { id: tokenId, userId: ctx.user.id };
  const row = await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
    const token = await tx.apiToken.findFirst({ where, select: { ...summarySelect, cohortId: true, user: { select: { name: true, email: true } } } });
    if (!token) throw outOfReach('No such API token.');
    if (count === 1) {
      await recordAudit(tx, ctx, {
        action: 'api_token.revoked',
        cohortId: token.cohortId,
        summary: `Revoked ${displayName(token.user)}’s API token “${token.name}” (${token.prefix}…)`,
        subjectType: 'api_token',
        subjectId: token.id,
      });
    }
    return token;
  });
  const { cohortId: _cohortId, user: _user, ...summary } = row;
  return withStatus(summary, now);
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
