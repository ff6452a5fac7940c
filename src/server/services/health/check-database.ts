import { db } from '@/server/db/client';

export type DatabaseStatus = 'up' | 'down';

/**
 * Whether the database answers `SELECT 1` within `timeoutMs`. Never throws: a health check
 * must answer quickly even when the database hangs rather than refuses.
 */
export async function checkDatabase(timeoutMs = 2000): Promise<DatabaseStatus> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const query = Promise.resolve().then(() => db.$queryRaw`SELECT 1`);
    // The query may still fail after the timeout has answered; nobody is waiting for it then.
    query.catch(() => {});
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([query, timeout]);
    return 'up';
  } catch (error) {
    console.warn(`[health] database is down: ${error instanceof Error ? error.message : String(error)}`);
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
