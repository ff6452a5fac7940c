// The one Prisma client of a process. Created on first use, so importing a service never
// needs a database (Next's build imports route modules without one).
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { trackPool } from './pool-use';
import { PrismaClient } from '@/generated/prisma/client';
import { parseEnv } from '@/server/env';

/**
 * Statements whose SQL starts with this comment are prepared once per connection, so their
 * plan is reused: for hot paths with a large statement (the metrics ingestion). Everything
 * else stays unnamed, as Prisma sends it.
 */
export const PREPARED_STATEMENT = '/* prepared */';

const statementNames = new Map<string, string>();

function statementName(query: { sql: string }): string {
  if (!query.sql.startsWith(PREPARED_STATEMENT)) return undefined as unknown as string;
  let name = statementNames.get(query.sql);
  if (!name) {
    name = `fellowship_${statementNames.size + 1}`;
    statementNames.set(query.sql, name);
  }
  return name;
}

/**
 * DATABASE_POOL_SIZE connections per process. Behind a transaction-mode pooler (which
 * DIRECT_DATABASE_URL announces) consecutive statements may reach different server
 * connections, where a statement prepared on one does not exist: all statements stay unnamed.
 */
export function createPrismaClient(connectionString: string): PrismaClient {
  const env = parseEnv();
  const pooled = env.DIRECT_DATABASE_URL !== undefined && env.DIRECT_DATABASE_URL !== env.DATABASE_URL;
  // The pool is made here rather than by the adapter so /metrics can report its use.
  const pool = new pg.Pool({ connectionString, max: env.DATABASE_POOL_SIZE });
  trackPool(pool);
  return new PrismaClient({
    adapter: new PrismaPg(pool, {
      disposeExternalPool: true,
      ...(pooled ? {} : { statementNameGenerator: statementName }),
    }),
  });
}

const globalForPrisma = globalThis as { fellowshipPrisma?: PrismaClient };

function getClient(): PrismaClient {
  if (!globalForPrisma.fellowshipPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which sets it.');
    globalForPrisma.fellowshipPrisma = createPrismaClient(url);
  }
  return globalForPrisma.fellowshipPrisma;
}

/** The Prisma client; only services (src/server/services) should import it. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getClient();
    const value = Reflect.get(client, property, client);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.fellowshipPrisma?.$disconnect();
  globalForPrisma.fellowshipPrisma = undefined;
}
