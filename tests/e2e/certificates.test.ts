// Closing the quarter in a real browser: the admin issues certificates in bulk, a fellow gets
// the email and downloads theirs from the cohort home, the public page confirms it signed out,
// and once revoked says so (and its PDF is gone). The demo cohort is in its third week, so its
// completion rule is loosened for the test (everyone qualifies) and put back at the end, with
// the certificates removed.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, signInContextAs, sql, waitForMailTo } from './support';

const FELLOW = 'fellow1@example.com';
let browser: Browser;
let rules: { completionReadingPercent: number; completionMaxUnexcusedAbsences: number };
let certificateId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  [rules] = (await sql<typeof rules>(`SELECT "completionReadingPercent", "completionMaxUnexcusedAbsences" FROM "Cohort" WHERE slug = 'demo'`)) as [typeof rules];
  await sql(`UPDATE "Cohort" SET "completionReadingPercent" = 0, "completionMaxUnexcusedAbsences" = 99 WHERE slug = 'demo'`);
});

afterAll(async () => {
  await sql(`UPDATE "Cohort" SET "completionReadingPercent" = $1, "completionMaxUnexcusedAbsences" = $2 WHERE slug = 'demo'`, [
    rules.completionReadingPercent,
    rules.completionMaxUnexcusedAbsences,
  ]);
  await sql(`DELETE FROM "Certificate" WHERE "cohortId" = (SELECT id FROM "Cohort" WHERE slug = 'demo')`);
  await browser?.close();
});

describe('certificates', () => {
  it('the admin issues them in bulk', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContextAs(context, 'admin');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/cohorts/demo/certificates`);
    const button = page.getByRole('button', { name: /^Issue \d+ certificates$/ });
    await button.click();
    await page.getByRole('status').filter({ hasText: /Issued \d+ certificates/ }).waitFor();
    const [row] = await sql<{ id: string }>(
      `SELECT c.id FROM "Certificate" c JOIN "Membership" m ON m.id = c."membershipId" JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`,
      [FELLOW],
    );
    certificateId = row!.id;
    await page.screenshot({ path: screenshotPath('certificates-admin-1280'), fullPage: true });
    await context.close();
  });

  it('the fellow is emailed, and downloads theirs from the cohort home', async () => {
    const mail = await waitForMailTo(FELLOW, /^Your certificate for /);
    expect(mail.text).toContain(`/certificates/${certificateId}`);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
    await signInContextAs(context, 'fellow');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/cohorts/demo`);
    const card = page.getByRole('region', { name: 'Your certificate' });
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'Download the PDF' }).click()]);
    const file = await readFile((await download.path())!);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^certificate-.+\.pdf$/);
    await context.close();
  });

  it('its public page confirms it signed out; revoked, it says so and its PDF is gone', async () => {
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await visitor.newPage();
    await page.goto(`${baseUrl}/certificates/${certificateId}`);
    await page.getByRole('status').filter({ hasText: 'This certificate is valid' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/certificate of completion/i);
    await page.screenshot({ path: screenshotPath('certificate-valid-1280'), fullPage: true });

    const admin = await browser.newContext();
    await signInContextAs(admin, 'admin');
    const adminPage = await admin.newPage();
    await adminPage.goto(`${baseUrl}/cohorts/demo/certificates`);
    const [person] = await sql<{ holder: string }>(`SELECT "holderName" AS holder FROM "Certificate" WHERE id = $1`, [certificateId]);
    const row = adminPage.getByRole('row').filter({ has: adminPage.getByRole('rowheader', { name: person!.holder, exact: true }) });
    await row.getByRole('button', { name: 'Revoke…' }).click();
    await row.getByLabel(/Why revoke it/).fill('Issued to the wrong cohort');
    await row.getByRole('button', { name: 'Revoke', exact: true }).click();
    await adminPage.getByRole('status').filter({ hasText: /Revoked the certificate/ }).waitFor();
    await admin.close();

    await page.reload();
    const revoked = page.getByRole('alert').filter({ hasText: 'This certificate was revoked' });
    await revoked.waitFor();
    expect(await revoked.innerText()).toContain('Issued to the wrong cohort');
    await page.screenshot({ path: screenshotPath('certificate-revoked-1280'), fullPage: true });
    const pdf = await fetch(`${baseUrl}/certificates/${certificateId}/pdf`);
    expect(pdf.status).toBe(410);
    expect((await fetch(`${baseUrl}/certificates/not-a-real-certificate-id`)).status).toBe(404);
    await visitor.close();
  });
});
