// What a backup covers, read from PostgreSQL's catalog so that a table a new migration adds is
// included without a change here: every ordinary table of the app's schema (public) and of the
// job queue's (graphile_worker), except the two migration ledgers. Those are the schema's
// version, not data: a restore target has its own rows there (its migrations made its tables),
// so the backup records them in its header and the restore compares them instead of copying.
import type pg from 'pg';
import type { MigrationVersion, TableRef } from './manifest';
import { tableLabel } from './manifest';

export const BACKED_UP_SCHEMAS = ['public', 'graphile_worker'];
const MIGRATION_LEDGERS = ['public._prisma_migrations', 'graphile_worker.migrations'];

export type TableShape = TableRef & { columns: string[] };

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const qualified = (table: TableRef) => `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;

/**
 * Fixes how COPY writes and reads values, whatever the server's or the role's defaults: UTF-8,
 * ISO dates, UTC, floats at full precision (so every float8 comes back bit for bit), bytea as
 * hex. Both sides set the same, so the bytes (and their checksum) do not depend on who runs it.
 */
export async function setCopySession(client: pg.Client): Promise<void> {
  await client.query(
    "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC'; " +
      "SET extra_float_digits = 3; SET bytea_output = 'hex'; SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0",
  );
}

/**
 * The tables to copy, with their columns in order. Generated columns are left out: COPY cannot
 * write them, and the server computes them again.
 */
export async function listTables(client: pg.Client): Promise<TableShape[]> {
  const { rows } = await client.query<TableShape>(
    `SELECT n.nspname AS schema, c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '') AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relkind = 'r' AND n.nspname = ANY($1::text[])
        AND n.nspname || '.' || c.relname <> ALL($2::text[])
      GROUP BY n.nspname, c.relname
      ORDER BY n.nspname, c.relname`,
    [BACKED_UP_SCHEMAS, MIGRATION_LEDGERS],
  );
  return rows;
}

export type ForeignKey = { table: string; name: string; definition: string };

/** The foreign keys of the backed-up schemas, as `ALTER TABLE … ADD CONSTRAINT` takes them back. */
export async function readForeignKeys(client: pg.Client): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = ANY($1::text[])
      ORDER BY 1, 2`,
    [BACKED_UP_SCHEMAS],
  );
  return rows;
}

/** Which migrations the database has: Prisma's applied ones by name, the job queue's by id. */
export async function readMigrationVersion(client: pg.Client): Promise<MigrationVersion> {
  const exists = await client.query<{ app: string | null; queue: string | null }>(
    "SELECT to_regclass('public._prisma_migrations')::text AS app, to_regclass('graphile_worker.migrations')::text AS queue",
  );
  const app = exists.rows[0]?.app
    ? await client.query<{ name: string }>(
        'SELECT migration_name AS name FROM public._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
      )
    : { rows: [] };
  const queue = exists.rows[0]?.queue ? await client.query<{ id: number }>('SELECT id FROM graphile_worker.migrations ORDER BY id') : { rows: [] };
  return { app: app.rows.map((row) => row.name), jobQueue: queue.rows.map((row) => Number(row.id)) };
}

export async function readSequences(client: pg.Client) {
  const { rows } = await client.query<{ schema: string; name: string }>(
    'SELECT schemaname AS schema, sequencename AS name FROM pg_sequences WHERE schemaname = ANY($1::text[]) ORDER BY 1, 2',
    [BACKED_UP_SCHEMAS],
  );
  const sequences = [];
  for (const sequence of rows) {
    const state = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${qualified(sequence)}`);
    sequences.push({ ...sequence, lastValue: state.rows[0]!.last_value, isCalled: state.rows[0]!.is_called });
  }
  return sequences;
}

/** The tables among `tables` that hold at least one row, in one round trip. */
export async function tablesWithRows(client: pg.Client, tables: TableRef[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const { rows } = await client.query<{ label: string }>(
    tables.map((table, i) => `SELECT $${i + 1}::text AS label WHERE EXISTS (SELECT 1 FROM ${qualified(table)})`).join(' UNION ALL '),
    tables.map(tableLabel),
  );
  return rows.map((row) => row.label);
}

/** count(*) of each table, in one round trip. */
export async function countRows(client: pg.Client, tables: TableRef[]): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const { rows } = await client.query<{ label: string; n: string }>(
    tables.map((table, i) => `SELECT $${i + 1}::text AS label, count(*)::text AS n FROM ${qualified(table)}`).join(' UNION ALL '),
    tables.map(tableLabel),
  );
  return new Map(rows.map((row) => [row.label, Number(row.n)]));
}
