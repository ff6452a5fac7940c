// Taking attendance in a real browser: the demo facilitator (Group A) opens the attendance page,
// marks Priya Raman (fellow1) present and Sofia Alvarez (fellow3) late with a note, reloads and
// finds both kept; a second person's mark shows up without a reload; a failed save rolls back
// with a message; then Priya sees "Present" in her own record. Screenshots of the sheet at 1280
// and 390 px and of the fellow's record. Everything marked here is put back afterwards, since
// the e2e files share the demo database (and other files take fellow1 from a clean state).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, demoSessionCookie, signInContextAs, sql, trpcMutation } from './support';

const PRIYA = 'fellow1@example.com';
const SOFIA = 'fellow3@example.com';

type AttendanceRow = { meetingId: string; membershipId: string; status: string; note: string | null; updatedAt: Date; updatedById: string | null };

let browser: Browser;
const contexts: BrowserContext[] = [];
let memberships: { id: string; email: string }[] = [];
let savedMarks: AttendanceRow[] = [];
let savedChangeIds: string[] = [];
type MeetingRow = { id: string; startsAt: Date; minutes: number; location: string | null; videoUrl: string | null; movedAt: Date | null; cancelledAt: Date | null };
let groupAMeetings: MeetingRow[] = [];

async function newPage(role: 'facilitator' | 'fellow', width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
  contexts.push(context);
  await signInContextAs(context, role);
  return context.newPage();
}

const row = (page: Page, email: string) => page.getByTestId(`sheet-row-${email}`);
const radio = (page: Page, email: string, mark: string) => row(page, email).getByRole('radio', { name: mark, exact: true });

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  memberships = await sql<{ id: string; email: string }>(
    `SELECT m.id, u.email FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Cohort" c ON c.id = m."cohortId"
     WHERE c.slug = 'demo' AND u.email = ANY($1)`,
    [[PRIYA, SOFIA]],
  );
  const ids = memberships.map((membership) => membership.id);
  savedMarks = await sql<AttendanceRow>(`SELECT * FROM "Attendance" WHERE "membershipId" = ANY($1)`, [ids]);
  savedChangeIds = (await sql<{ id: string }>(`SELECT id FROM "AttendanceChange" WHERE "membershipId" = ANY($1)`, [ids])).map((change) => change.id);
  groupAMeetings = await sql<MeetingRow>(
    `SELECT m.id, m."startsAt", m.minutes, m.location, m."videoUrl", m."movedAt", m."cancelledAt" FROM "Meeting" m
     JOIN "DiscussionGroup" g ON g.id = m."groupId" JOIN "Cohort" c ON c.id = g."cohortId" WHERE c.slug = 'demo' AND g.name = 'Group A'`,
  );
});

afterAll(async () => {
  // Put Priya's and Sofia's marks back exactly as they were, and drop the log entries made here.
  const ids = memberships.map((membership) => membership.id);
  if (ids.length > 0) {
    await sql(`DELETE FROM "Attendance" WHERE "membershipId" = ANY($1)`, [ids]);
    for (const mark of savedMarks) {
      await sql(
        `INSERT INTO "Attendance" ("meetingId", "membershipId", "status", "note", "updatedAt", "updatedById") VALUES ($1, $2, $3::"AttendanceStatus", $4, $5, $6)`,
        [mark.meetingId, mark.membershipId, mark.status, mark.note, mark.updatedAt, mark.updatedById],
      );
    }
    await sql(`DELETE FROM "AttendanceChange" WHERE "membershipId" = ANY($1) AND NOT (id = ANY($2))`, [ids, savedChangeIds]);
  }
  // Group A's meetings as they were: moved and cancelled ones back, extra ones gone.
  if (groupAMeetings.length > 0) {
    await sql(
      `DELETE FROM "Meeting" WHERE "groupId" = (SELECT "groupId" FROM "Meeting" WHERE id = $1) AND NOT (id = ANY($2))`,
      [groupAMeetings[0]!.id, groupAMeetings.map((meeting) => meeting.id)],
    );
    for (const meeting of groupAMeetings) {
      await sql(
        `UPDATE "Meeting" SET "startsAt" = $2, minutes = $3, location = $4, "videoUrl" = $5, "movedAt" = $6, "cancelledAt" = $7 WHERE id = $1`,
        [meeting.id, meeting.startsAt, meeting.minutes, meeting.location, meeting.videoUrl, meeting.movedAt, meeting.cancelledAt],
      );
    }
  }
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('attendance', () => {
  let meetingId = '';

  it('lets the facilitator mark Priya present and Sofia late, and keeps both after a reload', async () => {
    const page = await newPage('facilitator', 1280);
    await page.goto(`${baseUrl}/cohorts/demo/attendance`);
    await page.getByRole('heading', { level: 1, name: 'Attendance' }).waitFor();
    meetingId = await page.locator('#meeting-picker').inputValue();
    expect(meetingId).not.toBe('');
    await expect(page.getByText(/Times in America\/Los_Angeles/).count()).resolves.toBeGreaterThan(0);

    await row(page, PRIYA).locator('label', { hasText: 'Present' }).click();
    await row(page, SOFIA).locator('label', { hasText: 'Late' }).click();
    expect(await radio(page, PRIYA, 'Present').isChecked()).toBe(true);
    expect(await radio(page, SOFIA, 'Late').isChecked()).toBe(true);
    const note = row(page, SOFIA).getByLabel('Note about Sofia Alvarez');
    await note.fill('Missed the bus');
    await note.press('Enter');
    await row(page, SOFIA).getByText(/^Late · by Farah Rahman/).waitFor();
    await row(page, PRIYA).getByText(/^Present · by Farah Rahman/).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Sofia Alvarez' }).filter({ hasText: '“Missed the bus”' }).first().waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Attendance' }).waitFor();
    expect(await radio(page, PRIYA, 'Present').isChecked()).toBe(true);
    expect(await radio(page, SOFIA, 'Late').isChecked()).toBe(true);
    expect(await row(page, SOFIA).getByLabel('Note about Sofia Alvarez').inputValue()).toBe('Missed the bus');
    const [stored] = await sql<{ status: string }>(
      `SELECT status::text AS status FROM "Attendance" WHERE "meetingId" = $1 AND "membershipId" = $2`,
      [meetingId, memberships.find((membership) => membership.email === PRIYA)!.id],
    );
    expect(stored).toEqual({ status: 'PRESENT' });
    await page.screenshot({ path: screenshotPath('attendance-sheet-1280'), fullPage: true });

    // Another person (the demo admin) marks Sofia excused: the open sheet shows it without a reload.
    const sofia = memberships.find((membership) => membership.email === SOFIA)!.id;
    await trpcMutation('attendance.mark', { cohort: 'demo', meetingId, membershipId: sofia, status: 'EXCUSED' }, await demoSessionCookie('admin'));
    await waitUntil(() => radio(page, SOFIA, 'Excused').isChecked(), 'the admin’s mark to appear');
    await row(page, SOFIA).getByText(/^Excused · by Ada Admin/).waitFor();

    // A save that fails rolls back quietly and says so.
    await page.route('**/api/trpc/attendance.mark**', (route) => route.abort());
    await row(page, PRIYA).locator('label', { hasText: 'Absent' }).click();
    await page.getByRole('alert').filter({ hasText: 'Priya Raman’s mark was not saved' }).waitFor();
    await waitUntil(() => radio(page, PRIYA, 'Present').isChecked(), 'the rollback to Present');
    await page.unroute('**/api/trpc/attendance.mark**');
  });

  it('fits the sheet on a phone', async () => {
    const page = await newPage('facilitator', 390);
    await page.goto(`${baseUrl}/cohorts/demo/attendance`);
    await page.getByRole('heading', { level: 1, name: 'Attendance' }).waitFor();
    expect(await radio(page, PRIYA, 'Present').isChecked()).toBe(true);
    // Nothing wider than the screen: no sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await row(page, PRIYA).locator('label', { hasText: 'Excused' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: screenshotPath('attendance-sheet-390'), fullPage: true });
  });

  it('shows Priya her own record with the meeting marked present', async () => {
    for (const width of [390, 1280]) {
      const page = await newPage('fellow', width);
      await page.goto(`${baseUrl}/cohorts/demo/attendance`);
      await page.getByRole('heading', { level: 1, name: 'Your attendance' }).waitFor();
      const present = page.getByRole('listitem').filter({ hasText: 'Present' });
      expect(await present.count()).toBe(1);
      await expect(page.getByTestId('attendance-summary').innerText()).resolves.toMatch(/^1 of \d+ meetings? attended$/);
      // Only her own record: nobody else's name, no facilitator notes.
      expect(await page.getByText('Sofia Alvarez').count()).toBe(0);
      expect(await page.getByText('Missed the bus').count()).toBe(0);
      await page.screenshot({ path: screenshotPath(`attendance-fellow-${width}`), fullPage: true });
    }
  });

  it('moves, cancels and restores a meeting, and adds an extra one', async () => {
    const page = await newPage('facilitator', 390);
    await page.goto(`${baseUrl}/cohorts/demo/attendance`);
    const meetings = page.getByRole('region', { name: 'Meetings of Group A' });
    const week6 = meetings.getByRole('listitem').filter({ hasText: 'Week 6' });

    await week6.getByRole('button', { name: /^Move Week 6/ }).click();
    await week6.getByLabel('Starts at').fill('19:15');
    await week6.getByLabel('Place (optional)').fill('Library seminar room');
    await week6.screenshot({ path: screenshotPath('attendance-move-390') });
    await week6.getByRole('button', { name: 'Move meeting' }).click();
    await page.getByRole('status').filter({ hasText: 'Week 6 moved to' }).waitFor();
    await week6.getByText('Moved', { exact: true }).waitFor();
    await week6.getByText(/, 19:15–20:45$/).waitFor();
    await week6.getByText('Library seminar room').waitFor();

    await week6.getByRole('button', { name: 'Cancel meeting' }).click();
    await week6.getByRole('button', { name: 'Yes, cancel it' }).click();
    await week6.getByText('Cancelled', { exact: true }).waitFor();
    await week6.getByText('Takes no attendance').waitFor();
    await week6.getByRole('button', { name: 'Restore' }).click();
    await week6.getByText(/of \d+ marked/).waitFor();

    await page.getByRole('button', { name: 'Add an extra meeting' }).click();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add meeting' }) });
    await form.getByLabel('Date').fill('2030-01-08');
    await form.getByLabel('Starts at').fill('17:00');
    await form.getByLabel('Discusses').selectOption({ label: 'Week 6' });
    await form.getByRole('button', { name: 'Add meeting' }).click();
    await page.getByRole('status').filter({ hasText: 'Extra meeting added on 2030-01-08' }).waitFor();
    await meetings.getByRole('listitem').filter({ hasText: 'Tue 8 Jan 2030, 17:00–18:30' }).getByText('Extra', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('attendance-meetings-390'), fullPage: true });
  });
});
