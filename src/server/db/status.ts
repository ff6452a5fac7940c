// What `fellowship db status` reports: server version, applied and pending migrations.
import pg from 'pg';
import { readMigrationList } from './migrations';

export type DatabaseStatus = {
  serverVersion: string;
  appliedMigrations: string[];
  pendingMigrations: string[];
  failedMigrations: string[];
};

export async function readDatabaseStatus(url: string): Promise<DatabaseStatus> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS name");
    const rows = table.rows[0]?.name
      ? (
          await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
            'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at',
          )
        ).rows
      : [];
    const applied = rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => row.migration_name);
    const failed = rows.filter((row) => !row.finished_at && !row.rolled_back_at).map((row) => row.migration_name);
    const onDisk = readMigrationList().migrationDirectories.map((dir) => dir.path);
    return {
      serverVersion: version.rows[0]?.server_version ?? 'unknown',
      appliedMigrations: applied,
      pendingMigrations: onDisk.filter((name) => !applied.includes(name)),
      failedMigrations: failed,
    };
  } finally {
    await client.end();
  }
}
