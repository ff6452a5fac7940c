// Announces expired cache tags to every app server (src/server/cache/cache-broadcast.ts listens).
// Through the caller's connection or transaction: NOTIFY in a transaction is delivered when it
// commits, and not at all if it rolls back.
import { CACHE_CHANNEL } from '@/server/cache/cache-broadcast';
import type { Db } from '@/server/services/context';

// NOTIFY payloads must stay under 8,000 bytes.
const PAYLOAD_LIMIT = 7000;

export async function publishExpiredTags(db: Db, tags: string[]): Promise<void> {
  for (const payload of payloads(tags)) {
    await db.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${payload})`;
  }
}

function payloads(tags: string[]): string[] {
  const out: string[] = [];
  let batch: string[] = [];
  for (const tag of new Set(tags)) {
    if (batch.length && JSON.stringify([...batch, tag]).length > PAYLOAD_LIMIT) {
      out.push(JSON.stringify(batch));
      batch = [];
    }
    batch.push(tag);
  }
  if (batch.length) out.push(JSON.stringify(batch));
  return out;
}
