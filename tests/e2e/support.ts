// Shared helpers for the e2e tier: the emails the app sent (tests/setup/mail-catcher.ts), the
// app's database for arranging rows the UI cannot, and sign-in over plain HTTP.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';
import type { BrowserContext } from 'playwright-core';
import { inject } from 'vitest';
import { findFreePort } from '@/server/db/embedded';
import type { CaughtMail } from '../setup/mail-catcher';

export const baseUrl = inject('baseUrl');

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@example.org`;
}

export function listMail(): CaughtMail[] {
  const dir = inject('mailDir');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as CaughtMail);
}

export function mailTo(address: string): CaughtMail[] {
  return listMail().filter((mail) => mail.to.includes(address.toLowerCase()));
}

/** The sign-in emails to `address` (the app also sends invitations, digests and reminders). */
export function signInMailTo(address: string): CaughtMail[] {
  return mailTo(address).filter((mail) => mail.subject === 'Your sign-in link for Fellowship');
}

/** Waits for the `count`-th sign-in email to `address` (1 = the first) and returns it. */
export async function waitForMail(address: string, count = 1, timeoutMs = 15_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = signInMailTo(address);
    if (found.length >= count) return found[count - 1]!;
    if (Date.now() > deadline) throw new Error(`No email number ${count} to ${address} within ${timeoutMs} ms (got ${found.length})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for an email to `address` whose subject is `subject` (or matches it) and returns it. */
export async function waitForMailTo(address: string, subject: RegExp | string, timeoutMs = 30_000): Promise<CaughtMail> {
  const matches = (value: string | null) => (typeof subject === 'string' ? value === subject : subject.test(value ?? ''));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailTo(address).find((mail) => matches(mail.subject));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No email "${subject}" to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The magic link of an email, checked to point at this app's callback. */
export function magicLink(mail: CaughtMail): string {
  if (!mail.url) throw new Error(`No link in the email to ${mail.to.join(', ')}:\n${mail.text}`);
  const url = new URL(mail.url);
  if (url.origin !== baseUrl || url.pathname !== '/api/auth/callback/email') {
    throw new Error(`Unexpected sign-in link ${mail.url}`);
  }
  return mail.url;
}

/** One SQL statement against the app's database. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
}

/**
 * POST /api/auth/signin/email as the sign-in form does: a CSRF token from /api/auth/csrf with
 * its cookie, then the form-encoded request with json=true.
 */
export async function requestMagicLink(email: string, options: { callbackUrl?: string; site?: string } = {}) {
  const site = options.site ?? baseUrl;
  const csrfResponse = await fetch(`${site}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  return fetch(`${site}/api/auth/signin/email`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrfResponse).join('; ') },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: options.callbackUrl ?? '/', json: 'true' }),
  });
}

/** Demo sign-in over HTTP; returns the session cookie ("name=value"). */
export async function demoSessionCookie(role: 'admin' | 'facilitator' | 'fellow'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/demo`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ role }),
  });
  if (response.status !== 303) throw new Error(`Demo sign-in as ${role} answered ${response.status}: ${await response.text()}`);
  const cookie = cookiesOf(response).find((value) => value.includes('session-token='));
  if (!cookie) throw new Error('Demo sign-in set no session cookie');
  return cookie;
}

/** Calls a tRPC mutation over HTTP the way the app's client does (superjson, JSON body). */
export async function trpcMutation(procedure: string, input: unknown, cookie: string) {
  const response = await fetch(`${baseUrl}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data?: { json?: unknown } }; error?: unknown };
  if (!response.ok) throw new Error(`${procedure} answered ${response.status}: ${JSON.stringify(body)}`);
  return body.result?.data?.json;
}

/**
 * A fresh API token of a demo person in the demo cohort, made the way the account page makes
 * one (tRPC over HTTP with their session): for tests of /api/v1 and of the Python client.
 */
export async function demoApiToken(role: 'facilitator' | 'fellow' = 'fellow', name = 'e2e'): Promise<string> {
  const created = (await trpcMutation('apiTokens.create', { cohort: 'demo', name, expiresInDays: null }, await demoSessionCookie(role))) as {
    token: string;
  };
  return created.token;
}

/** Puts a demo person's session cookie into a browser context. */
export async function signInContextAs(context: BrowserContext, role: 'admin' | 'facilitator' | 'fellow') {
  const [name, value] = (await demoSessionCookie(role)).split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}

/**
 * A second `next start` of the e2e build on the same database, with other settings (demo mode
 * off, an https site…). `stop()` ends it; call it in afterAll.
 */
export async function startSecondApp(env: (site: string) => Record<string, string>): Promise<{ site: string; stop: () => Promise<void> }> {
  const port = await findFreePort();
  const site = `http://127.0.0.1:${port}`;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const app = spawn(process.execPath, [`${root}/node_modules/next/dist/bin/next`, 'start', '--port', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      ...inject('appAuthEnv'),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: inject('databaseUrl'),
      NEXTAUTH_URL: site,
      FELLOWSHIP_LOCAL_MODE: '0',
      ...env(site),
    },
    stdio: 'ignore',
  });
  const stop = async () => {
    if (app.exitCode !== null || app.signalCode !== null) return;
    const exited = new Promise((resolve) => app.once('exit', resolve));
    app.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; attempt < 300; attempt++) {
    if (await fetch(`${site}/api/health`).then((r) => r.ok, () => false)) return { site, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`A second app on ${site} did not serve within 30 s`);
}
