import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/api/root';
import { createTRPCContext } from '@/server/api/trpc';

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

export { handleTRPCRequest as GET, handleTRPCRequest as POST };
