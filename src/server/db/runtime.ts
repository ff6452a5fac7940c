// Finds the database a command should use: DATABASE_URL when set, otherwise the embedded
// PostgreSQL in FELLOWSHIP_DATA_DIR (started here, or reused when `npm start` already runs it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Env } from '@/server/env';
import {
  ensureDatabase,
  findRunningServer,
  startEmbeddedPostgres,
  urlFor,
  withDatabase,
  type EmbeddedServer,
} from './embedded';

export const EMBEDDED_DATABASE = 'fellowship';

export type OpenedDatabase = {
  /** What queries use (it may be a pooler). */
  url: string;
  /** A direct connection for migrations, advisory locks, LISTEN and the job worker (DIRECT_DATABASE_URL). */
  directUrl: string;
  /** How the database was found, for logs and `db status`. */
  source: 'DATABASE_URL' | 'embedded (started)' | 'embedded (already running)';
  embedded?: EmbeddedServer;
  close(): Promise<void>;
};

// A relative FELLOWSHIP_DATA_DIR is taken from the project folder, not the working directory,
// so `fellowship` run from anywhere finds the same data as `npm start`.
const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

export function embeddedDataDir(env: Env): string {
  return path.resolve(projectRoot, env.FELLOWSHIP_DATA_DIR, 'pgdata');
}

/**
 * Opens the database. With `exclusive`, an embedded server already running on the same data
 * folder is an error (two apps on one folder); without it (CLI commands), it is reused.
 */
export async function openDatabase(env: Env, options: { exclusive: boolean }): Promise<OpenedDatabase> {
  if (env.DATABASE_URL) {
    await assertReachable(env.DATABASE_URL);
    const directUrl = env.DIRECT_DATABASE_URL ?? env.DATABASE_URL;
    if (directUrl !== env.DATABASE_URL) await assertReachable(directUrl);
    return { url: env.DATABASE_URL, directUrl, source: 'DATABASE_URL', close: async () => {} };
  }
  const dataDir = embeddedDataDir(env);
  const running = options.exclusive ? null : findRunningServer(dataDir);
  if (running) {
    const url = urlFor(running.port, EMBEDDED_DATABASE);
    await assertReachable(url);
    return { url, directUrl: url, source: 'embedded (already running)', close: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir, port: env.FELLOWSHIP_PG_PORT });
  try {
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  const url = withDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
  return {
    url,
    directUrl: url,
    source: 'embedded (started)',
    embedded,
    close: () => embedded.stop(),
  };
}

export class DatabaseUnreachableError extends Error {}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const where = safeLocation(url);
    throw new DatabaseUnreachableError(
      `Cannot reach PostgreSQL at ${where}: ${(error as Error).message || String(error)}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** host:port/database without the password, for messages. */
export function safeLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
