// /api/v1 routes called by training jobs with `Authorization: Bearer fsk_…`: the token is
// checked on every request (revocation is immediate), then a per-token rate limit whose
// counters live in PostgreSQL, so it holds across app instances. The checked token becomes the
// request's service context (TokenContext), built once here; each handler calls one service.
import { defineRoute, type RouteDefinition, type RouteHandler } from '@/server/api/rest';
import { parseEnv } from '@/server/env';
import { AppError } from '@/server/errors';
import { authenticateApiToken } from '@/server/services/api-tokens/authenticate-token';
import type { TokenContext } from '@/server/services/context';
import { systemContext } from '@/server/services/context';
import { noteRequestUser } from '@/server/observability/request-context';

const WINDOW_SECONDS = 60;

let requestsPerMinute: number | undefined;

/** FELLOWSHIP_API_REQUESTS_PER_MINUTE, read once from the validated environment. */
export function apiRequestsPerMinute(): number {
  requestsPerMinute ??= parseEnv().FELLOWSHIP_API_REQUESTS_PER_MINUTE;
  return requestsPerMinute;
}

export async function authenticateRequest(request: Request): Promise<{ auth: TokenContext; headers: Record<string, string> }> {
  const limit = apiRequestsPerMinute();
  // The token check and the rate limit's count (rateLimitUpsertSql, as consumeRateLimit uses)
  // in one statement: a training job's request costs one round trip more than its work.
  const { principal, rateLimit } = await authenticateApiToken(
    systemContext(),
    { authorization: request.headers.get('authorization'), rateLimit: { limit, windowSeconds: WINDOW_SECONDS } },
  );
  noteRequestUser(principal.userId);
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
  return { auth: { ...systemContext(), token: principal }, headers };
}

type TokenHandlerArgs<TParams, TQuery, TBody> = { request: Request; ctx: TokenContext; params: TParams; query: TQuery; body: TBody };

/** A route for token holders: its handler receives the request's TokenContext as `ctx`. */
export function defineTokenRoute<TParams = undefined, TQuery = undefined, TBody = undefined>(
  definition: Omit<RouteDefinition<TokenContext, TParams, TQuery, TBody>, 'authenticate' | 'handler'> & {
    handler: (args: TokenHandlerArgs<TParams, TQuery, TBody>) => unknown;
  },
): RouteHandler {
  const { handler, ...rest } = definition;
  return defineRoute<TokenContext, TParams, TQuery, TBody>({
    ...rest,
    authenticate: authenticateRequest,
    handler: ({ auth, ...args }) => handler({ ...args, ctx: auth }),
  });
}
