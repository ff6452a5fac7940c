// Fixed-window rate limits whose counters live in PostgreSQL.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { consumeRateLimit } from '@/server/services/rate-limit/consume-rate-limit';

const HOUR = 3600;
let counter = 0;
const newKey = (label: string) => `test-${label}:${++counter}-${Math.random().toString(36).slice(2, 7)}`;

describe('consumeRateLimit', () => {
  it('allows N requests, then refuses with a retry-after', async () => {
    const key = newKey('n');
    for (let i = 1; i <= 3; i++) {
      expect(await consumeRateLimit(db, key, 3, HOUR)).toMatchObject({ allowed: true, remaining: 3 - i });
    }
    const refused = await consumeRateLimit(db, key, 3, HOUR);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(HOUR);
  });

  it('keeps separate keys independent', async () => {
    const [a, b] = [newKey('a'), newKey('b')];
    expect((await consumeRateLimit(db, a, 1, HOUR)).allowed).toBe(true);
    expect((await consumeRateLimit(db, a, 1, HOUR)).allowed).toBe(false);
    expect((await consumeRateLimit(db, b, 1, HOUR)).allowed).toBe(true);
  });

  it('counts concurrent requests exactly', async () => {
    const key = newKey('concurrent');
    const results = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit(db, key, 5, HOUR)));
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
    expect(results.filter((result) => !result.allowed)).toHaveLength(15);
    const bucket = await db.rateLimitBucket.findUniqueOrThrow({ where: { key } });
    expect(bucket.count).toBe(20);
  });

  it('starts a new window once the old one has passed', async () => {
    const key = newKey('window');
    await consumeRateLimit(db, key, 2, HOUR);
    await consumeRateLimit(db, key, 2, HOUR);
    expect((await consumeRateLimit(db, key, 2, HOUR)).allowed).toBe(false);

    await db.$executeRaw`UPDATE "RateLimitBucket" SET "windowStart" = now() - interval '61 minutes' WHERE "key" = ${key}`;
    expect(await consumeRateLimit(db, key, 2, HOUR)).toMatchObject({ allowed: true, remaining: 1 });
    const bucket = await db.rateLimitBucket.findUniqueOrThrow({ where: { key } });
    expect(bucket.count).toBe(1);
    expect(Date.now() - bucket.windowStart.getTime()).toBeLessThan(60_000);
  });
});
