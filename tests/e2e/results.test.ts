// Training results in a real browser against the production build: a fellow with seeded runs
// (fellow3, whom no other test uses) opens a finished run and sees its charts and sample
// image, zooms, compares two runs; the leaderboard orders by the primary metric in its
// direction; the demo facilitator sees who has not submitted. Images sent by the Python
// client (offline, then `sync`) reach the run page. Screenshots at 390 and 1280 px.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../setup/test-postgres';
import { launchBrowser } from './browser';
import { baseUrl, signInContextAs, sql, trpcMutation } from './support';
import { hasPython, runPython } from '../support/python';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = process.env.RESULTS_SHOTS_DIR ?? path.join(root, 'test-results/screenshots/results');

let browser: Browser;
const contexts: BrowserContext[] = [];
let fellowCookie: string;
let runs: { id: string; name: string }[];

/** A session of a demo person other tests leave alone, made as the sign-in would make one. */
async function sessionCookieFor(email: string): Promise<string> {
  const token = randomBytes(32).toString('hex');
  await sql(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires, "createdAt")
     SELECT $1, $2, id, now() + interval '1 day', now() FROM "User" WHERE email = $3`,
    [`e2e-results-${token.slice(0, 12)}`, token, email],
  );
  return `next-auth.session-token=${token}`;
}

async function contextWith(cookie: string | 'facilitator', width: number): Promise<BrowserContext> {
  const phone = width < 500;
  const context = await browser.newContext({ viewport: { width, height: phone ? 844 : 900 }, deviceScaleFactor: phone ? 2 : 1, isMobile: phone, hasTouch: phone });
  if (cookie === 'facilitator') await signInContextAs(context, 'facilitator');
  else {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  }
  contexts.push(context);
  return context;
}

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  browser = await launchBrowser();
  fellowCookie = await sessionCookieFor('fellow3@example.com');
  runs = await sql<{ id: string; name: string }>(
    `SELECT r.id, r.name FROM "Run" r JOIN "User" u ON u.id = r."userId" WHERE u.email = 'fellow3@example.com' AND r."clientRunId" LIKE 'demo-%' ORDER BY r.name`,
  );
  expect(runs.map((run) => run.name)).toEqual(['beta=1', 'beta=4']);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await sql(`DELETE FROM "Session" WHERE id LIKE 'e2e-results-%'`);
});

describe('a fellow and their runs', () => {
  it('lists their runs and opens a finished one: charts, numbers and the sample image', async () => {
    for (const width of [1280, 390]) {
      const page = await (await contextWith(fellowCookie, width)).newPage();
      await page.goto(`${baseUrl}/cohorts/demo/runs`);
      await page.getByRole('heading', { name: 'My runs' }).waitFor();
      await shot(page, `runs-${width}`);
      await page.getByRole('link', { name: 'beta=1' }).click();
      await page.getByRole('heading', { name: 'beta=1' }).waitFor();
      // One chart per metric, each a canvas inside its figure, primary metric first.
      const figures = page.locator('figure[data-metric]');
      await page.locator('figure[data-metric="elbo"] canvas').first().waitFor();
      expect(await figures.evaluateAll((list) => list.map((figure) => figure.getAttribute('data-metric')))).toEqual(['elbo', 'kl', 'recon']);
      await expect.poll(() => page.locator('figure[data-metric] canvas').count()).toBeGreaterThanOrEqual(3);
      await expect.poll(() => page.locator('figure[data-metric="elbo"] figcaption').textContent()).toMatch(/300 points/);
      // The sample grid, loaded from the session-checked image route.
      const image = page.getByRole('img', { name: /^samples at step 2,990$/ });
      await image.waitFor();
      await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(192);
      await page.getByRole('button', { name: '1,000', exact: true }).click();
      await page.getByRole('img', { name: /^samples at step 1,000$/ }).waitFor();
      await page.getByRole('button', { name: '2,990', exact: true }).click();
      await shot(page, `run-${width}`);
      await page.close();
    }
  });

  it('zooms a chart: dragging across it reads the chosen steps again at full detail', async () => {
    const page = await (await contextWith(fellowCookie, 1280)).newPage();
    await page.goto(`${baseUrl}/cohorts/demo/runs/${runs[0]!.id}`);
    const overlay = page.locator('figure[data-metric="elbo"] .u-over');
    await overlay.waitFor();
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const note = page.locator('figure[data-metric="elbo"]').getByText(/^Steps [\d,]+–[\d,]+, every point$/);
    await note.waitFor();
    await page.getByRole('button', { name: 'Show all steps' }).first().click();
    await note.waitFor({ state: 'detached' });
    await page.close();
  });

  it('compares two runs: one key overlaid, params side by side with the differences marked', async () => {
    for (const width of [1280, 390]) {
      const page = await (await contextWith(fellowCookie, width)).newPage();
      await page.goto(`${baseUrl}/cohorts/demo/compare?runs=${runs.map((run) => run.id).join(',')}`);
      await page.getByRole('heading', { name: 'Compare runs' }).waitFor();
      await page.locator('figure canvas').first().waitFor();
      const legend = page.getByRole('list', { name: 'Legend' });
      await expect.poll(() => legend.textContent()).toMatch(/beta=1.*beta=4/);
      const beta = page.getByRole('row', { name: /^beta/ });
      await expect.poll(() => beta.textContent()).toMatch(/differs.*1.*4/);
      await expect.poll(() => page.getByRole('row', { name: /^epochs/ }).textContent()).not.toMatch(/differs/);
      await shot(page, `compare-${width}`);
      await page.close();
    }
  });

  it('ranks the leaderboard by the primary metric, higher first for the ELBO', async () => {
    for (const width of [1280, 390]) {
      const page = await (await contextWith(fellowCookie, width)).newPage();
      await page.goto(`${baseUrl}/cohorts/demo/exercises`);
      await page.getByRole('heading', { name: 'Exercises', exact: true }).waitFor();
      await shot(page, `exercises-${width}`);
      await page.goto(`${baseUrl}/cohorts/demo/exercises/vae`);
      const board = page.getByTestId('leaderboard');
      await board.waitFor();
      const values = await board.locator('td[data-value]').evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
      expect(values.length).toBeGreaterThanOrEqual(5);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      await expect.poll(() => board.getByRole('row', { name: /Sofia Alvarez/ }).textContent()).toMatch(/\(you\)/);
      await shot(page, `leaderboard-${width}`);
      await page.close();
    }
  });
});

describe('a running run', () => {
  it('refreshes its charts while it runs, shows new keys, and stops once it has finished', { timeout: 90_000 }, async () => {
    const created = (await trpcMutation('apiTokens.create', { cohort: 'demo', name: 'e2e live', expiresInDays: 1 }, fellowCookie)) as { token: string };
    const api = (method: string, route: string, body: unknown) =>
      fetch(`${baseUrl}/api/v1${route}`, { method, headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const points = (key: string, from: number, count: number) => Array.from({ length: count }, (_, i) => ({ key, step: from + i, value: from + i === 7 ? 'NaN' : -50 + from + i }));
    const run = (await (await api('POST', '/runs', { exercise: 'vae', client_run_id: `e2e-live-${Date.now()}`, name: 'e2e live' })).json()) as { run_id: string };
    try {
      expect((await api('POST', `/runs/${run.run_id}/metrics`, { seq: 1, points: points('loss', 0, 5) })).status).toBe(200);
      const page = await (await contextWith(fellowCookie, 1280)).newPage();
      await page.goto(`${baseUrl}/cohorts/demo/runs/${run.run_id}`);
      await page.getByText(/Live: charts refresh/).waitFor();
      const caption = page.locator('figure[data-metric="loss"] figcaption');
      await expect.poll(() => caption.textContent()).toMatch(/· 5 points/);
      expect((await api('POST', `/runs/${run.run_id}/metrics`, { seq: 2, points: points('loss', 5, 5) })).status).toBe(200);
      await expect.poll(() => caption.textContent(), { timeout: 15_000 }).toMatch(/· 10 points/);
      // The NaN at step 7 is a gap, and said so.
      await page.locator('figure[data-metric="loss"]').getByText('1 NaN value, shown as gaps').waitFor();
      expect((await api('POST', `/runs/${run.run_id}/metrics`, { seq: 3, points: points('kl', 0, 3) })).status).toBe(200);
      await page.locator('figure[data-metric="kl"] canvas').first().waitFor({ timeout: 15_000 });
      expect((await api('PATCH', `/runs/${run.run_id}`, { status: 'finished' })).status).toBe(200);
      await page.getByText(/^✓\s*Finished$/).waitFor({ timeout: 15_000 });
      await page.getByText(/Live: charts refresh/).waitFor({ state: 'detached' });
      await page.close();
    } finally {
      await sql(`DELETE FROM "Run" WHERE id = $1`, [run.run_id]);
      await sql(`UPDATE "ApiToken" SET "revokedAt" = now() WHERE name = 'e2e live'`);
    }
  });
});

describe('a fellow without runs', () => {
  it('sees what to add to their notebook, and where to get a token', async () => {
    const cookie = await sessionCookieFor('fellow6@example.com');
    for (const width of [390, 1280]) {
      const page = await (await contextWith(cookie, width)).newPage();
      await page.goto(`${baseUrl}/cohorts/demo/runs`);
      await page.getByText('No runs yet: add these two lines to your notebook').waitFor();
      await page.getByText('import fellowship_client as fc').waitFor();
      expect(await page.getByRole('link', { name: 'your account page' }).getAttribute('href')).toBe('/account');
      await shot(page, `runs-empty-${width}`);
      await page.close();
    }
  });
});

describe('a facilitator', () => {
  it('sees who in their group has not submitted, first', async () => {
    for (const width of [1280, 390]) {
      const page = await (await contextWith('facilitator', width)).newPage();
      await page.goto(`${baseUrl}/cohorts/demo/exercises/vae`);
      const table = page.getByTestId('submissions-Group A');
      await table.waitFor();
      const rows = await table.locator('tbody tr').evaluateAll((list) => list.map((row) => row.textContent ?? ''));
      // Daniel Kim (fellow6) has no runs; the fellows with seeded runs have some.
      expect(rows.find((row) => row.includes('Daniel Kim'))).toMatch(/No runs yet/);
      expect(rows.find((row) => row.includes('Sofia Alvarez'))).not.toMatch(/No runs yet/);
      const firstWithRuns = rows.findIndex((row) => !row.includes('No runs yet'));
      expect(rows.slice(firstWithRuns).some((row) => row.includes('No runs yet'))).toBe(false);
      await shot(page, `submissions-${width}`);
      await page.close();
    }
  });
});

describe('an admin', () => {
  it('finds the leaderboard setting in the cohort settings (looked at, not saved)', async () => {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      contexts.push(context);
      await signInContextAs(context, 'admin');
      const page = await context.newPage();
      await page.goto(`${baseUrl}/cohorts/demo/settings`);
      const box = page.getByRole('checkbox', { name: 'Hide fellows’ names on leaderboards' });
      await box.waitFor();
      expect(await box.isChecked()).toBe(false);
      await box.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `settings-${width}.png`) });
      await page.close();
    }
  });
});

describe.skipIf(!hasPython)('images from the Python client', () => {
  it('an offline run with a sample image, synced, shows the image on its run page', async () => {
    const created = (await trpcMutation('apiTokens.create', { cohort: 'demo', name: 'e2e images', expiresInDays: 1 }, fellowCookie)) as { token: string };
    const spoolDir = makeTempDir('fellowship-images-');
    const script = path.join(spoolDir, 'job.py');
    writeFileSync(
      script,
      [
        'import sys, zlib, struct',
        `sys.path.insert(0, ${JSON.stringify(path.join(root, 'clients/python'))})`,
        'import fellowship_client as fc',
        'def png(w, h):',
        '    raw = b"".join(b"\\x00" + bytes((x * 255 // w) for x in range(w)) for _ in range(h))',
        '    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)',
        '    return b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")',
        `run = fc.init(exercise="vae", name="e2e images", mode="offline", spool_dir=${JSON.stringify(spoolDir)}, install_handlers=False)`,
        'run.log({"elbo": -40.0}, step=0)',
        'run.log_image("samples", png(40, 30), step=0)',
        'run.log_image("samples", png(48, 32), step=0)',
        'run.finish()',
        'print(run.client_run_id)',
        // Online too: sent by the client's sender thread, after the points.
        'online = fc.init(exercise="vae", name="e2e images online", install_handlers=False)',
        'online.log({"elbo": -41.0}, step=3)',
        'online.log_image("samples", png(20, 10), step=3)',
        'online.finish()',
        'print(online.run_id)',
      ].join('\n'),
    );
    const env = { ...process.env, FELLOWSHIP_URL: baseUrl, FELLOWSHIP_TOKEN: created.token };
    const job = runPython([script], { env: { ...env, FELLOWSHIP_SPOOL_DIR: makeTempDir('fellowship-online-') } });
    expect(job.status, job.stderr).toBe(0);
    const [clientRunId, onlineRunId] = job.stdout.trim().split('\n') as [string, string];
    try {
      const online = await sql<{ name: string; step: number; width: number }>(`SELECT name, step, width FROM "RunArtifact" WHERE "runId" = $1`, [onlineRunId]);
      expect(online).toEqual([{ name: 'samples', step: 3, width: 20 }]);
    } finally {
      await sql(`DELETE FROM "Run" WHERE id = $1`, [onlineRunId]);
    }
    for (let i = 0; i < 2; i++) {
      const synced = runPython(['-m', 'fellowship_client', 'sync', spoolDir], { cwd: path.join(root, 'clients/python'), env });
      expect(synced.status, synced.stderr).toBe(0);
      expect(synced.stdout).toMatch(/2 images in sync/);
    }
    const [run] = await sql<{ id: string }>(`SELECT id FROM "Run" WHERE "clientRunId" = $1`, [clientRunId]);
    try {
      // Two uploads of one (name, step), synced twice: one image, the later one.
      const images = await sql<{ width: number; height: number }>(`SELECT width, height FROM "RunArtifact" WHERE "runId" = $1`, [run!.id]);
      expect(images).toEqual([{ width: 48, height: 32 }]);
      const page = await (await contextWith(fellowCookie, 1280)).newPage();
      await page.goto(`${baseUrl}/cohorts/demo/runs/${run!.id}`);
      const image = page.getByRole('img', { name: 'samples at step 0' });
      await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(48);
      // The image route answers only people who may open the run.
      const src = await image.getAttribute('src');
      const anonymous = await fetch(`${baseUrl}${src}`);
      expect(anonymous.status).toBe(404);
      const own = await fetch(`${baseUrl}${src}`, { headers: { cookie: fellowCookie } });
      expect(own.headers.get('content-type')).toBe('image/png');
      expect(own.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(own.headers.get('x-content-type-options')).toBe('nosniff');
      await page.close();
    } finally {
      await sql(`DELETE FROM "Run" WHERE id = $1`, [run!.id]);
      await sql(`UPDATE "ApiToken" SET "revokedAt" = now() WHERE name = 'e2e images'`);
    }
  });
});
