// E2E tier: the real `npm start` path (src/cli/start.ts) with DATABASE_URL pointing at a fresh
// database on the test server. It migrates, seeds the demo data, builds when the sources
// changed, and serves the production build with `next start`. Sign-in emails go to a real
// SMTP server on localhost (tests/setup/mail-catcher.ts) that writes each message into a folder.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { findFreePort } from '@/server/db/embedded';
import { startMailCatcher } from './mail-catcher';
import { adminQuery, makeTempDir, startTestServer, uniqueDatabaseName, withDatabase } from './test-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDataDir: string;
    /** The app's database, for tests that arrange rows the UI cannot (expired links, invitations). */
    databaseUrl: string;
    /** Folder of JSON files, one per email the app sent (see mail-catcher.ts). */
    mailDir: string;
    /** The sign-in settings the app runs with, for a second `next start` of the same build. */
    appAuthEnv: Record<string, string>;
    /** Everything the app printed (its JSON logs), for the check that no secret is logged. */
    appLogFile: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const database = uniqueDatabaseName('fellowship_e2e');
  await adminQuery(server.adminUrl, `CREATE DATABASE "${database}"`);
  const port = await findFreePort();
  const dataDir = makeTempDir('fellowship-e2e-');
  const mailDir = makeTempDir('fellowship-e2e-mail-');
  const mail = await startMailCatcher(mailDir);
  const databaseUrl = withDatabase(server.adminUrl, database);
  const baseUrl = `http://127.0.0.1:${port}`;
  const appAuthEnv = {
    SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    EMAIL_FROM: 'Fellowship <no-reply@fellowship.test>',
    FELLOWSHIP_DEMO: '1',
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXTAUTH_URL: baseUrl,
    // Every test shares one IP address; the per-address limit stays low so the flood test is quick.
    FELLOWSHIP_SIGNIN_EMAILS_PER_IP_PER_HOUR: '1000',
    FELLOWSHIP_SIGNIN_EMAILS_PER_HOUR: '3',
    // Every e2e file makes API tokens for the same demo people and none revokes them.
    FELLOWSHIP_API_TOKENS_PER_USER: '200',
    // The curriculum editor's "Check links" test serves its links from 127.0.0.1 (refused by default).
    FELLOWSHIP_LINK_CHECK_ALLOW: '127.0.0.1',
  };
  const app = spawn(process.execPath, ['--import', path.join(root, 'bin/register-tsx.mjs'), 'src/cli/start.ts'], {
    cwd: root,
    env: { ...process.env, ...appAuthEnv, DATABASE_URL: databaseUrl, PORT: String(port), FELLOWSHIP_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const appLogFile = path.join(dataDir, 'app.log');
  const log = createWriteStream(appLogFile);
  const remember = (chunk: Buffer) => {
    output += chunk;
    log.write(chunk);
    if (process.env.FELLOWSHIP_E2E_VERBOSE) process.stdout.write(chunk);
  };
  app.stdout.on('data', remember);
  app.stderr.on('data', remember);

  const stop = async () => {
    if (app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    await mail.stop();
    rmSync(mailDir, { recursive: true, force: true });
    if (process.env.TEST_DATABASE_URL) {
      await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
    await server.stop();
  };
  try {
    const deadline = Date.now() + 9 * 60_000;
    for (;;) {
      if (app.exitCode !== null) throw new Error(`The app exited before it served (code ${app.exitCode}):\n${output.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`The app did not serve within 9 minutes:\n${output.slice(-4000)}`);
      const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    // Vitest skips the teardown when setup throws: stop what was started here.
    await stop();
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('e2eDataDir', dataDir);
  project.provide('databaseUrl', databaseUrl);
  project.provide('mailDir', mailDir);
  project.provide('appAuthEnv', appAuthEnv);
  project.provide('appLogFile', appLogFile);

  return stop;
}
