// A small production deployment on this machine, for the scale-out tests: PgBouncer in
// transaction mode in front of the test PostgreSQL, app servers started as `npm start` starts
// them (src/cli/start.ts, each migrating under the start-up lock), a job worker, and HAProxy
// balancing the servers with health checks on /api/health. PgBouncer and HAProxy come from
// Debian's packages (.ci/run installs them); `clusterTools` says when they are missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@/server/db/embedded';
import { makeTempDir } from '../setup/test-postgres';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
// As `npm start` runs TypeScript: tsx's loader inside the one process, so signals reach it
// (tsx's own CLI would stand between as a parent process).
const typescript = ['--import', path.join(root, 'bin/register-tsx.mjs')];

function binary(name: string): string | null {
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']) {
    if (spawnSync('test', ['-x', path.join(dir, name)]).status === 0) return path.join(dir, name);
  }
  return null;
}

export const clusterTools = { pgbouncer: binary('pgbouncer'), haproxy: binary('haproxy') };

export type Service = { port: number; process: ChildProcess; output: () => string; stop(signal?: NodeJS.Signals): Promise<number | null> };

function track(child: ChildProcess, port: number): Service {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    port,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs: number, service?: Service): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service && service.process.exitCode !== null) throw new Error(`${what}: the process exited (${service.process.exitCode}):\n${service.output().slice(-3000)}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms${service ? `:\n${service.output().slice(-3000)}` : ''}`);
}

/** PgBouncer in transaction mode for `directUrl`'s database; returns the pooled URL. */
export async function startPgBouncer(directUrl: string): Promise<Service & { url: string }> {
  const direct = new URL(directUrl);
  const dir = makeTempDir('fellowship-pgbouncer-');
  const port = await findFreePort();
  const database = direct.pathname.slice(1);
  const user = decodeURIComponent(direct.username);
  const password = decodeURIComponent(direct.password);
  writeFileSync(path.join(dir, 'userlist.txt'), `"${user}" "${password}"\n`);
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `${database} = host=${direct.hostname} port=${direct.port} dbname=${database} user=${user} password=${password}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = plain',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 1000',
      'default_pool_size = 20',
      'ignore_startup_parameters = extra_float_digits,options',
      '',
    ].join('\n'),
  );
  for (const file of ['userlist.txt', 'pgbouncer.ini']) chmodSync(path.join(dir, file), 0o644);
  // PgBouncer refuses to run as root; -u drops to another user.
  const asRoot = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const service = track(spawn(clusterTools.pgbouncer!, [...asRoot, path.join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] }), port);
  const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const pg = (await import('pg')).default;
  await waitUntil(
    async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return true;
    },
    'PgBouncer answering',
    15_000,
    service,
  );
  return { ...service, url };
}

/** HAProxy on `port`, round-robin over the servers, each checked on /api/health every 250 ms. */
export async function startHaproxy(port: number, serverPorts: number[]): Promise<Service & { url: string }> {
  const dir = makeTempDir('fellowship-haproxy-');
  const config = path.join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 2000',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      // A request whose connection to a server failed (nothing was sent) goes to another server.
      '  retries 3',
      '  option redispatch',
      'frontend web',
      `  bind 127.0.0.1:${port}`,
      '  default_backend app',
      'backend app',
      '  balance roundrobin',
      '  option httpchk GET /api/health',
      '  http-check expect status 200',
      // Down after three failed checks (750 ms: inside the servers' drain), up after two good ones.
      '  timeout check 1s',
      '  default-server inter 250ms fall 3 rise 2',
      ...serverPorts.map((serverPort, index) => `  server app${index + 1} 127.0.0.1:${serverPort} check`),
      '',
    ].join('\n'),
  );
  const service = track(spawn(clusterTools.haproxy!, ['-f', config, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] }), port);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${url}/api/health`)).ok, 'HAProxy serving', 20_000, service);
  return { ...service, url };
}

export type AppEnv = Record<string, string>;

/** One app server as `npm start` runs it (migrating under the start-up lock), without its in-app worker. */
export function launchApp(port: number, env: AppEnv): Service {
  const child = spawn(process.execPath, [...typescript, 'src/cli/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      FELLOWSHIP_WORKER: '0',
      FELLOWSHIP_DATA_DIR: makeTempDir('fellowship-instance-'),
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child, port);
}

export async function waitUntilServing(service: Service, timeoutMs = 180_000): Promise<void> {
  await waitUntil(async () => (await fetch(`http://127.0.0.1:${service.port}/api/health`)).ok, `the app on port ${service.port} serving`, timeoutMs, service);
}

/** `fellowship worker`, apart from the web servers. */
export function launchWorker(env: AppEnv): Service {
  const child = spawn(process.execPath, [...typescript, 'src/cli/main.ts', 'worker'], {
    cwd: root,
    env: { ...process.env, ...env, FELLOWSHIP_DATA_DIR: makeTempDir('fellowship-worker-') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child, 0);
}

/** A `fellowship` CLI command to completion. */
export function runCommand(args: string[], env: AppEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [tsx, '--tsconfig', 'tsconfig.node.json', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service = track(child, 0);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output: service.output() })));
}

// --- talking to one of these servers as its users do ------------------------------------------

/** Demo sign-in at `site`; the session cookie ("name=value"). */
export async function demoCookie(site: string, role: 'admin' | 'facilitator' | 'fellow'): Promise<string> {
  const response = await fetch(`${site}/api/auth/demo`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ role }) });
  const cookie = response.headers.getSetCookie().find((value) => value.includes('session-token='));
  if (response.status !== 303 || !cookie) throw new Error(`Demo sign-in as ${role} at ${site} answered ${response.status}`);
  return cookie.split(';')[0]!;
}

/** A tRPC mutation over HTTP, as the app's client sends it. */
export async function trpcAt(site: string, procedure: string, input: unknown, cookie: string): Promise<unknown> {
  const response = await fetch(`${site}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data?: { json?: unknown } } };
  if (!response.ok) throw new Error(`${procedure} answered ${response.status}: ${JSON.stringify(body)}`);
  return body.result?.data?.json;
}

/** A new API token of a demo person in the demo cohort, made as the account page makes one. */
export async function demoApiTokenAt(site: string, role: 'fellow' | 'facilitator', name: string): Promise<string> {
  const created = (await trpcAt(site, 'apiTokens.create', { cohort: 'demo', name, expiresInDays: null }, await demoCookie(site, role))) as { token: string };
  return created.token;
}

/** What the load of the demo cohort works on: its template's slug, a few readings, and one mark facilitator1 may set. */
export async function demoWorkload(directUrl: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: directUrl });
  await client.connect();
  try {
    const slug = (await client.query<{ slug: string }>(`SELECT slug FROM "Curriculum" WHERE "sourceId" IS NULL ORDER BY "createdAt" LIMIT 1`)).rows[0]!.slug;
    const readings = (
      await client.query<{ id: string }>(
        `SELECT i.id FROM "CurriculumItem" i JOIN "CurriculumSection" s ON s.id = i."sectionId" JOIN "CurriculumWeek" w ON w.id = s."weekId"
          JOIN "Cohort" c ON c."curriculumId" = w."curriculumId" WHERE c.slug = 'demo' ORDER BY w.position, s.position, i.position LIMIT 8`,
      )
    ).rows.map((row) => row.id);
    const marking = (
      await client.query<{ meetingId: string; membershipId: string }>(
        `SELECT mt.id AS "meetingId", m.id AS "membershipId" FROM "Membership" m JOIN "Meeting" mt ON mt."groupId" = m."groupId"
          JOIN "Cohort" c ON c.id = m."cohortId" JOIN "GroupFacilitator" gf ON gf."groupId" = m."groupId"
          JOIN "Membership" f ON f.id = gf."membershipId" JOIN "User" fu ON fu.id = f."userId"
          WHERE c.slug = 'demo' AND m.role = 'FELLOW' AND fu.email = 'facilitator1@example.com' ORDER BY mt."startsAt" LIMIT 1`,
      )
    ).rows[0]!;
    return { slug, readings, meetingId: marking.meetingId, membershipId: marking.membershipId };
  } finally {
    await client.end();
  }
}
