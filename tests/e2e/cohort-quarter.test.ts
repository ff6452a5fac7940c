// A new cohort each quarter, in a real browser: the admin imports the Diffusion Track
// markdown (the curricula page's import), creates "Spring 2027" from it starting on a Monday,
// adds three groups, imports a CSV roster of 30 fellows into them, then clones the cohort as
// "Fall 2027": week 1 of the fall cohort starts on its own start date, and it has the groups
// but no fellows. Screenshots of each page at 1280 and 390 px wide.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, signInContextAs, sql } from './support';

const SYLLABUS_FILE = fileURLToPath(new URL('../../prisma/seed/diffusion-track.md', import.meta.url));
const TEMPLATE_SLUG = 'diffusion-2027';
const GROUPS = [
  { name: 'Group A', day: '2', time: '18:00', location: 'Room 2.14, Boelter Hall' },
  { name: 'Group B', day: '3', time: '17:30', video: 'https://meet.example.com/spring-b' },
  { name: 'Group C', day: '4', time: '19:00', location: 'Library seminar room' },
];

function rosterCsv(): string {
  const lines = ['Name,Email,Role,Group'];
  for (let index = 1; index <= 30; index++) {
    lines.push(`Spring Fellow ${index},spring.fellow${index}@example.org,fellow,${GROUPS[(index - 1) % 3]!.name}`);
  }
  return `${lines.join('\n')}\n`;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signInContextAs(context, 'admin');
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function status(text: string | RegExp) {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

describe('a cohort each quarter', () => {
  it('imports the Diffusion Track markdown as a template', async () => {
    await page.goto(`${baseUrl}/admin/curricula`);
    await page.getByLabel('Markdown file').setInputFiles(SYLLABUS_FILE);
    await page.getByText('From diffusion-track.md').waitFor();
    await page.getByLabel(/^Slug/).fill(TEMPLATE_SLUG);
    await page.getByRole('button', { name: 'Preview import' }).click();
    await page.getByRole('button', { name: /^Import 6 weeks and 22 readings$/ }).click();
    await status(/Imported/);
    const [template] = await sql<{ sourceId: string | null }>('SELECT "sourceId" FROM "Curriculum" WHERE slug = $1', [TEMPLATE_SLUG]);
    expect(template).toEqual({ sourceId: null });
  });

  it('creates Spring 2027 from it, starting on a Monday', async () => {
    await page.goto(`${baseUrl}/admin/cohorts`);
    await page.getByLabel('Curriculum', { exact: true }).selectOption(TEMPLATE_SLUG);
    await page.getByLabel('Name', { exact: true }).fill('Spring 2027');
    await page.getByLabel('Term (optional)').fill('Spring 2027');
    await page.getByLabel('Start date').fill('2027-03-01');
    // The form names the weekday, so a start on the wrong day is noticed before saving.
    await page.getByText('Mon 1 Mar 2027: week 1 runs Monday to Sunday.').waitFor();
    await page.getByLabel('Time zone').fill('America/Los_Angeles');
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await status('Spring 2027 is ready');
    await page.locator('[data-cohort="spring-2027"]').waitFor();
    await page.screenshot({ path: screenshotPath('cohorts-admin-1280'), fullPage: true });

    const [cohort] = await sql<{ start: string; timeZone: string; status: string; sourceId: string | null }>(
      `SELECT to_char(c."startDate", 'YYYY-MM-DD') AS start, c."timeZone", c.status::text AS status, cu."sourceId"
         FROM "Cohort" c JOIN "Curriculum" cu ON cu.id = c."curriculumId" WHERE c.slug = 'spring-2027'`,
    );
    const [template] = await sql<{ id: string }>('SELECT id FROM "Curriculum" WHERE slug = $1', [TEMPLATE_SLUG]);
    expect(cohort).toEqual({ start: '2027-03-01', timeZone: 'America/Los_Angeles', status: 'DRAFT', sourceId: template!.id });
  });

  it('adds three groups with their meeting times', async () => {
    await page.goto(`${baseUrl}/cohorts/spring-2027/groups`);
    await page.getByText('No groups yet').waitFor();
    const form = page.getByRole('form', { name: 'Add a group' });
    for (const group of GROUPS) {
      await form.getByLabel('Group name').fill(group.name);
      await form.getByLabel('Meeting day').selectOption(group.day);
      await form.getByLabel('Time').fill(group.time);
      if (group.location) await form.getByLabel('Place (optional)').fill(group.location);
      if (group.video) await form.getByLabel('Video link (optional)').fill(group.video);
      await form.getByRole('button', { name: 'Add group' }).click();
      await status(`${group.name} added.`);
      await page.getByRole('heading', { name: group.name, exact: true }).waitFor();
    }
    // A duplicate name is refused beside the field.
    await form.getByLabel('Group name').fill('group a');
    await form.getByRole('button', { name: 'Add group' }).click();
    await form.getByText('There is already a group called "Group A".').waitFor();
    await form.getByLabel('Group name').fill('');
    // Tuesdays from Mon 1 Mar 2027: the first meeting is Tue 2 Mar.
    await page.getByText('Tuesdays, 18:00–19:30 (America/Los_Angeles)').waitFor();
    await page.getByText('Tue 2 Mar 2027').first().waitFor();
    await page.screenshot({ path: screenshotPath('cohort-groups-1280'), fullPage: true });
  });

  it('imports a CSV roster of 30 fellows into the three groups', async () => {
    await page.goto(`${baseUrl}/cohorts/spring-2027/roster`);
    // A row that cannot be imported blocks the whole file, with its reason and line.
    await page.getByLabel('Or paste the roster').fill('name,EMAIL,role,group\nAda,ada@example.org,fellow,Group A\nTypo,not-an-email,fellow,Group Z\n');
    await page.getByRole('button', { name: 'Preview' }).click();
    await status('2 rows: 1 new, 0 existing, 1 invalid.');
    await page.getByText('Not an email address: "not-an-email".').waitFor();
    expect(await page.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('cohort-roster-invalid-1280'), fullPage: true });

    await page.getByLabel('CSV file').setInputFiles({ name: 'spring-2027.csv', mimeType: 'text/csv', buffer: Buffer.from(rosterCsv()) });
    await page.getByText('Read spring-2027.csv').waitFor();
    await page.getByRole('button', { name: 'Preview' }).click();
    await status('30 rows: 30 new, 0 existing, 0 invalid.');
    expect(await page.locator('tr[data-fate="new"]').count()).toBe(30);
    await page.screenshot({ path: screenshotPath('cohort-roster-preview-1280'), fullPage: true });
    await page.getByRole('button', { name: 'Import 30 people' }).click();
    await status('Imported 30 people');
    await page.screenshot({ path: screenshotPath('cohort-roster-done-1280'), fullPage: true });

    const perGroup = await sql<{ name: string; fellows: number }>(
      `SELECT g.name, count(m.id)::int AS fellows FROM "DiscussionGroup" g
         JOIN "Cohort" c ON c.id = g."cohortId" LEFT JOIN "Membership" m ON m."groupId" = g.id AND m.role = 'FELLOW'
        WHERE c.slug = 'spring-2027' GROUP BY g.name ORDER BY g.name`,
    );
    expect(perGroup).toEqual(GROUPS.map((group) => ({ name: group.name, fellows: 10 })));
  });

  it('skips a holiday week in the settings', async () => {
    await page.goto(`${baseUrl}/cohorts/spring-2027/settings`);
    await page.getByLabel('Skip the week of Mon 22 Mar 2027').check();
    // The list moves the later weeks at once: week 4 now starts on 29 March.
    await page.getByText('ends on Sun 18 Apr 2027').waitFor();
    await page.getByLabel('Status').selectOption('ACTIVE');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await status('Saved. Spring 2027 is running.');
    await page.screenshot({ path: screenshotPath('cohort-settings-1280'), fullPage: true });
    const [cohort] = await sql<{ skippedWeeks: number[] }>(`SELECT "skippedWeeks" FROM "Cohort" WHERE slug = 'spring-2027'`);
    expect(cohort!.skippedWeeks).toEqual([3]);
  });

  it('sets the at-risk and completion rules, and names a bad value beside its field', async () => {
    await page.goto(`${baseUrl}/cohorts/spring-2027/settings`);
    const missed = page.getByLabel('At risk after … missed meetings');
    await missed.fill('3');
    await page.getByLabel('…and this % of all core readings done').fill('120');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('At most 100%.').waitFor();
    await page.getByLabel('…and this % of all core readings done').fill('90');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await status('Saved. Spring 2027 is running.');
    const [rules] = await sql<{ atRiskMissedMeetings: number; completionReadingPercent: number }>(
      `SELECT "atRiskMissedMeetings", "completionReadingPercent" FROM "Cohort" WHERE slug = 'spring-2027'`,
    );
    expect(rules).toEqual({ atRiskMissedMeetings: 3, completionReadingPercent: 90 });
  });

  it('clones it to Fall 2027: week 1 on its own start date, the groups, no fellows', async () => {
    await page.goto(`${baseUrl}/admin/cohorts`);
    await page.getByLabel('A copy of an existing cohort').check();
    await page.getByLabel('Cohort to copy').selectOption('spring-2027');
    await page.getByLabel('Name', { exact: true }).fill('Fall 2027');
    await page.getByLabel('Term (optional)').fill('Fall 2027');
    await page.getByLabel('Start date').fill('2027-09-27');
    await page.getByLabel('Time zone').fill('America/Los_Angeles');
    await page.getByRole('button', { name: 'Create the copy' }).click();
    await status('Fall 2027 is ready');

    // Week 1 of the fall cohort is the week of its own start date (the spring's weeks off stay behind).
    await page.goto(`${baseUrl}/cohorts/fall-2027/settings`);
    // ICU writes September as "Sep" or "Sept", depending on its version.
    const firstWeekBox = page.getByLabel(/^Skip the week of Mon 27 Sept? 2027$/);
    const firstWeek = page.getByRole('listitem').filter({ has: firstWeekBox });
    await firstWeek.getByText('Week 1: Preventing an AI-related catastrophe + Scaling Hypothesis').waitFor();
    expect(await firstWeekBox.isChecked()).toBe(false);
    await page.screenshot({ path: screenshotPath('cohort-settings-fall-1280'), fullPage: true });
    await page.getByText('ends on Sun 7 Nov 2027').waitFor();

    await page.goto(`${baseUrl}/cohorts/fall-2027/groups`);
    for (const group of GROUPS) await page.getByRole('heading', { name: group.name, exact: true }).waitFor();
    await page.getByText('Tuesdays, 18:00–19:30 (America/Los_Angeles)').waitFor();
    await page.getByText(/Tue 28 Sept? 2027/).first().waitFor();
    expect(await page.getByText('0 fellows').count()).toBe(3);
    await page.screenshot({ path: screenshotPath('cohort-groups-fall-1280'), fullPage: true });

    await page.goto(`${baseUrl}/cohorts/fall-2027`);
    await page.getByText(/The cohort starts on Mon 27 Sept? 2027\./).waitFor();

    const [fall] = await sql<{ start: string; groups: number; fellows: number; facilitators: number; skipped: number[]; clonedFrom: string }>(
      `SELECT to_char(c."startDate", 'YYYY-MM-DD') AS start, c."skippedWeeks" AS skipped,
              (SELECT count(*)::int FROM "DiscussionGroup" g WHERE g."cohortId" = c.id) AS groups,
              (SELECT count(*)::int FROM "Membership" m WHERE m."cohortId" = c.id AND m.role = 'FELLOW') AS fellows,
              (SELECT count(*)::int FROM "Membership" m WHERE m."cohortId" = c.id AND m.role = 'FACILITATOR') AS facilitators,
              (SELECT s.slug FROM "Cohort" s WHERE s.id = c."clonedFromId") AS "clonedFrom"
         FROM "Cohort" c WHERE c.slug = 'fall-2027'`,
    );
    expect(fall).toEqual({ start: '2027-09-27', skipped: [], groups: 3, fellows: 0, facilitators: 0, clonedFrom: 'spring-2027' });
  });

  it('looks right on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await signInContextAs(phone, 'admin');
    const small = await phone.newPage();
    const shots: [string, string][] = [
      ['/admin/cohorts', 'cohorts-admin-390'],
      ['/cohorts/spring-2027/settings', 'cohort-settings-390'],
      ['/cohorts/spring-2027/groups', 'cohort-groups-390'],
      ['/cohorts/spring-2027', 'cohort-home-admin-390'],
    ];
    for (const [path, name] of shots) {
      await small.goto(`${baseUrl}${path}`);
      await small.getByRole('heading', { level: 1 }).waitFor();
      // Nothing may be wider than the screen (a phone would zoom out): only tables scroll, inside their own box.
      expect(await small.evaluate(() => document.documentElement.scrollWidth), `${path} is wider than the phone`).toBeLessThanOrEqual(390);
      await small.screenshot({ path: screenshotPath(name), fullPage: true });
    }
    await small.goto(`${baseUrl}/cohorts/spring-2027/roster`);
    await small.getByLabel('Or paste the roster').fill(rosterCsv().split('\n').slice(0, 6).join('\n'));
    await small.getByRole('button', { name: 'Preview' }).click();
    await small.getByRole('status').filter({ hasText: '5 rows: 0 new, 5 existing (5 already as listed), 0 invalid.' }).waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await small.screenshot({ path: screenshotPath('cohort-roster-preview-390'), fullPage: true });
    await phone.close();
  });
});

// Keeps the fixture honest: the roster really has 30 fellows in three groups of ten.
it('builds a roster of 30 fellows', () => {
  const lines = rosterCsv().trim().split('\n');
  expect(lines).toHaveLength(31);
  expect(readFileSync(SYLLABUS_FILE, 'utf8')).toContain('## Week 6');
});
