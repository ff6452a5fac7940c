// One PostgreSQL server per test run: TEST_DATABASE_URL when set (any database on a server
// where the user may CREATE DATABASE), otherwise an ephemeral embedded server.
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, withDatabase } from '@/server/db/embedded';

export type TestServer = { adminUrl: string; stop(): Promise<void> };

export async function startTestServer(): Promise<TestServer> {
  if (process.env.TEST_DATABASE_URL) {
    return { adminUrl: process.env.TEST_DATABASE_URL, stop: async () => {} };
  }
  const dataDir = path.join(makeTempDir('fellowship-test-'), 'pgdata');
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true, fast: true });
  return { adminUrl: server.adminUrl, stop: () => server.stop() };
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A unique name per run, so runs sharing a TEST_DATABASE_URL server never collide. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export { withDatabase };

/** A temporary folder the embedded server can use: as root, postgres runs as another user. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}
