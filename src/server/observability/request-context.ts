// What the server knows about the request being handled, for its log line: the request id
// (sent back as X-Request-Id) and, once the session or API token is read, who made it.
//
// The store is set by the serving process (src/cli/serve.ts) around Next's request handler and
// read by app code that Next bundled separately: both reach it through globalThis, so they
// share one AsyncLocalStorage although they load this module as two copies.
import { AsyncLocalStorage } from 'node:async_hooks';

export type RequestContext = { requestId: string; userId?: string };

const KEY = Symbol.for('fellowship.requestContext');
const holder = globalThis as { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage: AsyncLocalStorage<RequestContext> = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Records who made the current request (a signed-in person or an API token's owner). */
export function noteRequestUser(userId: string): void {
  const context = storage.getStore();
  if (context) context.userId = userId;
}
