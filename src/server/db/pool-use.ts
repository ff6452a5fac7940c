// How much of its database pools a process uses, for /metrics. Kept apart from client.ts so
// the serving code can read it without touching the Prisma client.
import type pg from 'pg';

const poolHolder = globalThis as { fellowshipPools?: Set<pg.Pool> };

export function trackPool(pool: pg.Pool): void {
  (poolHolder.fellowshipPools ??= new Set()).add(pool);
}

/** Connections of this process's pools: open, idle, and requests waiting for one. */
export function databasePoolUse(): { total: number; idle: number; waiting: number } {
  let total = 0;
  let idle = 0;
  let waiting = 0;
  const pools = poolHolder.fellowshipPools ?? new Set();
  for (const pool of pools) {
    // A pool that was ended (a closed context) is forgotten at the next read.
    if (pool.ending) {
      pools.delete(pool);
      continue;
    }
    total += pool.totalCount;
    idle += pool.idleCount;
    waiting += pool.waitingCount;
  }
  return { total, idle, waiting };
}
