// /api/v1 routes called by training jobs with `Authorization: Bearer fsk_…`: the token is
// checked on every request (revocation is immediate), then a per-token rate limit whose
// counters live in PostgreSQL, so it holds across app instances.
import { defineRoute, type RouteDefinition, type RouteHandler } from '@/server/api/rest';
import { db } from '@/server/db/client';
import { parseEnv } from '@/server/env';
import { AppError } from '@/server/errors';
import { authenticateApiToken, type TokenPrincipal } from '@/server/services/api-tokens/authenticate-token';

const WINDOW_SECONDS = 60;

let requestsPerMinute: number | undefined;

/** FELLOWSHIP_API_REQUESTS_PER_MINUTE, read once from the validated environment. */
export function apiRequestsPerMinute(): number {
  requestsPerMinute ??= parseEnv().FELLOWSHIP_API_REQUESTS_PER_MINUTE;
  return requestsPerMinute;
}

export async function authenticateRequest(request: Request) {
  const limit = apiRequestsPerMinute();
  // The token check and the rate limit's count (rateLimitUpsertSql, as consumeRateLimit uses)
  // in one statement: a training job's request costs one round trip more than its work.
  const { principal, rateLimit } = await authenticateApiToken(db, request.headers.get('authorization'), new Date(), {
    limit,
    windowSeconds: WINDOW_SECONDS,
  });
  const result = rateLimit!;
  const headers = { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(result.remaining) };
  if (!result.allowed) {
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `This token made more than ${limit} requests in a minute. Wait ${result.retryAfterSeconds} s (see Retry-After), and send larger batches less often.`,
      undefined,
      result.retryAfterSeconds,
    );
  }
  return { auth: principal, headers };
}

export function defineTokenRoute<TParams = undefined, TQuery = undefined, TBody = undefined>(
  definition: Omit<RouteDefinition<TokenPrincipal, TParams, TQuery, TBody>, 'authenticate'>,
): RouteHandler {
  return defineRoute<TokenPrincipal, TParams, TQuery, TBody>({ ...definition, authenticate: authenticateRequest });
}
