// The meeting loop in a real browser: the demo fellow answers this week's two prompts on a
// phone-sized screen (they save as they type), and their facilitator opens the meeting's prep
// sheet and finds the answers next to the fellow's readings, attendance and runs. The group's
// meeting on this week is moved into the future for the test (the demo cohort is always in its
// third week, and the meeting may be over already), and everything is put back at the end.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, signInContextAs, sql } from './support';
import { waitFor } from '../support/wait-for';

const FELLOW = 'fellow1@example.com';
let browser: Browser;
let meeting: { id: string; startsAt: Date; weekPosition: number };

async function answersOfFellow() {
  return sql<{ text: string; position: number }>(
    `SELECT pr.text, p.position FROM "PromptResponse" pr
       JOIN "CurriculumPrompt" p ON p.id = pr."promptId"
       JOIN "Membership" m ON m.id = pr."membershipId" JOIN "User" u ON u.id = m."userId" JOIN "Cohort" c ON c.id = m."cohortId"
      WHERE u.email = $1 AND c.slug = 'demo' ORDER BY p.position`,
    [FELLOW],
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  // The fellow's group's meeting on the week the cohort is in (the unit with this week's prompts).
  const [row] = await sql<{ id: string; startsAt: Date; weekPosition: number }>(
    `SELECT mt.id, mt."startsAt", mt."weekPosition" FROM "Meeting" mt
       JOIN "Membership" m ON m."groupId" = mt."groupId" JOIN "User" u ON u.id = m."userId" JOIN "Cohort" c ON c.id = m."cohortId"
      WHERE u.email = $1 AND c.slug = 'demo' AND mt."weekPosition" = (
        SELECT w.position FROM "CurriculumWeek" w JOIN "CurriculumPrompt" p ON p."weekId" = w.id
         WHERE w."curriculumId" = c."curriculumId" ORDER BY w.position LIMIT 1)`,
    [FELLOW],
  );
  meeting = row!;
  await sql(`UPDATE "Meeting" SET "startsAt" = now() + interval '3 days' WHERE id = $1`, [meeting.id]);
});

afterAll(async () => {
  await sql(`UPDATE "Meeting" SET "startsAt" = $2 WHERE id = $1`, [meeting.id, meeting.startsAt]);
  await sql(
    `DELETE FROM "PromptResponse" WHERE "membershipId" IN (
       SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1)`,
    [FELLOW],
  );
  await browser?.close();
});

describe('prompts and the prep sheet', () => {
  it('a fellow answers two prompts on a phone, and they are saved', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signInContextAs(context, 'fellow');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/cohorts/demo`);
    const section = page.getByRole('region', { name: 'Before your meeting' });
    await expect(section.getByText('0 of 2 answered')).toBeDefined();
    await section.getByText('0 of 2 answered.').waitFor();

    await section.getByLabel('Your answer to prompt 1').fill('The argument about **distribution shift** convinced me most.');
    await section.getByLabel('Your answer to prompt 2').fill('A classifier for skin lesions trained on one hospital’s camera.');
    // The second saves a moment after typing stops; leaving the field saves at once.
    await section.getByLabel('Your answer to prompt 1').click();
    await waitFor(async () => (await answersOfFellow()).length === 2, 'both answers saved');
    expect((await answersOfFellow()).map((answer) => answer.text)).toEqual([
      'The argument about **distribution shift** convinced me most.',
      'A classifier for skin lesions trained on one hospital’s camera.',
    ]);
    await section.getByText('Saved').first().waitFor();
    await page.screenshot({ path: screenshotPath('prompts-390'), fullPage: true });

    // Reloaded, the answers are still there.
    await page.reload();
    await expect(await page.getByLabel('Your answer to prompt 2').inputValue()).toBe('A classifier for skin lesions trained on one hospital’s camera.');
    await context.close();
  });

  it('the facilitator opens the prep sheet and sees the answers, readings and runs of each fellow', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContextAs(context, 'facilitator');
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/cohorts/demo/meetings/${meeting.id}/prep`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: /^Prep sheet: / }).waitFor();
    const card = page.getByRole('article', { name: /.+/ }).filter({ hasText: 'distribution shift' });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('A classifier for skin lesions');
    expect(text).toMatch(/core done/);
    expect(text).toMatch(/Attendance so far/);
    expect(text).toMatch(/Exercise runs/);
    // The week's prompts with how many answered.
    expect(await page.getByText(/\(1 of \d+ answered\)/).count()).toBe(2);
    await page.screenshot({ path: screenshotPath('prep-sheet-1280'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: screenshotPath('prep-sheet-print'), fullPage: true });
    await context.close();
  });

  it('is not there for a fellow', async () => {
    const context = await browser.newContext();
    await signInContextAs(context, 'fellow');
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/cohorts/demo/meetings/${meeting.id}/prep`);
    expect(response?.status()).toBe(404);
    await context.close();
  });
});
