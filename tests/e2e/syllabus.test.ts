// The whole chain in a real browser: Postgres → Prisma → server components → Chromium.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('demo data in the browser', () => {
  it('started on DATABASE_URL without an embedded PostgreSQL', () => {
    expect(existsSync(path.join(inject('e2eDataDir'), 'pgdata'))).toBe(false);
  });

  it('lists the Diffusion Track on the home page, and cohorts only to people signed in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    const main = page.getByRole('main');
    await main.getByRole('link', { name: /Diffusion Track/ }).first().waitFor();
    expect(await main.getByRole('link', { name: /sign in/i }).count()).toBeGreaterThan(0);
    // Cohorts are private: a signed-out visitor sees none (the demo admin's view is in demo-mode.test.ts).
    expect(await main.getByText('Demo', { exact: true }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('home-desktop'), fullPage: true });
    await page.close();
  });

  it('shows every week of the syllabus with readings, links and minutes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const response = await page.goto(`${baseUrl}/syllabus/diffusion-track`);
    expect(response?.status()).toBe(200);
    for (let week = 1; week <= 6; week++) {
      await page.getByRole('heading', { name: new RegExp(`^Week ${week}\\b`) }).first().waitFor();
    }
    const reading = page.getByRole('link', { name: 'Intelligence Explosion', exact: true });
    expect(await reading.getAttribute('href')).toBe('https://intelligence.org/files/IE-EI.pdf');
    expect(await page.getByText('Circuits, Distilled').count()).toBeGreaterThan(0);
    expect(await page.getByText(/50 min/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('syllabus-desktop'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('syllabus-phone'), fullPage: true });
    await page.close();
  });

  it('answers an unknown syllabus with a 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${baseUrl}/syllabus/no-such-track`);
    expect(response?.status()).toBe(404);
    await page.close();
  });
});
