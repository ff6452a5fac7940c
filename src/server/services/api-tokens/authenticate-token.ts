// Who a request's `Authorization: Bearer fsk_…` is: one lookup by the token's SHA-256, checked
// on every request, so a revoked or expired token stops working at once.
import { Prisma } from '@/generated/prisma/client';
import { PREPARED_STATEMENT } from '@/server/db/client';
import { AppError } from '@/server/errors';
import { nowOf, type ServiceContext } from '@/server/services/context';
import { rateLimitResult, rateLimitUpsertSql, type RateLimitResult } from '@/server/services/rate-limit/consume-rate-limit';
import { hashToken, TOKEN_PATTERN, TOKEN_PREFIX } from './token-secret';

export type TokenPrincipal = {
  tokenId: string;
  userId: string;
  email: string;
  userName: string | null;
  cohortId: string;
  cohortSlug: string;
  cohortName: string;
  curriculumId: string;
};

/** lastUsedAt is written at most this often, so busy jobs do not write it on every request. */
const LAST_USED_PRECISION_MS = 60_000;

const MAKE_ONE = 'Make a new one on your account page (or with `fellowship token create`).';

function unauthorized(message: string): AppError {
  return new AppError('UNAUTHORIZED', message);
}

/** The token from an Authorization header, or an UNAUTHORIZED error that says what is wrong. */
function readBearerToken(header: string | null): string {
  if (!header || !header.trim()) {
    throw unauthorized(`Missing API token: send it as "Authorization: Bearer ${TOKEN_PREFIX}…". ${MAKE_ONE}`);
  }
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized('The Authorization header must read "Bearer <token>".');
  const token = match[1]!;
  if (!TOKEN_PATTERN.test(token)) {
    throw unauthorized(
      `That is not a Fellowship API token (they are "${TOKEN_PREFIX}" and 32 letters and digits); check that it was copied whole.`,
    );
  }
  return token;
}

type TokenRow = {
  id: string;
  userId: string;
  cohortId: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  email: string;
  userName: string | null;
  disabledAt: Date | null;
  cohortSlug: string;
  cohortName: string;
  curriculumId: string;
  member: boolean;
  rateCount: number | null;
  rateWindowStart: Date | null;
};

export type RateLimitOptions = { limit: number; windowSeconds: number };

export type Authenticated = { principal: TokenPrincipal; rateLimit: RateLimitResult | null };

/**
 * Checks the token and, for a token that works, counts the request against its rate limit
 * (the bucket "api-token:<id>") and notes its use (at most once a minute): one statement, one
 * round trip. Throws UNAUTHORIZED (missing, malformed, unknown, revoked, expired) or FORBIDDEN
 * (account disabled, no longer a member) with a message that says which.
 */
export async function authenticateApiToken(
  ctx: ServiceContext,
  input: { authorization: string | null; rateLimit: RateLimitOptions | null },
): Promise<Authenticated> {
  const { db } = ctx;
  const now = nowOf(ctx);
  const { rateLimit } = input;
  const token = readBearerToken(input.authorization);
  const rateKeys = Prisma.sql`SELECT 'api-token:' || id FROM usable WHERE ${rateLimit !== null}::boolean`;
  const [row] = await db.$queryRaw<TokenRow[]>`${Prisma.raw(PREPARED_STATEMENT)}
    WITH token AS (
      SELECT t.id, t."userId", t."cohortId", t."expiresAt", t."revokedAt", t."lastUsedAt",
             u.email, u.name AS "userName", u."disabledAt",
             c.slug AS "cohortSlug", c.name AS "cohortName", c."curriculumId",
             EXISTS (SELECT 1 FROM "Membership" m WHERE m."cohortId" = t."cohortId" AND m."userId" = t."userId") AS member
      FROM "ApiToken" t
      JOIN "User" u ON u.id = t."userId"
      JOIN "Cohort" c ON c.id = t."cohortId"
      WHERE t."tokenHash" = ${hashToken(token)}
    ), usable AS (
      SELECT * FROM token
      WHERE "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > ${now}) AND "disabledAt" IS NULL AND member
    ), rate AS (${rateLimitUpsertSql(rateKeys, rateLimit?.windowSeconds ?? 60)}
    ), used AS (
      UPDATE "ApiToken" SET "lastUsedAt" = ${now}
      WHERE id = (SELECT id FROM usable)
        AND ("lastUsedAt" IS NULL OR "lastUsedAt" <= ${new Date(now.getTime() - LAST_USED_PRECISION_MS)})
    ), relaxed AS (
      -- This statement's writes (a request count, a last-use time) need not outlive a crash:
      -- commit them without waiting for the disk (the data a request carries is committed
      -- durably by its own statement).
      SELECT set_config('synchronous_commit', 'off', true) AS setting
    )
    SELECT token.*, rate."count" AS "rateCount", rate."windowStart" AS "rateWindowStart"
    FROM token LEFT JOIN rate ON true CROSS JOIN relaxed`;
  if (!row) throw unauthorized(`This API token is not known: it may be mistyped, or from another server. ${MAKE_ONE}`);
  if (row.revokedAt) throw unauthorized(`This API token was revoked on ${row.revokedAt.toISOString()}. ${MAKE_ONE}`);
  if (row.expiresAt && row.expiresAt <= now) {
    throw unauthorized(`This API token expired on ${row.expiresAt.toISOString()}. ${MAKE_ONE}`);
  }
  if (row.disabledAt) throw new AppError('FORBIDDEN', 'The account this API token belongs to is disabled; ask an admin.');
  if (!row.member) {
    throw new AppError('FORBIDDEN', `The account this API token belongs to is no longer a member of ${row.cohortName}.`);
  }
  return {
    principal: {
      tokenId: row.id,
      userId: row.userId,
      email: row.email,
      userName: row.userName,
      cohortId: row.cohortId,
      cohortSlug: row.cohortSlug,
      cohortName: row.cohortName,
      curriculumId: row.curriculumId,
    },
    rateLimit:
      rateLimit && row.rateCount !== null && row.rateWindowStart !== null
        ? rateLimitResult({ count: row.rateCount, windowStart: row.rateWindowStart }, rateLimit.limit, rateLimit.windowSeconds)
        : null,
  };
}
