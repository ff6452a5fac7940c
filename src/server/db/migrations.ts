// Offline Prisma migrations through the WebAssembly schema engine.
//
// The Prisma CLI downloads a native schema engine, which fails without network. The same
// engine ships as WebAssembly in @prisma/schema-engine-wasm; driven through the pg driver
// adapter it applies and diffs the standard `prisma/migrations/<ts>_<name>/migration.sql`
// folders and keeps `_prisma_migrations` compatible with `prisma migrate deploy`.
// See docs/decisions/0001-offline-prisma-migrations.md for the two adapter gaps patched here.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { migrateJobQueue } from '@/server/jobs/queue-schema';
import { withStartupLock } from './startup-lock';

type EngineModule = typeof import('@prisma/schema-engine-wasm');
type SchemaEngine = Awaited<ReturnType<EngineModule['SchemaEngine']['new']>>;
type MigrationList = Parameters<SchemaEngine['applyMigrations']>[0]['migrationsList'];

// Resolved from this file, so the CLI works from any working directory; the bundled CLI of
// the Docker image is told where the folder is.
export const PRISMA_DIR = process.env.FELLOWSHIP_PRISMA_DIR ?? fileURLToPath(new URL('../../../prisma', import.meta.url));
const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
const LOCKFILE = 'migration_lock.toml';
const FILTERS = { externalTables: [], externalEnums: [] };

let engineModule: Promise<EngineModule> | undefined;

/** Loads the wasm engine once; Node 20 cannot import .wasm modules without a flag. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
    // Without this registry a panic inside the engine surfaces only as "reading 'set_message'".
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        throw new Error(`Prisma schema engine panicked: ${message}`);
      },
    };
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bg = (await import(bgPath)) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = readFileSync(bgPath.replace(/\.js$/, '.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg as never });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return engineModule;
}

// --- driver adapter gaps ----------------------------------------------------------------

const CHAR_OID = 18; // Postgres' internal "char" type, used by catalog columns.
const TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6;
const CHAR_MARKER = '\u0000char';

type Queryable = {
  performIO(query: unknown): Promise<{ fields: { name: string; dataTypeID: number }[] }>;
  queryRaw(query: unknown): Promise<{ columnNames: string[]; columnTypes: number[] }>;
  startTransaction?(isolation?: unknown): Promise<Queryable>;
};

/**
 * The adapter rejects "char" columns that the schema describer reads from pg_catalog.
 * Read them as text, and report them to the engine as Character. The field name carries a
 * marker from performIO to queryRaw so concurrent queries cannot mix their results up.
 */
function acceptCharColumns<T>(adapter: T): T {
  const q = adapter as unknown as Queryable;
  const performIO = q.performIO.bind(q);
  const queryRaw = q.queryRaw.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        field.name += CHAR_MARKER;
      }
    }
    return result;
  };
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames.forEach((name, i) => {
      if (name.endsWith(CHAR_MARKER)) {
        result.columnNames[i] = name.slice(0, -CHAR_MARKER.length);
        result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
      }
    });
    return result;
  };
  if (q.startTransaction) {
    const startTransaction = q.startTransaction.bind(q);
    q.startTransaction = async (isolation) => acceptCharColumns(await startTransaction(isolation));
  }
  return adapter;
}

/**
 * An adapter factory whose shadow databases are real, separate databases.
 * The stock factory spreads `database` into a config whose connectionString wins, so its
 * "shadow" would be the real database. Shadows are dropped by `closeConnections()`.
 */
function createAdapterFactory(connectionString: string) {
  const shadows: string[] = [];
  // Every connection the engine opens, closed after its work. The engine never disposes them
  // (engine.free() does not), and one of them holds the engine's session advisory lock
  // (pg_advisory_lock(72707369)) taken for applyMigrations: left open, the lock outlived the
  // migration and made the next server that found a pending migration time out after 10 s.
  const opened: { dispose(): Promise<void> }[] = [];
  const base = new PrismaPg({ connectionString });
  const factory = {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const adapter = await base.connect();
      opened.push(adapter);
      return acceptCharColumns(adapter);
    },
    async connectToShadowDb() {
      const name = `fellowship_shadow_${randomUUID().replaceAll('-', '')}`;
      await runAdmin(connectionString, `CREATE DATABASE "${name}"`);
      shadows.push(name);
      const url = new URL(connectionString);
      url.pathname = `/${name}`;
      const adapter = await new PrismaPg({ connectionString: url.toString() }).connect();
      opened.push(adapter);
      return acceptCharColumns(adapter);
    },
  };
  return {
    adapter: bindMigrationAwareSqlAdapterFactory(factory as never),
    /** Closes the engine's connections (shadows first: they are dropped next), then drops the shadow databases. */
    async closeConnections() {
      for (const adapter of opened.splice(0).reverse()) await adapter.dispose().catch(() => {});
      for (const name of shadows.splice(0)) {
        await runAdmin(connectionString, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    },
  };
}

async function runAdmin(connectionString: string, sql: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function withEngine<T>(connectionString: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const { adapter, closeConnections } = createAdapterFactory(connectionString);
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, readFileSync(SCHEMA_PATH, 'utf8')]] },
    (log: string) => logs.push(log),
    adapter,
  );
  try {
    return await work(engine);
  } catch (error) {
    throw new MigrationError(describeEngineError(error), { cause: error });
  } finally {
    engine.free();
    await closeConnections();
  }
}

export class MigrationError extends Error {}

function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}

// --- migrations on disk ------------------------------------------------------------------

export function readMigrationList(): MigrationList {
  const directories = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, LOCKFILE);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((dir) => {
      const file = path.join(MIGRATIONS_DIR, dir, 'migration.sql');
      return {
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

/**
 * Applies pending migrations, then the job queue's own (graphile-worker's schema); returns the
 * names of the app's migrations applied (none when up to date). Waits while another process
 * prepares the same database (startup-lock.ts). `connectionString`: a direct connection.
 */
export async function applyMigrations(connectionString: string, options: { onWait?: () => void } = {}): Promise<string[]> {
  return withStartupLock(connectionString, () => applyMigrationsHoldingLock(connectionString), options);
}

/** applyMigrations for a caller that already holds the start-up lock (prepareDatabase). */
export async function applyMigrationsHoldingLock(connectionString: string): Promise<string[]> {
  const migrationsList = readMigrationList();
  const applied = await withEngine(connectionString, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: FILTERS });
    return result.appliedMigrationNames;
  });
  await migrateJobQueue(connectionString);
  return applied;
}

/**
 * The SQL that would bring the migrations in line with schema.prisma ('' when in line).
 * `schema` defaults to prisma/schema.prisma; tests pass an edited copy.
 */
export async function diffSchemaAgainstMigrations(connectionString: string, schema?: string): Promise<string> {
  const migrationsList = readMigrationList();
  const content = schema ?? readFileSync(SCHEMA_PATH, 'utf8');
  return withEngine(connectionString, async (engine) => {
    const from =
      migrationsList.migrationDirectories.length === 0
        ? { tag: 'empty' as const }
        : { tag: 'migrations' as const, ...migrationsList };
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content }] },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    const sql = (result.stdout ?? '').trim();
    return /^-- This is an empty migration\.?$/.test(sql) ? '' : sql;
  });
}

/** The drift check's verdict: null when in line, else a message that names the fix. */
export async function checkSchemaDrift(connectionString: string, schema?: string): Promise<string | null> {
  const sql = await diffSchemaAgainstMigrations(connectionString, schema);
  if (!sql) return null;
  const preview = sql.split('\n').filter((line) => line && !line.startsWith('--')).slice(0, 8).join('\n  ');
  return (
    'prisma/schema.prisma has changes that no migration holds. Run `npm run db:migration:create -- <name>` ' +
    `and commit the new prisma/migrations folder. The missing SQL starts with:\n  ${preview}`
  );
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql; null when nothing changed. */
export async function createMigration(connectionString: string, name: string): Promise<string | null> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  if (!slug) throw new MigrationError('Give the migration a name of letters or digits, e.g. add_attendance.');
  const sql = await diffSchemaAgainstMigrations(connectionString);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${slug}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`);
  const lockPath = path.join(MIGRATIONS_DIR, LOCKFILE);
  if (!existsSync(lockPath)) {
    writeFileSync(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  return path.relative(process.cwd(), dir);
}
