// `fellowship db backup` and `db restore`: a round trip of the demo data plus a generated cohort
// of 500 fellows with a million metric points (every table's row count and content the same
// after restore, checked by queries of this test's own, not by the backup's checksums), and the
// refusals: another migration version, a database with data, a damaged file.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { db } from '@/server/db/client';
import { readMigrationList } from '@/server/db/migrations';
import { AppError } from '@/server/errors';
import { backupDatabase } from '@/server/services/backup/backup';
import { restoreBackup } from '@/server/services/backup/restore';
import { seedDemoData } from '@/server/services/demo/seed-demo';
import { generateCohort } from '../../scripts/lib/dashboard-data';
import { asSystem } from '../factories/contexts';
import { adminQuery, uniqueDatabaseName, withDatabase } from '../setup/test-postgres';
import { runCli } from './run-command';

const adminUrl = inject('adminDatabaseUrl');
const created: string[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'fellowship-backup-test-'));
const latestMigration = readMigrationList().migrationDirectories.at(-1)!.path;
const migrationCount = readMigrationList().migrationDirectories.length;

/** A new database: a clone of the migrated, empty template, or (`migrated: false`) one with no tables at all. */
async function newDatabase(migrated = true): Promise<string> {
  const name = uniqueDatabaseName('fellowship_restore');
  const sql = `CREATE DATABASE "${name}"${migrated ? ` TEMPLATE "${inject('templateDatabase')}"` : ''}`;
  // Parallel files clone the template too, and PostgreSQL lets one copy read it at a time.
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(adminUrl, sql);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
  created.push(name);
  return withDatabase(adminUrl, name);
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Row text depends on these; both sides of a comparison use the same.
    await client.query("SET extra_float_digits = 3; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'");
    return await work(client);
  } finally {
    await client.end();
  }
}

type Fingerprint = Record<string, { rows: number; hashSum: string; md5?: string | null }>;

/**
 * Every table's row count and content, computed here: the sum of a 64-bit hash of each row's
 * text (order-free, so physical order does not matter), and for tables of up to 50,000 rows the
 * md5 of all rows' text in sorted order. The migration ledgers are compared by name only: a
 * restore target's migrations ran at another time.
 */
async function fingerprint(url: string): Promise<{
  tables: Fingerprint;
  migrations: string[];
  jobQueue: number[];
  sequences: Record<string, string>;
  constraints: string[];
}> {
  return withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ label: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS label FROM information_schema.tables
        WHERE table_schema IN ('public', 'graphile_worker') AND table_type = 'BASE TABLE'
          AND (table_schema, table_name) NOT IN (('public', '_prisma_migrations'), ('graphile_worker', 'migrations'))
        ORDER BY 1`,
    );
    const result: Fingerprint = {};
    for (const { label } of tables) {
      const { rows } = await client.query<{ n: string; h: string }>(
        `SELECT count(*)::text AS n, coalesce(sum(hashtextextended(t::text, 0)::numeric), 0)::text AS h FROM ${label} t`,
      );
      const n = Number(rows[0]!.n);
      result[label] = { rows: n, hashSum: rows[0]!.h };
      if (n <= 50_000) {
        const md5 = await client.query<{ md5: string | null }>(`SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS md5 FROM ${label} t`);
        result[label].md5 = md5.rows[0]!.md5;
      }
    }
    const migrations = await client.query<{ name: string }>(
      'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1',
    );
    const jobQueue = await client.query<{ id: number }>('SELECT id FROM graphile_worker.migrations ORDER BY id');
    const sequences = await client.query<{ label: string; last_value: string | null }>(
      "SELECT schemaname || '.' || sequencename AS label, last_value::text FROM pg_sequences WHERE schemaname IN ('public', 'graphile_worker')",
    );
    // A restore sets the foreign keys aside and adds them back: they must all be there after.
    const constraints = await client.query<{ line: string }>(
      `SELECT k.conrelid::regclass::text || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) AS line
         FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
        WHERE n.nspname IN ('public', 'graphile_worker') ORDER BY 1`,
    );
    return {
      constraints: constraints.rows.map((row) => row.line),
      tables: result,
      migrations: migrations.rows.map((row) => row.name),
      jobQueue: jobQueue.rows.map((row) => row.id),
      sequences: Object.fromEntries(sequences.rows.map((row) => [row.label, row.last_value ?? 'unused'])),
    };
  });
}

/** Rows in every table but the migration ledgers (0 for an empty database). */
async function dataRows(url: string): Promise<number> {
  const { tables } = await fingerprint(url);
  return Object.values(tables).reduce((sum, table) => sum + table.rows, 0);
}

/** Tables in the public schema, to tell a database that was never migrated. */
async function publicTables(url: string): Promise<number> {
  return withClient(url, async (client) =>
    Number((await client.query<{ n: string }>("SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0]!.n),
  );
}

/** Peak RSS growth while `work` runs, sampled every 50 ms. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds: (performance.now() - started) / 1000, peakRssMb: (peak - before) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function expectRefusal(promise: Promise<unknown>, code: AppError['code'], message: RegExp) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
}

const sourceUrl = () => process.env.DATABASE_URL!;
/** A small backup (a migrated database with a few rows), for the refusals and the CLI. */
let smallUrl: string;
let smallBackup: string;

beforeAll(async () => {
  smallUrl = await newDatabase();
  await withClient(smallUrl, async (client) => {
    await client.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('u1', 'ada@example.com', 'Ada', now()), ('u2', 'grace@example.com', 'Grace', now())`);
    await client.query(`SELECT graphile_worker.add_job('backup-test', json_build_object('n', 1))`);
  });
  smallBackup = path.join(dir, 'small.backup');
  await backupDatabase({ databaseUrl: smallUrl }, { file: smallBackup });
});

afterAll(async () => {
  for (const name of created) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

describe('a backup and restore round trip', () => {
  let bigBackup: string;

  it('of the demo data and 500 fellows with a million metric points gives every table back, row for row', { timeout: 300_000 }, async () => {
    const setupStarted = performance.now();
    await seedDemoData(asSystem());
    const cohort = await generateCohort(db, 'backup', 500, 10);
    // One run per fellow with one series of 2,000 points: NaN, the infinities and missing times
    // among them, because those are what a text dump gets wrong first.
    await db.$executeRaw`
      INSERT INTO "Run" (id, "cohortId", "userId", "exerciseItemId", "clientRunId", name, params, tags, "updatedAt")
      SELECT 'run-' || m.id, m."cohortId", m."userId",
             (SELECT i.id FROM "CurriculumItem" i ORDER BY i.id LIMIT 1), 'job-' || m.id, 'beta=' || row_number() OVER (ORDER BY m.id),
             jsonb_build_object('lr', 0.001, 'note', E'tab\\there'), ARRAY['sweep', 'a,b', 'quote"d'], now()
        FROM "Membership" m WHERE m."cohortId" = ${cohort.cohort.id} AND m.role = 'FELLOW'`;
    await db.$executeRaw`
      INSERT INTO "MetricSeries" ("runId", key, count) SELECT id, 'train/loss', 2000 FROM "Run" WHERE "cohortId" = ${cohort.cohort.id}`;
    await db.$executeRaw`
      INSERT INTO "MetricPoint" ("seriesId", step, value, "time")
      SELECT s.id, g,
             CASE WHEN g = 7 THEN 'NaN'::float8 WHEN g = 11 THEN 'Infinity' WHEN g = 13 THEN '-Infinity'
                  ELSE exp(-g / 500.0) * (1 + sin(g * 0.37 + s.id)) / 3 END,
             CASE WHEN g % 10 = 0 THEN NULL ELSE timestamp '2026-11-01' + g * interval '1.5 seconds' END
        FROM "MetricSeries" s CROSS JOIN generate_series(0, 1999) g
       WHERE s."runId" IN (SELECT id FROM "Run" WHERE "cohortId" = ${cohort.cohort.id})`;
    // Text that COPY must escape, bytes that are not text, and a queued job.
    await db.user.create({ data: { email: 'odd@example.com', name: 'Tab\there, new\nline, back\\slash, \\N, é, 🙂, "quotes"' } });
    const anyRun = await db.run.findFirstOrThrow({ select: { id: true } });
    await db.runArtifact.create({
      data: { runId: anyRun.id, name: 'bytes', contentType: 'image/png', size: 256, data: Buffer.from(Array.from({ length: 256 }, (_, i) => i)) },
    });
    await db.$queryRaw`SELECT graphile_worker.add_job('backup-test', json_build_object('text', E'line\\nbreak'), run_at => now() + interval '1 day')`;
    const points = await db.metricPoint.count();
    expect(points).toBeGreaterThanOrEqual(1_000_000);
    console.log(`[backup] generated ${points.toLocaleString('en-US')} metric points and the demo data in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

    const before = await fingerprint(sourceUrl());
    bigBackup = path.join(dir, 'big.backup');
    const backup = await measure(() => backupDatabase({ databaseUrl: sourceUrl() }, { file: bigBackup }));
    const target = await newDatabase();
    const restore = await measure(() => restoreBackup({ databaseUrl: target }, { file: bigBackup }));
    const after = await fingerprint(target);

    const bytes = statSync(bigBackup).size;
    console.log(
      `[backup] ${(points / 1e6).toFixed(2)}M points + demo: backup ${backup.seconds.toFixed(1)} s (peak RSS +${backup.peakRssMb.toFixed(0)} MB), ` +
        `file ${(bytes / 1024 / 1024).toFixed(1)} MB, restore ${restore.seconds.toFixed(1)} s (peak RSS +${restore.peakRssMb.toFixed(0)} MB)`,
    );

    expect(after).toEqual(before);
    // Nothing was left out: the tables with data are the ones this test filled.
    expect(before.tables['public."MetricPoint"']?.rows).toBe(points);
    expect(before.tables['graphile_worker._private_jobs']?.rows).toBeGreaterThan(0);
    expect(before.tables['public."RunArtifact"']?.rows).toBeGreaterThan(0);
    // The manifest's numbers agree with the tables.
    const manifestRows = Object.fromEntries(backup.result.manifest.tables.map((table) => [table.table, table.rows]));
    expect(manifestRows['public.MetricPoint']).toBe(points);
    expect(restore.result.manifest.migrations.app.at(-1)).toBe(latestMigration);
  });

  it('refuses a damaged file (a flipped byte) and leaves the database empty', { timeout: 120_000 }, async () => {
    const damaged = path.join(dir, 'flipped.backup');
    const bytes = readFileSync(bigBackup);
    // Past the header and the small tables: the load is well under way when the damage shows.
    const at = Math.floor(bytes.length * 0.6);
    bytes[at] = bytes[at]! ^ 0x10;
    writeFileSync(damaged, bytes);
    const target = await newDatabase();
    const loaded: string[] = [];
    await expectRefusal(
      restoreBackup({ databaseUrl: target, onProgress: ({ table }) => loaded.push(table) }, { file: damaged }),
      'BAD_REQUEST',
      /is not a complete Fellowship backup .*nothing was restored/,
    );
    expect(loaded.length, 'tables loaded before the damage showed').toBeGreaterThan(0);
    expect(await dataRows(target)).toBe(0);
    // The foreign keys set aside for the load came back with the rollback.
    expect((await fingerprint(target)).constraints).toEqual((await fingerprint(smallUrl)).constraints);
  });
});

describe('restore refuses', () => {
  it('a database at another migration version, naming both versions', { timeout: 120_000 }, async () => {
    // A backup of a database one migration ahead of this release.
    const ahead = await newDatabase();
    await withClient(ahead, (client) =>
      client.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ('later', 'x', '20991231000000_from_a_later_release', now(), now(), 1)`,
      ),
    );
    const file = path.join(dir, 'ahead.backup');
    await backupDatabase({ databaseUrl: ahead }, { file });

    const target = await newDatabase();
    await expectRefusal(
      restoreBackup({ databaseUrl: target }, { file }),
      'CONFLICT',
      new RegExp(
        `made at migration 20991231000000_from_a_later_release \\(${migrationCount + 1} migrations\\), job queue schema \\d+, ` +
          `but this database is at ${latestMigration} \\(${migrationCount} migrations\\), job queue schema \\d+\\. Restore it with the Fellowship release`,
      ),
    );
    expect(await dataRows(target)).toBe(0);

    // Through the CLI, into a new database: refused before the migrations run, so the
    // database is not upgraded past a backup it cannot take.
    const empty = await newDatabase(false);
    const cli = await runCli(['db', 'restore', file], { DATABASE_URL: empty });
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain(`but this Fellowship release is at ${latestMigration} (${migrationCount} migrations)`);
    expect(await publicTables(empty)).toBe(0);
  });

  it('a database that holds data, and changes nothing there', async () => {
    const before = await fingerprint(smallUrl);
    await expectRefusal(restoreBackup({ databaseUrl: smallUrl }, { file: smallBackup }), 'CONFLICT', /The database is not empty \(.*public\.User.*\)/);
    expect(await fingerprint(smallUrl)).toEqual(before);
  });

  it('a file whose data was changed inside valid gzip (the checksum), a truncated file and a file that is no backup', async () => {
    // One letter of one email changed, same length, gzip recomputed: only the checksum can tell.
    const plain = gunzipSync(readFileSync(smallBackup));
    const at = plain.indexOf('grace@example.com');
    expect(at).toBeGreaterThan(0);
    plain[at] = 'G'.charCodeAt(0);
    const tampered = path.join(dir, 'tampered.backup');
    writeFileSync(tampered, gzipSync(plain));
    const target = await newDatabase();
    await expectRefusal(restoreBackup({ databaseUrl: target }, { file: tampered }), 'BAD_REQUEST', /the checksum of public\.User does not match its manifest/);
    expect(await dataRows(target)).toBe(0);

    const truncated = path.join(dir, 'truncated.backup');
    const whole = readFileSync(smallBackup);
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    await expectRefusal(restoreBackup({ databaseUrl: target }, { file: truncated }), 'BAD_REQUEST', /is not a complete Fellowship backup/);
    expect(await dataRows(target)).toBe(0);

    const notBackup = path.join(dir, 'notes.txt');
    writeFileSync(notBackup, 'just some notes\n');
    await expectRefusal(restoreBackup({ databaseUrl: target }, { file: notBackup }), 'BAD_REQUEST', /is not a complete Fellowship backup \(gzip/);
    await expectRefusal(restoreBackup({ databaseUrl: target }, { file: path.join(dir, 'missing.backup') }), 'NOT_FOUND', /There is no backup file at/);
  });
});

describe('the CLI', () => {
  it('backs up, and restores into a new database that it migrates first, with progress on stderr and JSON on stdout', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'cli.backup');
    const backup = await runCli(['db', 'backup', file, '--json'], { DATABASE_URL: smallUrl });
    expect(backup.code, backup.stderr).toBe(0);
    const written = JSON.parse(backup.stdout);
    expect(written.file).toBe(file);
    expect(written.manifest.migrations.app.at(-1)).toBe(latestMigration);
    expect(written.manifest.tables).toContainEqual(expect.objectContaining({ table: 'public.User', rows: 2 }));
    expect(backup.stderr).toMatch(/public\.User +2 rows/);

    const empty = await newDatabase(false);
    const restore = await runCli(['db', 'restore', file], { DATABASE_URL: empty });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^Restored .*cli\.backup .* row counts and checksums match the manifest\.\n$/);
    expect(await fingerprint(empty)).toEqual(await fingerprint(smallUrl));

    const again = await runCli(['db', 'restore', file], { DATABASE_URL: empty });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The database is not empty');
  });
});
