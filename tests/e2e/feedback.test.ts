// Feedback in a real browser: a fellow rates this week on a phone; the admin finds it on the
// feedback page, writes the end-of-course survey's questions, and sees the overview's
// week-by-week trends. Everything the test wrote is removed at the end.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, signInContextAs, sql } from './support';
import { waitFor } from '../support/wait-for';

const FELLOW = 'fellow1@example.com';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await sql(`DELETE FROM "WeekCheckIn" WHERE "membershipId" IN (SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1)`, [FELLOW]);
  await sql(`DELETE FROM "SurveyQuestion" WHERE "cohortId" = (SELECT id FROM "Cohort" WHERE slug = 'demo')`);
  await browser?.close();
});

describe('feedback', () => {
  it('a fellow rates this week on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signInContextAs(context, 'fellow');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/cohorts/demo`);
    const checkIn = page.getByRole('region', { name: 'How useful was this week?' });
    await checkIn.getByLabel('Anything to add?').fill('The KL divergence video was the clearest part.');
    await checkIn.getByText('Useful', { exact: true }).click();
    await checkIn.getByText('Thank you: saved.').waitFor();
    await waitFor(async () => {
      const rows = await sql<{ rating: number; comment: string }>(
        `SELECT c.rating, c.comment FROM "WeekCheckIn" c JOIN "Membership" m ON m.id = c."membershipId" JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`,
        [FELLOW],
      );
      return rows.length === 1 && rows[0]!.rating === 4 && rows[0]!.comment.startsWith('The KL');
    }, 'the check-in saved with its comment');
    await context.close();
  });

  it('the admin reads it, writes the survey, and sees the trends', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContextAs(context, 'admin');
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/cohorts/demo/feedback`);
    expect(response?.status()).toBe(200);
    await page.getByText('The KL divergence video was the clearest part.').waitFor();

    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question 1').fill('Would you recommend the fellowship to a friend?');
    await page.getByRole('button', { name: 'Save the survey' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved 1 question.' }).waitFor();
    await page.screenshot({ path: screenshotPath('feedback-1280'), fullPage: true });

    const csv = await page.request.get(`${baseUrl}/cohorts/demo/feedback/export.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('The KL divergence video was the clearest part.');

    await page.goto(`${baseUrl}/cohorts/demo/overview`);
    const trends = page.getByRole('region', { name: 'Week by week' });
    await trends.waitFor();
    expect(await trends.getByRole('img', { name: /^Check-in \(1–5\):/ }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('overview-trends-1280'), fullPage: true });
    await context.close();
  });
});
