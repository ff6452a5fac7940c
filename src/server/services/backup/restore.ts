// `fellowship db restore <file>`: loads a backup into an empty database at the backup's
// migration version, in one transaction: the foreign keys dropped, every table by COPY, the
// foreign keys added back (each checked over its whole table in one query, as pg_restore does:
// three times faster for a million rows than a check per row), then the checks (each table's
// sha256 of the bytes read against the manifest, its row count against the manifest and
// count(*)), the sequences, and COMMIT. Anything wrong rolls the whole load back, constraints
// included, so the database is left as empty as it was found. See docs/decisions/0029-backups.md.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { applyMigrations, readMigrationList } from '@/server/db/migrations';
import { AppError } from '@/server/errors';
import { BackupReader, countLines, damagedFile, FrameType, type Frame } from './backup-file';
import type { BackupContext } from './backup';
import {
  countRows,
  listTables,
  qualified,
  quoteIdent,
  readForeignKeys,
  readMigrationVersion,
  setCopySession,
  tablesWithRows,
  type TableShape,
} from './catalog';
import {
  backupHeaderSchema,
  backupTrailerSchema,
  describeVersion,
  manifestOf,
  sameList,
  sameVersion,
  tableLabel,
  type BackupHeader,
  type BackupManifest,
  type BackupTrailer,
  type MigrationVersion,
} from './manifest';

export type RestoreInput = {
  file: string;
  /**
   * Apply the migrations first (the CLI does): a new, empty database gets the schema the
   * backup's rows need. Only done when the backup was made at this code's migrations, so a
   * refused restore never leaves a database upgraded past the backup.
   */
  migrate?: boolean;
};

export type RestoreResult = { file: string; seconds: number; appliedMigrations: string[]; manifest: BackupManifest };

/** Opens a backup and reads its header; the reader then stands at the first table. */
async function openBackup(file: string) {
  const isFile = await stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!isFile) throw new AppError('NOT_FOUND', `There is no backup file at ${file}.`);
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  // Errors of either stream (a read error, a damaged gzip) surface through the reader.
  const done = pipeline(createReadStream(file), gunzip).catch(() => {});
  const reader = new BackupReader(gunzip, file);
  const close = async () => {
    gunzip.destroy();
    await done;
  };
  try {
    await reader.readMagic();
    const header = backupHeaderSchema.safeParse(await reader.nextJson(FrameType.header, 'header'));
    if (!header.success) throw damagedFile(file, 'its header is not one this version reads');
    return { reader, header: header.data, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function versionMismatch(backup: MigrationVersion, target: { app: string[]; jobQueue?: number[] }, where: string): AppError {
  const backupVersion = describeVersion(target.jobQueue ? backup : { app: backup.app });
  return new AppError(
    'CONFLICT',
    `The backup was made at migration ${backupVersion}, but ${where} is at ${describeVersion(target)}. ` +
      'Restore it with the Fellowship release of the backup\'s migration, into a new empty database, then upgrade by starting the newer release (or `fellowship db migrate`).',
  );
}

function notEmpty(tables: string[]): AppError {
  const named = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ` and ${tables.length - 5} more` : '');
  return new AppError(
    'CONFLICT',
    `The database is not empty (${named} hold rows): a restore only loads into an empty database. ` +
      'Stop the app and point DATABASE_URL (or FELLOWSHIP_DATA_DIR) at a new, empty database.',
  );
}

/** The backup's tables and this database's must be the same, column for column. */
function compareShapes(header: BackupHeader, target: TableShape[]): void {
  const mine = new Map(target.map((table) => [tableLabel(table), table.columns.join(',')]));
  const theirs = new Map(header.tables.map((table) => [tableLabel(table), table.columns.join(',')]));
  const differ = [...new Set([...mine.keys(), ...theirs.keys()])].filter((label) => mine.get(label) !== theirs.get(label));
  if (differ.length) {
    throw new AppError(
      'CONFLICT',
      `The backup's tables differ from this database's although their migrations agree (${differ.slice(0, 5).join(', ')}): ` +
        'the schema was changed outside the migrations. Restore into a database made by `fellowship db migrate` alone.',
    );
  }
}

/** One table's COPY data frames, hashed and counted as they pass; stops before the next table's frame. */
async function* tableData(reader: BackupReader, tally: { hash: ReturnType<typeof createHash>; lines: number }): AsyncGenerator<Buffer> {
  for (let frame: Frame | null = await reader.next(); frame; frame = await reader.next()) {
    if (frame.type !== FrameType.data) {
      reader.unread(frame);
      return;
    }
    tally.hash.update(frame.payload);
    tally.lines += countLines(frame.payload);
    yield frame.payload;
  }
}

type Loaded = { rows: number; sha256: string };

/** Every table's section, in the header's order, by COPY; returns what was read of each. */
async function loadTables(ctx: BackupContext, client: pg.Client, reader: BackupReader, header: BackupHeader, file: string): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  for (const table of header.tables) {
    const started = performance.now();
    const label = tableLabel(table);
    const named = (await reader.nextJson(FrameType.table, `section of ${label}`)) as { schema?: unknown; name?: unknown } | null;
    if (named?.schema !== table.schema || named?.name !== table.name) throw damagedFile(file, `the section of ${label} is not where the header puts it`);
    const tally = { hash: createHash('sha256'), lines: 0 };
    const copy = copyFrom(`COPY ${qualified(table)} (${table.columns.map(quoteIdent).join(', ')}) FROM STDIN`);
    try {
      await pipeline(Readable.from(tableData(reader, tally)), client.query(copy));
    } catch (error) {
      if (error instanceof AppError) throw error;
      // PostgreSQL refused a row (bad syntax, a duplicate key): damaged data, since the schema
      // was checked to be the backup's.
      throw damagedFile(file, `PostgreSQL refused ${label}'s rows: ${(error as Error).message}`);
    }
    if (copy.rowCount !== tally.lines) throw damagedFile(file, `${label} has ${tally.lines} lines but loaded ${copy.rowCount} rows`);
    loaded.push({ rows: copy.rowCount, sha256: tally.hash.digest('hex') });
    ctx.onProgress?.({ table: label, rows: copy.rowCount, seconds: (performance.now() - started) / 1000 });
  }
  return loaded;
}

/** The manifest at the end, which must be the file's last frame, held against what was read. */
async function readTrailer(reader: BackupReader, header: BackupHeader, loaded: Loaded[], file: string): Promise<BackupTrailer> {
  const parsed = backupTrailerSchema.safeParse(await reader.nextJson(FrameType.trailer, 'manifest at the end'));
  if (!parsed.success) throw damagedFile(file, 'the manifest at the end is garbled');
  // Reading on to the end also has gzip check its CRC over the whole file.
  if ((await reader.next()) !== null) throw damagedFile(file, 'it goes on after the manifest');
  const trailer = parsed.data;
  if (trailer.tables.length !== header.tables.length) throw damagedFile(file, 'the manifest lists other tables than the header');
  header.tables.forEach((table, i) => {
    const expected = trailer.tables[i]!;
    const label = tableLabel(table);
    if (expected.schema !== table.schema || expected.name !== table.name) throw damagedFile(file, 'the manifest lists other tables than the header');
    if (expected.sha256 !== loaded[i]!.sha256) throw damagedFile(file, `the checksum of ${label} does not match its manifest`);
    if (expected.rows !== loaded[i]!.rows) throw damagedFile(file, `${label} has ${loaded[i]!.rows} rows where its manifest says ${expected.rows}`);
  });
  return trailer;
}

export async function restoreBackup(ctx: BackupContext, input: RestoreInput): Promise<RestoreResult> {
  const started = performance.now();
  const file = path.resolve(input.file);
  const { reader, header, close } = await openBackup(file);
  const client = new pg.Client({ connectionString: ctx.databaseUrl });
  let inTransaction = false;
  try {
    await client.connect();
    await setCopySession(client);
    // Before anything changes: a database with data is refused as it is, never migrated first.
    const withRows = await tablesWithRows(client, await listTables(client));
    if (withRows.length) throw notEmpty(withRows);

    let appliedMigrations: string[] = [];
    if (input.migrate) {
      // The job queue's version is known only once its migrations ran; it is compared below.
      const release = readMigrationList().migrationDirectories.map((dir) => dir.path);
      if (!sameList(header.migrations.app, release)) throw versionMismatch(header.migrations, { app: release }, 'this Fellowship release');
      appliedMigrations = await applyMigrations(ctx.databaseUrl);
    }

    await client.query('BEGIN');
    inTransaction = true;
    const target = await listTables(client);
    // Nobody writes while we load (readers may go on), so "empty" stays true until COMMIT.
    if (target.length) await client.query(`LOCK TABLE ${target.map(qualified).join(', ')} IN EXCLUSIVE MODE`);
    const lateRows = await tablesWithRows(client, target);
    if (lateRows.length) throw notEmpty(lateRows);
    const version = await readMigrationVersion(client);
    if (!sameVersion(header.migrations, version)) throw versionMismatch(header.migrations, version, 'this database');
    compareShapes(header, target);

    // Dropped inside the transaction: a rollback brings them back with everything else.
    const foreignKeys = await readForeignKeys(client);
    try {
      for (const key of foreignKeys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${quoteIdent(key.name)}`);
    } catch (error) {
      throw new AppError(
        'FORBIDDEN',
        `A restore sets the foreign keys aside during the load, which only the tables' owner may do (the role that runs the migrations): ${(error as Error).message}`,
      );
    }
    const loaded = await loadTables(ctx, client, reader, header, file);
    const trailer = await readTrailer(reader, header, loaded, file);
    for (const key of foreignKeys) {
      try {
        await client.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`);
      } catch (error) {
        throw damagedFile(file, `a reference does not hold (${key.table} ${key.name}): ${(error as Error).message}`);
      }
    }
    const counted = await countRows(client, header.tables);
    for (const table of trailer.tables) {
      const label = tableLabel(table);
      if (counted.get(label) !== table.rows) throw damagedFile(file, `${label} holds ${counted.get(label)} rows where its manifest says ${table.rows}`);
    }

    // setval is not undone by a rollback; done last, when only COMMIT remains, and harmless
    // even then (a sequence further on leaves gaps, never duplicates).
    for (const sequence of trailer.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [qualified(sequence), sequence.lastValue, sequence.isCalled]);
    }
    await client.query('COMMIT');
    inTransaction = false;
    // Fresh statistics, so the first queries are planned for the tables' real sizes.
    if (header.tables.length) await client.query(`ANALYZE ${header.tables.map(qualified).join(', ')}`);
    return { file, seconds: (performance.now() - started) / 1000, appliedMigrations, manifest: manifestOf(header, trailer) };
  } catch (error) {
    if (inTransaction) await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await close();
    await client.end().catch(() => {});
  }
}
