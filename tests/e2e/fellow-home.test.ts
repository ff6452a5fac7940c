// The fellow's home, in a real browser: the demo fellow fellow2@example.com (who starts with no
// ticks) ticks two of this week's readings, sees the week's bar move, reloads and still sees
// them ticked, writes and clears a private note, sees a tick that cannot be saved roll back,
// and downloads the calendar file of their group's meetings. Everything is undone at the end,
// since the e2e files share one database. Screenshots at 1280 and 390 px wide.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, magicLink, signInMailTo, requestMagicLink, signInContextAs, sql, waitForMail } from './support';
import { waitFor } from '../support/wait-for';

const EMAIL = 'fellow2@example.com';
const HOME = `${baseUrl}/cohorts/demo`;

let browser: Browser;
let context: BrowserContext;
let page: Page;

async function ticksOfFellow(): Promise<number> {
  const [row] = await sql<{ count: string }>(
    `SELECT count(*)::text AS count FROM "ReadingProgress" rp
       JOIN "Membership" m ON m.id = rp."membershipId" JOIN "User" u ON u.id = m."userId" JOIN "Cohort" c ON c.id = m."cohortId"
      WHERE u.email = $1 AND c.slug = 'demo'`,
    [EMAIL],
  );
  return Number(row!.count);
}


const weekBar = () => page.getByRole('progressbar', { name: 'This week' });
const cohortBar = () => page.getByRole('progressbar', { name: 'Whole cohort' });
const valueOf = async (bar: ReturnType<typeof weekBar>) => Number(await bar.getAttribute('aria-valuenow'));
/** This week's boxes: the earlier weeks' are folded away, so only these are visible. */
const thisWeeksBoxes = () => page.getByRole('main').getByRole('checkbox');

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  // fellow2 signs in by email link (the demo button is fellow1's).
  const sent = signInMailTo(EMAIL).length;
  expect((await requestMagicLink(EMAIL, { callbackUrl: '/cohorts/demo' })).ok).toBe(true);
  await page.goto(magicLink(await waitForMail(EMAIL, sent + 1)));
  await page.waitForURL((url) => url.pathname === '/cohorts/demo');
});

afterAll(async () => {
  // Leave no ticks or notes behind, even when a test failed half-way.
  await sql(
    `DELETE FROM "ReadingProgress" WHERE "membershipId" IN (
       SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1)`,
    [EMAIL],
  );
  await sql(
    `DELETE FROM "WeekReflection" WHERE "membershipId" IN (
       SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1)`,
    [EMAIL],
  );
  await context?.close();
  await browser?.close();
});

describe('the fellow’s home', () => {
  let firstTitle: string;
  let secondTitle: string;
  let weekBefore: number;
  let cohortBefore: number;

  it('ticks two readings of this week and moves the bars', async () => {
    expect(await ticksOfFellow()).toBe(0);
    await weekBar().waitFor();
    weekBefore = await valueOf(weekBar());
    cohortBefore = await valueOf(cohortBar());
    expect(weekBefore).toBe(0);
    await page.getByText(/left this week/).first().waitFor();
    await page.screenshot({ path: screenshotPath('fellow-home-before-1280') });

    const first = thisWeeksBoxes().nth(0);
    const second = thisWeeksBoxes().nth(1);
    // A box's name is its reading's title (the text of its label).
    const titleOf = (box: typeof first) => box.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '');
    firstTitle = await titleOf(first);
    secondTitle = await titleOf(second);
    expect(firstTitle).not.toBe('');
    expect(await first.isChecked()).toBe(false);

    await first.check();
    await waitFor(async () => (await valueOf(weekBar())) === weekBefore + 1, 'the week bar to move by one');
    await second.check();
    await waitFor(async () => (await valueOf(weekBar())) === weekBefore + 2, 'the week bar to move by two');
    expect(await valueOf(cohortBar())).toBe(cohortBefore + 2);
    expect(await weekBar().getAttribute('aria-valuetext')).toMatch(new RegExp(`^${weekBefore + 2} of \\d+ core readings$`));
    await waitFor(async () => (await ticksOfFellow()) === 2, 'both ticks to be saved');
    await page.screenshot({ path: screenshotPath('fellow-home-1280'), fullPage: true });
  });

  it('still shows them ticked after a reload', async () => {
    await page.reload();
    await weekBar().waitFor();
    expect(await valueOf(weekBar())).toBe(weekBefore + 2);
    expect(await page.getByRole('checkbox', { name: firstTitle, exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: secondTitle, exact: true }).isChecked()).toBe(true);
  });

  it('looks right on a phone, with an earlier week unfolded', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.addCookies(await context.cookies());
    const phonePage = await phone.newPage();
    await phonePage.goto(HOME);
    await phonePage.getByRole('progressbar', { name: 'This week' }).waitFor();
    // No sideways scrolling on a phone.
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phonePage.screenshot({ path: screenshotPath('fellow-home-390'), fullPage: true });
    await phonePage.getByRole('heading', { name: 'Core Readings' }).scrollIntoViewIfNeeded();
    await phonePage.screenshot({ path: screenshotPath('fellow-home-390-readings') });
    const earlier = phonePage.getByRole('region', { name: 'Earlier weeks' });
    await earlier.locator('summary').first().click();
    await earlier.getByRole('checkbox').first().waitFor();
    await earlier.screenshot({ path: screenshotPath('fellow-home-earlier-weeks-390') });
    await phone.close();
  });

  it('saves a private note on the week, and deletes it when emptied', async () => {
    const note = page.getByRole('textbox', { name: 'Your note on this week' });
    await note.fill('The scaling plots made the argument click for me.');
    await note.blur();
    await page.getByRole('status').filter({ hasText: /Saved$/ }).first().waitFor();
    const [saved] = await sql<{ text: string }>(
      `SELECT r.text FROM "WeekReflection" r JOIN "Membership" m ON m.id = r."membershipId" JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`,
      [EMAIL],
    );
    expect(saved).toEqual({ text: 'The scaling plots made the argument click for me.' });
    await note.fill('');
    await note.blur();
    await waitFor(async () => (await sql(`SELECT 1 FROM "WeekReflection" r JOIN "Membership" m ON m.id = r."membershipId" JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`, [EMAIL])).length === 0, 'the note to be deleted');
  });

  it('rolls a tick back quietly when it cannot be saved', async () => {
    const third = thisWeeksBoxes().nth(2);
    await page.route('**/api/trpc/progress.setReadingDone**', (route) => route.abort('failed'));
    try {
      // click(), not check(): the refused save can roll the box back before check() looks at it.
      await third.click();
      await page.getByRole('status').filter({ hasText: /back as it was/ }).waitFor();
      await waitFor(async () => !(await third.isChecked()), 'the box to be unticked again');
      expect(await valueOf(weekBar())).toBe(weekBefore + 2);
      await page.screenshot({ path: screenshotPath('fellow-home-rollback-1280') });
    } finally {
      // The later tests save ticks again, whatever happened here.
      await page.unroute('**/api/trpc/progress.setReadingDone**');
    }
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await ticksOfFellow()).toBe(2);
  });

  it('unticks them again', async () => {
    await page.getByRole('checkbox', { name: firstTitle, exact: true }).uncheck();
    await page.getByRole('checkbox', { name: secondTitle, exact: true }).uncheck();
    await waitFor(async () => (await valueOf(weekBar())) === weekBefore, 'the week bar to go back');
    await waitFor(async () => (await ticksOfFellow()) === 0, 'both unticks to be saved');
  });

  it('downloads the group’s meetings as a calendar file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Add to calendar' }).click()]);
    expect(download.suggestedFilename()).toBe('demo-meetings.ics');
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(6);
    // fellow2 is in Group A, which meets in Room 2.14 on Tuesdays at 18:00 Los Angeles time.
    expect(ics).toContain('Group A');
    expect(ics).not.toContain('Group B');
    expect(ics).toContain('LOCATION:Room 2.14\\, Boelter Hall');
    expect(ics).toMatch(/DTSTART:\d{8}T(01|02)0000Z/);
  });

  it('shows a facilitator the week without boxes to tick', async () => {
    const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContextAs(facilitator, 'facilitator');
    const facilitatorPage = await facilitator.newPage();
    await facilitatorPage.goto(HOME);
    await facilitatorPage.getByRole('heading', { level: 2 }).first().waitFor();
    expect(await facilitatorPage.getByRole('main').getByRole('checkbox').count()).toBe(0);
    expect(await facilitatorPage.getByRole('progressbar').count()).toBe(0);
    await facilitator.close();
  });
});
