// Issue 5's journey in a real browser, across the three roles: the demo fellow (Priya Raman,
// Group A) ticks two readings and sees the week's bar move; the demo facilitator of Group A
// marks her present and finds her two ticks in the group's grid; Priya sees her attendance;
// the admin downloads both CSVs from the overview and the test reads Priya's rows. Screenshots
// of the fellow's week, the facilitator's grid and the admin overview at 390 and 1280 px.
// Priya's ticks and marks are put back afterwards: the e2e files share the demo database.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, signInContextAs, sql } from './support';
import { waitFor } from '../support/wait-for';

const PRIYA = 'fellow1@example.com';
type Role = 'admin' | 'facilitator' | 'fellow';

let browser: Browser;
const contexts: BrowserContext[] = [];
let membershipId: string;
let savedMarks: { meetingId: string; status: string; note: string | null }[] = [];
let savedChangeIds: string[] = [];
const ticked: string[] = [];

async function open(role: Role, path: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, acceptDownloads: true });
  contexts.push(context);
  await signInContextAs(context, role);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  return page;
}


beforeAll(async () => {
  browser = await launchBrowser();
  const [membership] = await sql<{ id: string }>(
    `SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Cohort" c ON c.id = m."cohortId" WHERE c.slug = 'demo' AND u.email = $1`,
    [PRIYA],
  );
  membershipId = membership!.id;
  savedMarks = await sql(`SELECT "meetingId", status::text AS status, note FROM "Attendance" WHERE "membershipId" = $1`, [membershipId]);
  savedChangeIds = (await sql<{ id: string }>(`SELECT id FROM "AttendanceChange" WHERE "membershipId" = $1`, [membershipId])).map((row) => row.id);
});

afterAll(async () => {
  await sql(`DELETE FROM "ReadingProgress" WHERE "membershipId" = $1 AND "itemId" = ANY($2)`, [membershipId, ticked]);
  await sql(`DELETE FROM "Attendance" WHERE "membershipId" = $1`, [membershipId]);
  for (const mark of savedMarks) {
    await sql(`INSERT INTO "Attendance" ("meetingId", "membershipId", status, note, "updatedAt") VALUES ($1, $2, $3::"AttendanceStatus", $4, now())`, [
      mark.meetingId,
      membershipId,
      mark.status,
      mark.note,
    ]);
  }
  await sql(`DELETE FROM "AttendanceChange" WHERE "membershipId" = $1 AND NOT (id = ANY($2))`, [membershipId, savedChangeIds]);
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('a week of the quarter, for the fellow, the facilitator and the admin', () => {
  const titles: string[] = [];

  it('the fellow ticks two readings and sees the week’s bar move', async () => {
    const page = await open('fellow', '/cohorts/demo');
    const bar = page.getByRole('progressbar', { name: 'This week' });
    await bar.waitFor();
    const before = Number(await bar.getAttribute('aria-valuenow'));
    const boxes = page.getByRole('main').getByRole('checkbox');
    for (const index of [0, 1]) {
      const box = boxes.nth(index);
      if (await box.isChecked()) throw new Error('Priya should start this week with nothing ticked');
      titles.push(await box.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ''));
      await box.check();
    }
    await waitFor(async () => Number(await bar.getAttribute('aria-valuenow')) === before + 2, 'the bar to move by two');
    // The bar moves at once (optimistic); the ticks reach the database a moment later.
    const ticks = () => sql<{ itemId: string }>(`SELECT "itemId" FROM "ReadingProgress" WHERE "membershipId" = $1`, [membershipId]);
    await waitFor(async () => (await ticks()).length === 2, 'both ticks to be saved');
    ticked.push(...(await ticks()).map((row) => row.itemId));
    expect(ticked).toHaveLength(2);
    // Exercise status on the home page (other e2e files may have sent runs as Priya).
    await page.getByRole('heading', { name: 'Your exercises' }).waitFor();
    expect(await page.getByText(/^(No runs yet\.|Your best elbo:)/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('journey-fellow-week-1280'), fullPage: true });
    const phone = await open('fellow', '/cohorts/demo', 390);
    await phone.getByRole('progressbar', { name: 'This week' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: screenshotPath('journey-fellow-week-390'), fullPage: true });
  });

  it('the facilitator marks her present and sees her ticks in the grid', async () => {
    const page = await open('facilitator', '/cohorts/demo/attendance');
    await page.getByRole('heading', { level: 1, name: 'Attendance' }).waitFor();
    const row = page.getByTestId(`sheet-row-${PRIYA}`);
    // The radios are drawn as buttons: their labels take the tap.
    await row.locator('label', { hasText: 'Present' }).click();
    await waitFor(async () => (await sql(`SELECT 1 FROM "Attendance" WHERE "membershipId" = $1 AND status = 'PRESENT'`, [membershipId])).length > 0, 'the mark to be saved');

    await page.goto(`${baseUrl}/cohorts/demo/progress`);
    await page.getByRole('heading', { level: 1, name: 'Group A' }).waitFor();
    const grid = page.getByRole('region', { name: 'Readings done by each fellow' });
    const priya = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Priya Raman' }) });
    const headers = await grid.getByRole('columnheader').allTextContents();
    const cells = await priya.getByRole('cell').allTextContents();
    for (const title of titles) {
      const column = headers.findIndex((header) => header.includes(title));
      expect(column, `a column for "${title}"`).toBeGreaterThan(0);
      // Cells follow the row header, so the n-th header is the (n-1)-th cell.
      expect(cells[column - 1]).toMatch(/^✓ Done /);
    }
    expect(cells.join(' ')).toMatch(/\d+ of \d+ attended/);
    // Exercise status (other e2e files may have sent runs as Priya, the demo fellow).
    expect(cells.join(' ')).toMatch(/vae: (no runs yet|\d+ runs?)/);
    await page.screenshot({ path: screenshotPath('journey-facilitator-grid-1280'), fullPage: true });
    const phone = await open('facilitator', '/cohorts/demo/progress', 390);
    await phone.getByRole('heading', { level: 1, name: 'Group A' }).waitFor();
    // The grid scrolls inside its box; the page itself keeps to the phone's width.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: screenshotPath('journey-facilitator-grid-390'), fullPage: true });
  });

  it('the fellow sees her attendance', async () => {
    const page = await open('fellow', '/cohorts/demo/attendance');
    await page.getByRole('heading', { level: 1, name: 'Your attendance' }).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'Present' }).count()).toBeGreaterThan(0);
  });

  it('the admin exports attendance and reading progress as CSV', async () => {
    const page = await open('admin', '/cohorts/demo/overview');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByRole('heading', { name: 'Group A' }).waitFor();
    await page.screenshot({ path: screenshotPath('journey-admin-overview-1280'), fullPage: true });
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      const stream = await file.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return { name: file.suggestedFilename(), rows: parse(Buffer.concat(chunks).toString('utf8')) as string[][] };
    };
    const attendance = await download('Export attendance (CSV)');
    expect(attendance.name).toBe('demo-attendance.csv');
    expect(attendance.rows[0]!.slice(0, 4)).toEqual(['Name', 'Email', 'Group', 'Meeting 1']);
    const priyaAttendance = attendance.rows.find((row) => row[1] === PRIYA)!;
    expect(priyaAttendance[2]).toBe('Group A');
    expect(priyaAttendance).toContain('present');
    // One row per fellow of the cohort (other e2e files may have added fellows to the demo).
    const [fellows] = await sql<{ count: string }>(
      `SELECT count(*)::text AS count FROM "Membership" m JOIN "Cohort" c ON c.id = m."cohortId" WHERE c.slug = 'demo' AND m.role = 'FELLOW'`,
    );
    expect(attendance.rows).toHaveLength(Number(fellows!.count) + 1);

    const progress = await download('Export reading progress (CSV)');
    const header = progress.rows[0]!;
    const priyaProgress = progress.rows.find((row) => row[1] === PRIYA)!;
    for (const title of titles) {
      const column = header.findIndex((cell) => cell.endsWith(`: ${title}`) || cell.endsWith(`: ${title} (optional)`));
      expect(column, `a column for "${title}"`).toBeGreaterThan(2);
      expect(priyaProgress[column]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(header.slice(-4)).toEqual(['Core readings done', 'Core readings', 'Due core readings done %', 'Standing']);

    const phone = await open('admin', '/cohorts/demo/overview', 390);
    await phone.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: screenshotPath('journey-admin-overview-390'), fullPage: true });
  });
});
