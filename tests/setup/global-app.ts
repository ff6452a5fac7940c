// E2E tier: the real `npm start` path (src/cli/start.ts) with DATABASE_URL pointing at a fresh
// database on the test server. It migrates, seeds the demo data, builds when the sources
// changed, and serves the production build with `next start`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { findFreePort } from '@/server/db/embedded';
import { adminQuery, makeTempDir, startTestServer, uniqueDatabaseName, withDatabase } from './test-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDataDir: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const database = uniqueDatabaseName('fellowship_e2e');
  await adminQuery(server.adminUrl, `CREATE DATABASE "${database}"`);
  const port = await findFreePort();
  const dataDir = makeTempDir('fellowship-e2e-');
  const app = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/start.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: withDatabase(server.adminUrl, database), PORT: String(port), FELLOWSHIP_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const remember = (chunk: Buffer) => {
    output += chunk;
    if (process.env.FELLOWSHIP_E2E_VERBOSE) process.stdout.write(chunk);
  };
  app.stdout.on('data', remember);
  app.stderr.on('data', remember);

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 9 * 60_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`The app exited before it served (code ${app.exitCode}):\n${output.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`The app did not serve within 9 minutes:\n${output.slice(-4000)}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('e2eDataDir', dataDir);

  return async () => {
    if (app.exitCode === null) {
      const exited = new Promise((resolve) => app.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    if (process.env.TEST_DATABASE_URL) {
      await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
    await server.stop();
  };
}
