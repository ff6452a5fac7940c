// Fixed-window rate limits whose counters live in PostgreSQL, so a limit holds across several
// app instances and restarts. One atomic upsert per check.
import { Prisma, type PrismaClient } from '@/generated/prisma/client';

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * The window's upsert as a SQL fragment, for the keys a query yields (one column), so that a
 * larger statement can count a request in the same round trip (the API token check does).
 * Returns "key", "count" and "windowStart".
 */
export function rateLimitUpsertSql(keys: Prisma.Sql, windowSeconds: number): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
    SELECT k.key, now(), 1 FROM (${keys}) AS k(key)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStart" <= now() - make_interval(secs => ${windowSeconds}::float8)
                     THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= now() - make_interval(secs => ${windowSeconds}::float8)
                           THEN now() ELSE "RateLimitBucket"."windowStart" END
    RETURNING "key", "count", "windowStart"`;
}

/** Reads one upserted row against the limit. */
export function rateLimitResult(row: { count: number; windowStart: Date }, limit: number, windowSeconds: number): RateLimitResult {
  const resetAt = row.windowStart.getTime() + windowSeconds * 1000;
  return {
    allowed: row.count <= limit,
    remaining: Math.max(0, limit - row.count),
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)),
  };
}

export async function consumeRateLimit(
  db: PrismaClient,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>(
    rateLimitUpsertSql(Prisma.sql`SELECT ${key}::text`, windowSeconds),
  );
  return rateLimitResult(rows[0]!, limit, windowSeconds);
}
