// Servers started together on one empty database: migrations and the demo seed happen once,
// and no lock outlives the start-up (it used to: Prisma's engine kept its advisory lock on a
// connection nobody closed, and the next server to migrate timed out after 10 s).
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, readMigrationList } from '@/server/db/migrations';
import { adminQuery, uniqueDatabaseName, withDatabase } from '../setup/test-postgres';
import { runCli } from './run-command';

const adminUrl = inject('adminDatabaseUrl');
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = uniqueDatabaseName('fellowship_startup');
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  created.push(name);
  return withDatabase(adminUrl, name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of created) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe('start-up on a shared database', () => {
  it('leaves no advisory lock and no connection behind once the migrations are applied', async () => {
    const url = await emptyDatabase();
    const applied = await applyMigrations(url);
    expect(applied.length).toBe(readMigrationList().migrationDirectories.length);

    const database = new URL(url).pathname.slice(1);
    const locks = await query<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
        WHERE l.locktype = 'advisory' AND d.datname = '${database}'`,
    );
    expect(locks[0]!.n).toBe(0);
    const sessions = await query<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
    );
    expect(sessions[0]!.n).toBe(0);
    // A second migrator finds nothing to do and does not wait.
    expect(await applyMigrations(url)).toEqual([]);
  });

  it('three servers preparing one empty database at once migrate and seed it once', async () => {
    const url = await emptyDatabase();
    const results = await Promise.all(
      [1, 2, 3].map(() => runCli(['db', 'prepare', '--json'], { DATABASE_URL: url, FELLOWSHIP_DEMO_DATA: '1' })),
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const reports = results.map((result) => JSON.parse(result.stdout) as { applied: string[]; seeded: boolean });
    expect(reports.filter((report) => report.seeded)).toHaveLength(1);
    expect(reports.filter((report) => report.applied.length > 0)).toHaveLength(1);

    const migrations = await query<{ migration_name: string; n: number }>(
      url,
      'SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY migration_name',
    );
    expect(migrations).toHaveLength(readMigrationList().migrationDirectories.length);
    expect(migrations.every((row) => row.n === 1)).toBe(true);
    const admins = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM "User" WHERE email = 'admin@example.com'`);
    expect(admins[0]!.n).toBe(1);
  }, 120_000);
});
