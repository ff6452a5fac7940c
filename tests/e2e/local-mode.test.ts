// Local mode (`npm start` on the embedded database) is safe on a shared network: it listens on
// 127.0.0.1, and demo sign-in, sign-in emails and the dev mailbox answer only the site's own
// host names, so neither another machine nor a DNS-rebinding page reaches them. Opened to a
// network on purpose (FELLOWSHIP_HOST=0.0.0.0), demo sign-in and the dev mailbox are off.
// Starts the real start script twice, each time on its own embedded PostgreSQL data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '@/server/db/embedded';
import { makeTempDir } from '../setup/test-postgres';
import { listeningSockets } from '../support/sockets';
import { waitFor } from '../support/wait-for';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = makeTempDir('fellowship-local-');

type Started = { app: ChildProcess; port: number; output: () => string };

/** The machine's first non-loopback IPv4 address: how another machine on the network reaches it. */
function networkAddress(): string | null {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return null;
}

async function startLocal(extraEnv: Record<string, string>): Promise<Started> {
  const port = await findFreePort();
  const pgPort = await findFreePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), FELLOWSHIP_PG_PORT: String(pgPort), FELLOWSHIP_DATA_DIR: dataDir, ...extraEnv };
  // Local mode is what the start script picks with no database and no site settings.
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'NEXTAUTH_URL', 'NEXTAUTH_SECRET', 'FELLOWSHIP_DEMO', 'FELLOWSHIP_LOCAL_MODE', 'FELLOWSHIP_HOST']) {
    if (!(name in extraEnv)) delete env[name];
  }
  const app = spawn(process.execPath, ['--import', path.join(root, 'bin/register-tsx.mjs'), 'src/cli/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  app.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  app.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`The app exited before it served (code ${app.exitCode}):\n${output.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`The app did not serve within 5 minutes:\n${output.slice(-4000)}`);
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { app, port, output: () => output };
}

async function stop(started: Started | undefined) {
  const app = started?.app;
  if (!app || app.exitCode !== null || app.signalCode !== null) return;
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.kill('SIGTERM');
  await exited;
}

/** One request with a Host header of our choosing (fetch will not send a forged one). */
function request(options: { address: string; port: number; host: string; method?: string; path: string; form?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const body = options.form ?? '';
    const req = http.request(
      {
        host: options.address,
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: {
          host: options.host,
          ...(options.form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function canConnect(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const demoForm = 'role=admin';

describe('local mode, as started', () => {
  let local: Started | undefined;
  beforeAll(async () => {
    local = await startLocal({});
  });
  afterAll(() => stop(local));

  it('listens on 127.0.0.1 only', async () => {
    const { port } = local!;
    if (existsProcNet()) expect(listeningSockets(port).map((socket) => socket.address)).toEqual(['127.0.0.1']);
    const lan = networkAddress();
    if (lan) expect(await canConnect(lan, port)).toBe(false);
    expect(await canConnect('127.0.0.1', port)).toBe(true);
  });

  it('signs in the demo admin at localhost', async () => {
    const response = await request({ address: '127.0.0.1', port: local!.port, host: `localhost:${local!.port}`, method: 'POST', path: '/api/auth/demo', form: demoForm });
    expect(response.status).toBe(303);
    expect(String(response.headers['set-cookie'])).toContain('next-auth.session-token=');
  });

  it('refuses demo sign-in, sign-in emails and the dev mailbox at a rebinding host name', async () => {
    const { port } = local!;
    const host = `attacker.example:${port}`;
    const demo = await request({ address: '127.0.0.1', port, host, method: 'POST', path: '/api/auth/demo', form: demoForm });
    expect(demo.status).toBe(421);
    expect(demo.headers['set-cookie']).toBeUndefined();
    const email = await request({ address: '127.0.0.1', port, host, method: 'POST', path: '/api/auth/signin/email', form: 'email=admin%40example.com' });
    expect(email.status).toBe(421);
    const mailbox = await request({ address: '127.0.0.1', port, host, path: '/dev/mailbox' });
    expect(mailbox.status).toBe(404);
    expect(mailbox.body).not.toContain('/api/auth/callback');
    // The same page at the site's own name is there.
    const own = await request({ address: '127.0.0.1', port, host: `localhost:${port}`, path: '/dev/mailbox' });
    expect(own.status).toBe(200);
    expect(own.body).toContain('Dev mailbox');
  });
});

describe('local mode opened to the network (FELLOWSHIP_HOST=0.0.0.0)', () => {
  let open: Started | undefined;
  const lan = networkAddress();
  beforeAll(async () => {
    open = await startLocal({ FELLOWSHIP_HOST: '0.0.0.0' });
  });
  afterAll(async () => {
    await stop(open);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!lan)('refuses demo sign-in and the dev mailbox from another address, whatever Host it claims', async () => {
    const { port } = open!;
    expect(await canConnect(lan!, port)).toBe(true);
    for (const host of [`${lan}:${port}`, `localhost:${port}`]) {
      const demo = await request({ address: lan!, port, host, method: 'POST', path: '/api/auth/demo', form: demoForm });
      expect([403, 421]).toContain(demo.status);
      expect(demo.headers['set-cookie']).toBeUndefined();
      const mailbox = await request({ address: lan!, port, host, path: '/dev/mailbox' });
      expect(mailbox.status).toBe(404);
    }
  });

  it('says so when it starts', async () => {
    await waitFor(async () => open!.output().includes('anyone on this network can open the app'), 'the start-up warning');
  });
});

function existsProcNet(): boolean {
  try {
    readFileSync('/proc/net/tcp', 'utf8');
    return true;
  } catch {
    return false;
  }
}
