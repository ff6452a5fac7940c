// Demo mode: one click signs in as each demo role, each landing where that role starts. With
// FELLOWSHIP_DEMO=0 (a second `next start` of the same build) the buttons are gone and the
// endpoint refuses.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, startSecondApp } from './support';

let browser: Browser;
let stopDemoOffApp: (() => Promise<void>) | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stopDemoOffApp?.();
});

const DEMO_BUTTONS = {
  admin: /demo admin/i,
  facilitator: /demo facilitator/i,
  fellow: /demo fellow/i,
} as const;

async function navLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  return (await nav.getByRole('link').allInnerTexts()).map((text) => text.trim());
}

async function enterAs(role: keyof typeof DEMO_BUTTONS): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/signin`);
  await page.getByRole('button', { name: DEMO_BUTTONS[role] }).click();
  await page.waitForURL((url) => url.pathname !== '/signin' && !url.pathname.startsWith('/api/'));
  return page;
}

describe('demo mode on', () => {
  it('offers the three demo people on the sign-in page', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/signin`);
    for (const name of Object.values(DEMO_BUTTONS)) {
      expect(await page.getByRole('button', { name }).count()).toBe(1);
    }
    await page.close();
  });

  it('signs the fellow in with one click and opens the demo cohort', async () => {
    const page = await enterAs('fellow');
    // The home page sends a member of exactly one cohort on to it. Other e2e files may have
    // added the demo fellow to further cohorts (they share the database); then the home page
    // lists the cohorts and the demo cohort is one click away.
    await page.waitForLoadState('networkidle');
    if (new URL(page.url()).pathname === '/') {
      await page.getByRole('main').locator('a[href="/cohorts/demo"]').first().click();
    }
    await page.waitForURL((url) => url.pathname === '/cohorts/demo', { timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/cohorts/demo');
    const links = await navLinks(page);
    // "This week" shows only for a member of one cohort; other e2e files may add more.
    expect(links).toEqual(expect.arrayContaining(['Account']));
    expect(links).not.toContain('People');
    expect(await page.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('demo-fellow'), fullPage: true });
    await page.context().close();
  });

  it('signs the facilitator in with one click and opens the demo cohort', async () => {
    const page = await enterAs('facilitator');
    // The home page sends a member of one cohort on to it (possibly after the first paint).
    await page.waitForURL((url) => url.pathname === '/cohorts/demo', { timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/cohorts/demo');
    const links = await navLinks(page);
    // Product brief: a facilitator's navigation is My groups (grid, attendance) · Syllabus · Exercises · Account.
    expect(links).toEqual(expect.arrayContaining(['My groups', 'Attendance', 'Syllabus', 'Exercises', 'Account']));
    expect(links).not.toContain('People');
    await page.screenshot({ path: screenshotPath('demo-facilitator'), fullPage: true });
    await page.context().close();
  });

  it('signs the admin in with one click and shows the overview with the admin pages', async () => {
    const page = await enterAs('admin');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: 'Cohorts', exact: true }).waitFor();
    expect(await page.getByRole('main').getByRole('link', { name: /Demo/ }).count()).toBeGreaterThan(0);
    const links = await navLinks(page);
    expect(links).toEqual(expect.arrayContaining(['Cohorts', 'Curricula', 'People', 'Account']));
    await page.screenshot({ path: screenshotPath('demo-admin'), fullPage: true });
    await page.context().close();
  });

  it('refuses a demo sign-in posted from another site', async () => {
    const response = await fetch(`${baseUrl}/api/auth/demo`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://evil.example' },
      body: new URLSearchParams({ role: 'admin' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe('demo mode off', () => {
  let site: string;

  beforeAll(async () => {
    const app = await startSecondApp(() => ({ FELLOWSHIP_DEMO: '0' }));
    site = app.site;
    stopDemoOffApp = app.stop;
  });

  it('shows no demo buttons on the sign-in page, only the email form', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${site}/signin`);
    expect(response?.status()).toBe(200);
    await page.getByLabel('Email address').waitFor();
    expect(await page.getByRole('button', { name: /demo/i }).count()).toBe(0);
    expect(await page.getByText(/demo mode/i).count()).toBe(0);
    await page.close();
  });

  it('answers a demo sign-in with 403 JSON and no cookie', async () => {
    const response = await fetch(`${site}/api/auth/demo`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ role: 'admin' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringMatching(/demo mode is off/i) } });
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
