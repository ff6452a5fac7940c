// tRPC for server components: procedures run in-process, with the request's headers.
// (`server-only` below makes a client component that imports this fail to build: it
// reaches the database.)
import 'server-only';
import { TRPCError } from '@trpc/server';
import { headers } from 'next/headers';
import { cache } from 'react';
import { createCaller } from '@/server/api/root';
import type { TRPCContext } from '@/server/api/trpc';
import { getRequestSession } from '@/server/auth/request-session';
import { requestContext } from '@/server/services/context';

// The same session the page's header and loaders read, and each cohort's access read once:
// the page's procedures share them (one context per request).
const createRscContext = cache(async (): Promise<TRPCContext> => {
  const requestHeaders = new Headers(await headers());
  requestHeaders.set('x-trpc-source', 'rsc');
  const session = await getRequestSession();
  return { ...requestContext(session?.user ?? null), session, headers: requestHeaders, cohortAccessOfRender: new Map() };
});

export const api = createCaller(createRscContext);

export function isNotFoundError(error: unknown): boolean {
  return error instanceof TRPCError && error.code === 'NOT_FOUND';
}
