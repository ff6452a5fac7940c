// The audit log page in a real browser: an admin changes a role on the members page, finds
// the change at /admin/audit, filters by kind of change and downloads the CSV; a fellow gets
// the 404 page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, demoSessionCookie, signInContextAs, trpcMutation, uniqueEmail } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the audit log page', () => {
  it('shows an admin what changed, filters it, and downloads it as CSV', async () => {
    const admin = await demoSessionCookie('admin');
    const email = uniqueEmail('audited');
    await trpcMutation('members.invite', { cohort: 'demo', emails: email, role: 'FELLOW' }, admin);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContextAs(context, 'admin');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByRole('row', { name: new RegExp(`Invited ${email}`) }).waitFor();

    await page.getByLabel('Kind of change').selectOption('invitation.created');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'invitation.created');
    const kinds = await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(new Set(kinds)).toEqual(new Set(['invitation.created']));
    await page.screenshot({ path: screenshotPath('audit-log-1280'), fullPage: true });

    const csv = await context.request.get(`${baseUrl}/admin/audit/export.csv?action=invitation.created`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-disposition']).toContain('attachment');
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe('at,who,cohort,action,what,before,after');
    expect(text).toContain(email);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('audit-log-390'), fullPage: true });
    await context.close();
  });

  it('is not there for a fellow', async () => {
    const context = await browser.newContext();
    await signInContextAs(context, 'fellow');
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/admin/audit`);
    expect(response?.status()).toBe(404);
    const csv = await context.request.get(`${baseUrl}/admin/audit/export.csv`);
    expect(csv.status()).toBe(404);
    await context.close();
  });
});
