import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/api/root';
import { createTRPCContext } from '@/server/api/trpc';
import { parseEnv } from '@/server/env';
import { guardRoute } from '@/server/http/request-guard';

function handleTRPCRequest(request: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: request.headers }),
    onError({ path, error }) {
      // Users see a generic message for these (see errorFormatter); the logs keep the cause.
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        console.error(`[trpc] ${path ?? '(unknown procedure)'} failed:`, error.cause ?? error);
      }
    },
  });
}

/**
 * A form or a no-cors fetch on another site can POST here with the visitor's cookie, but it
 * cannot send a JSON content type or a custom header without a CORS preflight, which this app
 * never grants. So a mutation must carry one of the two.
 */
function isForgeable(request: Request): boolean {
  const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  return contentType !== 'application/json' && !request.headers.has('x-trpc-source');
}

const maxBodyBytes = parseEnv().FELLOWSHIP_TRPC_MAX_BODY_BYTES;

export const POST = guardRoute({ maxBodyBytes }, (request) => {
  if (isForgeable(request)) {
    return Response.json(
      {
        error: {
          code: 'FORBIDDEN',
          message: 'Requests that change data must be sent as JSON (Content-Type: application/json) or with an x-trpc-source header.',
        },
      },
      { status: 403 },
    );
  }
  return handleTRPCRequest(request);
});

export const GET = guardRoute({ maxBodyBytes: 0 }, handleTRPCRequest);
