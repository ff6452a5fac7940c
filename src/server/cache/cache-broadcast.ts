// Cache invalidation across app servers. Each server keeps Next's page and data cache in its
// own process; a change made anywhere (a server, the job worker, the CLI) is announced with
// PostgreSQL NOTIFY on one channel, and every server LISTENs and expires the same tags in its
// own cache, within milliseconds. See docs/decisions/0029-caches-across-instances.md.
//
// NOTIFY from inside a transaction is delivered when it commits, and not at all if it rolls
// back: a server never drops a page for a change that did not happen, nor re-renders it before
// the change is visible.
import { createRequire } from 'node:module';
import pg from 'pg';

export const CACHE_CHANNEL = 'fellowship_cache';
/** Every page and, read from a page, every cached data entry (Next's tag for revalidatePath('/', 'layout')). */
export const EVERYTHING_TAG = '_N_T_/layout';
let tagsManifest: Map<string, { stale?: number; expired?: number }> | undefined;

/**
 * Expires tags in this process's Next cache, as revalidateTag(tag, { expire: 0 }) would inside
 * a request. Next's file-system cache handler keeps tag expiries in one module-level map that
 * every cache lookup of the process consults; outside a request there is no other way in.
 */
export function expireLocalTags(tags: string[]): void {
  tagsManifest ??= (
    createRequire(import.meta.url)('next/dist/server/lib/incremental-cache/tags-manifest.external.js') as {
      tagsManifest: Map<string, { stale?: number; expired?: number }>;
    }
  ).tagsManifest;
  const now = Date.now();
  for (const tag of tags) tagsManifest.set(tag, { ...tagsManifest.get(tag), stale: now, expired: now });
}

export type CacheListener = { close(): Promise<void> };

/**
 * LISTENs on the channel over a direct connection (a transaction-mode pooler cannot keep one),
 * calling `onTags` with each announcement. When the connection drops, it reconnects and then
 * expires everything, since announcements made meanwhile were lost.
 */
export function listenForExpiredTags(
  directUrl: string,
  onTags: (tags: string[]) => void,
  log: (message: string, error?: unknown) => void,
): CacheListener {
  let client: pg.Client | undefined;
  let closed = false;
  let connectedBefore = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (delayMs: number) => {
    if (closed) return;
    const next = new pg.Client({ connectionString: directUrl, application_name: 'fellowship cache listener' });
    client = next;
    next.on('notification', (message) => {
      if (message.channel !== CACHE_CHANNEL || !message.payload) return;
      try {
        const tags = JSON.parse(message.payload) as unknown;
        if (Array.isArray(tags)) onTags(tags.filter((tag): tag is string => typeof tag === 'string'));
      } catch {
        // Not ours: ignore.
      }
    });
    const retry = (error: unknown) => {
      if (closed || client !== next) return;
      client = undefined;
      next.removeAllListeners('notification');
      void next.end().catch(() => {});
      log('The cache listener lost its database connection; reconnecting.', error);
      const wait = Math.min(delayMs * 2, 10_000);
      retryTimer = setTimeout(() => void connect(wait), wait);
      retryTimer.unref();
    };
    next.on('error', retry);
    next.on('end', () => retry(new Error('connection ended')));
    try {
      await next.connect();
      await next.query(`LISTEN ${CACHE_CHANNEL}`);
      if (connectedBefore) onTags([EVERYTHING_TAG]);
      connectedBefore = true;
    } catch (error) {
      retry(error);
    }
  };
  void connect(250);

  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
