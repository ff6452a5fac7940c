// API tokens on the account page, in a real browser: a fellow makes a token (shown once, with
// the lines to paste), it works against /api/v1, it is listed by its prefix only, and
// revoking it stops it at once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, signInContextAs } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const me = (token: string) => fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

describe('API tokens on the account page', () => {
  it('makes a token, shows it once, lists it and revokes it', async () => {
    const context = await browser.newContext();
    await signInContextAs(context, 'fellow');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/account`);
    const section = page.locator('section[aria-labelledby="api-tokens-heading"]');
    await section.getByLabel('Name').fill('Browser token');
    await section.getByLabel('Expires after').selectOption('30');
    await section.getByRole('button', { name: 'Make token' }).click();

    const field = section.getByLabel('Your new API token');
    await field.waitFor();
    const token = await field.inputValue();
    expect(token).toMatch(/^fsk_[a-z2-7]{32}$/);
    await expect.poll(async () => section.textContent()).toContain(`FELLOWSHIP_TOKEN=${token}`);
    expect(await section.textContent()).toContain('import fellowship_client as fc');
    await page.screenshot({ path: screenshotPath('api-tokens-created'), fullPage: true });

    expect((await me(token)).status).toBe(200);

    // After a reload only the prefix is left.
    await page.reload();
    const row = section.locator('tr', { hasText: 'Browser token' });
    await expect.poll(async () => row.textContent()).toContain(token.slice(0, 12));
    expect(await section.textContent()).not.toContain(token);
    expect(await row.textContent()).toContain('Active');

    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect.poll(async () => row.textContent()).toContain('Revoked');
    expect((await me(token)).status).toBe(401);
    await context.close();
  });

  it('has a readable API reference at /docs/api', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/docs/api`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Fellowship API');
    expect(await page.getByRole('link', { name: 'POST /api/v1/runs/{run_id}/metrics' }).count()).toBe(1);
    await page.getByRole('link', { name: 'POST /api/v1/runs/{run_id}/metrics' }).click();
    expect(await page.locator('#op-logMetrics').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('api-reference'), fullPage: false });
    await page.close();
  });
});
