// The job queue's own tables (schema graphile_worker), installed and upgraded by
// graphile-worker's migrations right after the app's Prisma migrations, so every database the
// app opens (and each test database's template) can queue jobs.
import { Logger, runMigrations } from 'graphile-worker';

export const quietLogger = new Logger(() => () => {});

export async function migrateJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger });
}
