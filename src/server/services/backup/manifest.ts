// What a backup file says about itself. The header comes first, so a restore can refuse a file
// of another migration version before it loads a row; the trailer comes last, because row
// counts and checksums are only known once every table has been written. Together they are
// the manifest. See docs/decisions/0029-backups.md.
import { z } from 'zod';

export const BACKUP_FORMAT = 'fellowship-backup';
export const BACKUP_FORMAT_VERSION = 1;

const tableRef = { schema: z.string().min(1), name: z.string().min(1) };

/** Which migrations made the schema: Prisma's (by name) and the job queue's (graphile-worker's ids). */
const migrationVersionSchema = z.object({ app: z.array(z.string()), jobQueue: z.array(z.number().int()) });
export type MigrationVersion = z.infer<typeof migrationVersionSchema>;

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  serverVersion: z.string(),
  migrations: migrationVersionSchema,
  /** Every table copied, in the file's order, with the COPY column list. */
  tables: z.array(z.object({ ...tableRef, columns: z.array(z.string()).min(1) })),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const backupTrailerSchema = z.object({
  /**
   * Per table, in the header's order: the rows written and the sha256 of the COPY text bytes
   * exactly as the server sent them (and as they sit in the file, before compression).
   */
  tables: z.array(z.object({ ...tableRef, rows: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  /** Every sequence of the backed-up schemas, as `setval` takes it back. */
  sequences: z.array(z.object({ ...tableRef, lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
});
export type BackupTrailer = z.infer<typeof backupTrailerSchema>;

export type TableRef = { schema: string; name: string };

/** The manifest as commands print it: the header's facts with the trailer's counts and checksums. */
export type BackupManifest = Omit<BackupHeader, 'tables'> & {
  tables: { table: string; rows: number; sha256: string }[];
  sequences: BackupTrailer['sequences'];
};

export const tableLabel = (table: TableRef) => `${table.schema}.${table.name}`;

export function manifestOf(header: BackupHeader, trailer: BackupTrailer): BackupManifest {
  const { tables: _columns, ...facts } = header;
  return {
    ...facts,
    tables: trailer.tables.map((table) => ({ table: tableLabel(table), rows: table.rows, sha256: table.sha256 })),
    sequences: trailer.sequences,
  };
}

/**
 * "20261204055520_exercise_builds_on (15 migrations), job queue schema 19" for messages; without
 * the job queue's ids, the app's migrations alone.
 */
export function describeVersion(version: { app: string[]; jobQueue?: number[] }): string {
  const app = `${version.app.at(-1) ?? 'no migrations'} (${version.app.length} migration${version.app.length === 1 ? '' : 's'})`;
  if (!version.jobQueue) return app;
  return `${app}, ${version.jobQueue.length ? `job queue schema ${version.jobQueue.at(-1)}` : 'no job queue schema'}`;
}

export const sameList = <T>(x: T[], y: T[]) => x.length === y.length && x.every((value, i) => value === y[i]);

export function sameVersion(a: MigrationVersion, b: MigrationVersion): boolean {
  return sameList(a.app, b.app) && sameList(a.jobQueue, b.jobQueue);
}
