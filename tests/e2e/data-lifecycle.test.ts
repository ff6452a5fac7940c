// The data lifecycle in a real browser: a fellow downloads their data from the account page
// and gets JSON with their own address; an admin erases a person on People after typing their
// address, and the row then reads "Erased person". Screenshots at 1280 and 390 px.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, signInContextAs, sql, uniqueEmail } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A person made for this test (erasing a demo person would change the other tests' world). */
async function createPerson(name: string) {
  const id = `e2e${randomUUID().replaceAll('-', '')}`;
  const email = uniqueEmail('erasable');
  await sql(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, $2, $3, now())`, [id, email, name]);
  const [cohort] = await sql<{ id: string }>(`SELECT id FROM "Cohort" WHERE slug = 'demo'`);
  await sql(`INSERT INTO "Membership" (id, "cohortId", "userId", role) VALUES ($1, $2, $3, 'FELLOW')`, [`m${id}`, cohort!.id, id]);
  return { id, email };
}

describe('your data and erasure', () => {
  it('lets a fellow download their data from the account page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await signInContextAs(context, 'fellow');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/account`);
    await page.getByRole('heading', { name: 'Your data', level: 2 }).waitFor();
    const shownEmail = (await page.locator('dt:has-text("Email") + dd').textContent())!.trim();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download your data (JSON)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^fellowship-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.format).toBe('fellowship-personal-data');
    expect(data.profile.email).toBe(shownEmail);
    expect(data.memberships.length).toBeGreaterThan(0);
    expect(Array.isArray(data.runs)).toBe(true);

    const points = await context.request.get(`${baseUrl}/account/export/metric-points.csv`);
    expect(points.status()).toBe(200);
    expect((await points.text()).split('\n')[0]).toBe('run_id,run_name,cohort,exercise,metric,step,value,time');

    await page.getByRole('heading', { name: 'Your data', level: 2 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('account-your-data-1280'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('account-your-data-390'), fullPage: true });

    // Signed out, the download is refused.
    const anonymous = await fetch(`${baseUrl}/account/export`);
    expect(anonymous.status).toBe(401);
    await context.close();
  });

  it('lets an admin erase a person after typing their address', async () => {
    const person = await createPerson('Erin Erasable');
    // No smooth scrolling: focusing a button below the fold scrolls at once, so measurements
    // and screenshots see the page at rest.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    await signInContextAs(context, 'admin');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/users`);

    await page.getByRole('button', { name: 'Erase… Erin Erasable' }).click();
    const form = page.getByRole('dialog', { name: 'Erase Erin Erasable for good?' });
    await form.waitFor();
    const confirm = form.getByRole('button', { name: 'Erase for good' });
    expect(await confirm.isDisabled()).toBe(true);
    // A wrong address leaves the button off; the right one (any case) turns it on.
    await form.getByLabel(/type their email address/i).fill('someone-else@example.org');
    expect(await confirm.isDisabled()).toBe(true);
    await form.getByLabel(/type their email address/i).fill(person.email.toUpperCase());
    await page.screenshot({ path: screenshotPath('erase-person-1280') });
    await confirm.click();

    await page.getByRole('status').filter({ hasText: 'The person was erased' }).waitFor();
    const row = page.getByRole('row', { name: /Erased person/ }).filter({ hasText: 'Erased on' });
    await row.first().waitFor();
    expect(await page.getByText(person.email).count()).toBe(0);
    const [stored] = await sql<{ email: string; name: string; erasedAt: Date | null }>(`SELECT email, name, "erasedAt" FROM "User" WHERE id = $1`, [person.id]);
    expect(stored).toMatchObject({ email: `erased-${person.id}@invalid`, name: 'Erased person' });
    expect(stored!.erasedAt).not.toBeNull();
    const [entry] = await sql<{ summary: string }>(`SELECT summary FROM "AuditEvent" WHERE action = 'user.erased' AND "subjectId" = $1`, [person.id]);
    expect(entry!.summary).not.toContain('Erin');

    await form.waitFor({ state: 'hidden' });
    await page.screenshot({ path: screenshotPath('erase-person-done-1280'), fullPage: true });

    // On a phone: the dialog for another person fits the screen, and Escape closes it with
    // focus back on the row's button. (The table scrolls sideways under its sticky first
    // column, so the button is reached as a keyboard user would.)
    const other = await createPerson('Otto Other');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const opener = page.getByRole('button', { name: 'Erase… Otto Other' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const phoneForm = page.getByRole('dialog', { name: 'Erase Otto Other for good?' });
    await phoneForm.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = (await phoneForm.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await page.screenshot({ path: screenshotPath('erase-person-390') });
    await page.keyboard.press('Escape');
    await phoneForm.waitFor({ state: 'hidden' });
    expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true);
    const [untouched] = await sql<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [other.id]);
    expect(untouched!.email).toBe(other.email);
    await context.close();
  });
});
