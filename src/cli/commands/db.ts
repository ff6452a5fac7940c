import { parseEnv } from '@/server/env';
import { applyMigrations, createMigration } from '@/server/db/migrations';
import { safeLocation } from '@/server/db/runtime';
import { readDatabaseStatus } from '@/server/db/status';
import { backupDatabase, type BackupResult, type TableProgress } from '@/server/services/backup/backup';
import { restoreBackup, type RestoreResult } from '@/server/services/backup/restore';
import { seedDemoData } from '@/server/services/demo/seed-demo';
import { prepareDatabase } from '@/server/services/demo/prepare-database';
import { pruneExpiredData, retentionSettingsFrom, type PruneReport } from '@/server/services/retention/prune-expired-data';
import { defineCommand, withDatabase, withSystem } from '../command';

type DatabaseStatus = {
  database: string;
  source: string;
  serverVersion: string;
  appliedMigrations: string[];
  pendingMigrations: string[];
  failedMigrations: string[];
};

export const dbStatus = defineCommand<DatabaseStatus>({
  name: 'db status',
  synopsis: ['db status'],
  summary: ['Where the database is and which migrations are applied'],
  run: () =>
    withDatabase(async (database) => ({
      database: safeLocation(database.url),
      source: database.source,
      ...(await readDatabaseStatus(database.url)),
    })),
  print: (status) =>
    [
      `Database:   ${status.database} (${status.source}), PostgreSQL ${status.serverVersion}`,
      `Applied:    ${status.appliedMigrations.length} migration(s)`,
      `Pending:    ${status.pendingMigrations.length ? status.pendingMigrations.join(', ') + ' (run: npm run db:migrate)' : 'none'}`,
      ...(status.failedMigrations.length ? [`Failed:     ${status.failedMigrations.join(', ')}`] : []),
    ].join('\n'),
});

export const dbMigrate = defineCommand<{ applied: string[] }>({
  name: 'db migrate',
  synopsis: ['db migrate'],
  summary: ['Apply pending migrations (safe to repeat)'],
  run: () => withDatabase(async (database) => ({ applied: await applyMigrations(database.directUrl) })),
  print: ({ applied }) => (applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Already up to date.'),
});

export const dbMigrationCreate = defineCommand<{ created: string | null }>({
  name: 'db migration-create',
  synopsis: ['db migration-create <name>'],
  summary: ['Write prisma/migrations/<timestamp>_<name>/ from schema.prisma'],
  positionals: ['name'],
  run: ({ positionals }) =>
    withDatabase(async (database) => {
      await applyMigrations(database.directUrl);
      return { created: await createMigration(database.directUrl, positionals[0]!) };
    }),
  print: ({ created }) =>
    created ? `Wrote ${created}/migration.sql: review it, then commit it.` : 'schema.prisma matches the migrations: nothing to write.',
});

export const dbSeed = defineCommand<unknown>({
  name: 'db seed',
  synopsis: ['db seed'],
  summary: ['Add the demo data (safe to repeat)'],
  run: () => withSystem((ctx) => seedDemoData(ctx)),
  print: () => 'Demo data is in place (admin@example.com, facilitator1@example.com, fellow1@example.com …).',
});

export const dbPrepare = defineCommand<{ applied: string[]; seeded: boolean }>({
  name: 'db prepare',
  synopsis: ['db prepare'],
  summary: ['Migrate, then add the demo data if the database is empty'],
  // What a deployment runs before the server (the Docker image does): migrate, then add the
  // demo data to an empty database unless FELLOWSHIP_DEMO_DATA=0.
  run: () =>
    withDatabase((database) =>
      prepareDatabase(
        { directUrl: database.directUrl, databaseUrl: database.url },
        { demoData: parseEnv().FELLOWSHIP_DEMO_DATA, onWait: () => console.error('Waiting for another server to finish preparing the database…') },
      ),
    ),
  print: ({ applied, seeded }) =>
    `${applied.length ? `Applied ${applied.join(', ')}.` : 'Schema up to date.'}${seeded ? ' Added the demo data.' : ''}`,
});

const count = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A line per table on stderr as the work goes, so stdout keeps only the result (and JSON stays clean). */
function printProgress({ table, rows, seconds }: TableProgress): void {
  process.stderr.write(`  ${table.padEnd(44)} ${count(rows).padStart(11)} rows  ${seconds.toFixed(1).padStart(6)} s\n`);
}

const totalRows = (result: BackupResult | RestoreResult) => result.manifest.tables.reduce((sum, table) => sum + table.rows, 0);

export const dbBackup = defineCommand<BackupResult>({
  name: 'db backup',
  synopsis: ['db backup <file>'],
  summary: ['Write a consistent snapshot of every table to <file>'],
  positionals: ['file'],
  // No migrations first: a backup reads the database as it is and changes nothing.
  run: ({ positionals }) =>
    withDatabase((database) => backupDatabase({ databaseUrl: database.directUrl, onProgress: printProgress }, { file: positionals[0]! })),
  print: (result) =>
    `Wrote ${result.file} (${megabytes(result.bytes)}) in ${result.seconds.toFixed(1)} s: ` +
    `${result.manifest.tables.length} tables, ${count(totalRows(result))} rows, at migration ${result.manifest.migrations.app.at(-1)}.`,
});

export const dbRestore = defineCommand<RestoreResult>({
  name: 'db restore',
  synopsis: ['db restore <file>'],
  summary: ['Load a backup into an empty database at its migration version'],
  positionals: ['file'],
  run: ({ positionals }) =>
    withDatabase((database) =>
      restoreBackup({ databaseUrl: database.directUrl, onProgress: printProgress }, { file: positionals[0]!, migrate: true }),
    ),
  print: (result) =>
    `Restored ${result.file} (made ${result.manifest.createdAt}) in ${result.seconds.toFixed(1)} s: ` +
    `${result.manifest.tables.length} tables, ${count(totalRows(result))} rows; row counts and checksums match the manifest.`,
});

export const dbPrune = defineCommand<PruneReport>({
  name: 'db prune',
  synopsis: ['db prune [--dry-run]'],
  summary: ['Apply the retention settings now (what the worker does daily at 03:00 UTC):', 'old sign-in links, sessions, failed jobs, emails; --dry-run only counts'],
  options: { 'dry-run': { type: 'boolean' } },
  run: ({ values }) => withSystem((ctx) => pruneExpiredData(ctx, { settings: retentionSettingsFrom(parseEnv()), dryRun: values['dry-run'] === true })),
  print: (report) =>
    report.rules
      .map((rule) => `${report.dryRun ? 'Would remove' : 'Removed'} ${rule.removed} ${rule.label} (before ${rule.olderThan.toISOString().slice(0, 16).replace('T', ' ')} UTC)`)
      .join('\n'),
});
