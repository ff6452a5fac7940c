// Syllabus pages in a real browser against the production build: an admin's markdown import
// (preview, then confirm) and download, a cohort's syllabus with its dates and this week,
// members-only syllabi, cache invalidation on import, and notes that never run script.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, demoSessionCookie, signInContextAs, sql, trpcMutation } from './support';

const fixtures = fileURLToPath(new URL('../fixtures/syllabi', import.meta.url));
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let browser: Browser;
let admin: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await signInContextAs(admin, 'admin');
});
afterAll(async () => {
  await browser?.close();
});

/** Today's date in `timeZone`, as "YYYY-MM-DD" arithmetic in UTC. */
function mondayWeeksAgo(weeks: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const date = new Date(Date.UTC(part('year'), part('month') - 1, part('day') - weeks * 7));
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** A cohort on the demo cohort's syllabus, made in the database as the cohort pages would. */
async function createCohort(slug: string, options: { visibility: 'PUBLIC' | 'MEMBERS'; startDate: string; skippedWeeks?: number[] }) {
  const [demo] = await sql<{ curriculumId: string }>(`SELECT "curriculumId" FROM "Cohort" WHERE slug = 'demo'`);
  await sql(
    `INSERT INTO "Cohort" (id, slug, name, term, "curriculumId", "startDate", "timeZone", status, "skippedWeeks", "syllabusVisibility", "updatedAt")
     VALUES ($1, $2, $3, 'Spring 2027', $4, $5, 'Europe/London', 'ACTIVE', $6, $7, now())`,
    [`c${slug.replace(/-/g, '')}`, slug, `Cohort ${slug}`, demo!.curriculumId, options.startDate, options.skippedWeeks ?? [], options.visibility],
  );
}

async function expectNoScriptRan(page: Page, dialogs: string[]) {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator('.syllabus-notes script, .syllabus-notes img, .syllabus-notes [onerror], .syllabus-notes [onclick]').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:" i], a[href^="data:" i]').count()).toBe(0);
}

describe('admin import and download', () => {
  it('imports a markdown file through /admin/curricula (preview, then confirm) and downloads it back', async () => {
    const slug = unique('e2e-parts');
    const page = await admin.newPage();
    const response = await page.goto(`${baseUrl}/admin/curricula`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Import markdown' }).waitFor();

    await page.getByLabel('Markdown file').setInputFiles(path.join(fixtures, 'parts-and-subheadings.md'));
    await expect.poll(() => page.getByLabel('Or paste the markdown').inputValue()).toContain('# AI Alignment Reading Group');
    await page.getByLabel(/^Slug/).fill(slug);
    await page.getByRole('button', { name: 'Preview import' }).click();

    const preview = page.getByRole('region', { name: /^Preview: AI Alignment Reading Group/ });
    await preview.waitFor();
    await preview.getByText('Week 2 and 3: Reward and its problems').waitFor();
    expect(await preview.getByText(/Lines? \d+(–\d+)?: /).count()).toBeGreaterThan(0); // text kept as notes, with line numbers
    await page.screenshot({ path: screenshotPath('admin-curricula-preview'), fullPage: true });

    await preview.getByRole('button', { name: /^Import \d+ weeks? and \d+ readings?$/ }).click();
    const done = page.getByRole('status').filter({ hasText: 'Imported “AI Alignment Reading Group' });
    await done.waitFor();
    await page.getByRole('row', { name: new RegExp(slug) }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), done.getByRole('link', { name: 'Download markdown' }).click()]);
    expect(download.suggestedFilename()).toBe(`${slug}.md`);
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toContain('# AI Alignment Reading Group: Foundations and Frontiers');
    expect(markdown).toContain('## Part 1: Foundations');
    expect(markdown).toMatch(/Week 2 and 3: Reward and its problems/);

    // The download is for admins only.
    const anonymous = await fetch(`${baseUrl}/admin/curricula/${slug}/export`);
    expect(anonymous.status).toBe(404);
    const asFellow = await fetch(`${baseUrl}/admin/curricula/${slug}/export`, { headers: { cookie: await demoSessionCookie('fellow') } });
    expect(asFellow.status).toBe(404);

    // The new syllabus, as anyone sees it: parts with their notes and the multi-week unit.
    const reader = await browser.newPage();
    expect((await reader.goto(`${baseUrl}/syllabus/${slug}`))?.status()).toBe(200);
    await reader.getByRole('heading', { name: 'Part 1: Foundations', level: 2 }).waitFor();
    await reader.getByText('The first part builds the shared vocabulary of the group.').waitFor();
    await reader.getByRole('heading', { name: /Week 2 and 3: Reward and its problems/ }).waitFor();
    expect(await reader.getByRole('link', { name: 'Edit curriculum' }).count()).toBe(0);
    await reader.close();

    // An admin reads the same page rendered for them: the editor and the download at hand.
    await page.goto(`${baseUrl}/syllabus/${slug}`);
    await page.getByRole('link', { name: 'Edit curriculum' }).waitFor();
    expect(await page.getByRole('link', { name: 'Download markdown' }).getAttribute('href')).toBe(`/admin/curricula/${slug}/export`);
    await page.screenshot({ path: screenshotPath('syllabus-admin-parts'), fullPage: true });
    await page.close();
  });

  it('expires the cached page when a syllabus is imported again with "replace"', async () => {
    const slug = unique('e2e-replace');
    const cookie = await demoSessionCookie('admin');
    const syllabus = (title: string) => `# ${title}\n\n## Week 1: Start\n\nCore Readings (10 min):\n\n1. [A reading](https://example.com/a) (10 min)\n`;
    await trpcMutation('curricula.import', { markdown: syllabus('First title'), slug }, cookie);

    const first = await fetch(`${baseUrl}/syllabus/${slug}`);
    expect(await first.text()).toContain('First title');
    const again = await fetch(`${baseUrl}/syllabus/${slug}`);
    expect(again.headers.get('x-nextjs-cache')).toBe('HIT');

    await trpcMutation('curricula.import', { markdown: syllabus('Second title'), slug, replace: true }, cookie);
    const after = await (await fetch(`${baseUrl}/syllabus/${slug}`)).text();
    expect(after).toContain('Second title');
    expect(after).not.toContain('First title');
  });
});

describe('a cohort’s syllabus', () => {
  it('shows each week’s dates in the cohort’s time zone, the breaks, and highlights this week', async () => {
    const slug = unique('e2e-spring');
    // Three weeks ago, with the second calendar week off: today falls in the syllabus's week 3.
    const startDate = mondayWeeksAgo(3, 'Europe/London');
    await createCohort(slug, { visibility: 'PUBLIC', startDate, skippedWeeks: [1] });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/cohorts/${slug}/syllabus`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: /Diffusion Track/ }).waitFor();
    await page.getByText(/Dates in Europe\/London/).first().waitFor();

    // Week 1 begins on the start date; the skipped week is a break.
    const start = new Date(`${startDate}T00:00:00Z`);
    const startText = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(start);
    await page.locator('#week-1').getByText(new RegExp(`^Mon ${startText}`)).waitFor();
    expect(await page.getByText('No meeting: break').count()).toBeGreaterThan(0);

    // This week, at the top and on the week itself.
    const thisWeek = page.locator('[data-this-week]');
    await thisWeek.getByRole('link', { name: /^Week 3:/ }).waitFor();
    expect(await thisWeek.getByRole('link').getAttribute('href')).toBe('#week-3');
    await page.locator('#week-3').getByText('This week', { exact: true }).waitFor();
    expect(await page.locator('#week-2').getByText('This week', { exact: true }).count()).toBe(0);
    expect(await page.locator('nav a[aria-current="true"]').first().getAttribute('href')).toBe('#week-3');

    await page.screenshot({ path: screenshotPath('cohort-syllabus-desktop'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('cohort-syllabus-phone'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 800, height: 1100 });
    expect(await page.locator('body > header').isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('cohort-syllabus-print'), fullPage: true });

    // Cached for visitors without a session: the second request is a hit.
    const again = await fetch(`${baseUrl}/cohorts/${slug}/syllabus`);
    expect(again.headers.get('x-nextjs-cache')).toBe('HIT');
    await context.close();
  });

  it('keeps a members-only syllabus to members and admins; everyone else gets the 404 page', async () => {
    const slug = unique('e2e-private');
    await createCohort(slug, { visibility: 'MEMBERS', startDate: mondayWeeksAgo(1, 'Europe/London') });
    const url = `${baseUrl}/cohorts/${slug}/syllabus`;

    const anonymous = await browser.newPage();
    expect((await anonymous.goto(url))?.status()).toBe(404);
    await anonymous.getByRole('heading', { name: 'We couldn’t find that page' }).waitFor();
    expect(await anonymous.content()).not.toContain(`Cohort ${slug}`);
    await anonymous.close();

    const outsider = await fetch(url, { headers: { cookie: await demoSessionCookie('fellow') } });
    expect(outsider.status).toBe(404);
    expect(await outsider.text()).not.toContain(`Cohort ${slug}`);

    const [{ id: fellowId }] = (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'fellow1@example.com'`)) as [{ id: string }];
    await sql(`INSERT INTO "Membership" (id, "cohortId", "userId", role) SELECT $1, id, $2, 'FELLOW' FROM "Cohort" WHERE slug = $3`, [
      `m${slug.replace(/-/g, '')}`,
      fellowId,
      slug,
    ]);
    const member = await fetch(url, { headers: { cookie: await demoSessionCookie('fellow') } });
    expect(member.status).toBe(200);
    expect(await member.text()).toContain(`Cohort ${slug}`);

    const page = await admin.newPage();
    expect((await page.goto(url))?.status()).toBe(200);
    await page.close();
  });
});

describe('notes that try to run script', () => {
  it('never runs a script from a syllabus in Chromium', async () => {
    const slug = unique('e2e-unsafe');
    const markdown = [
      '# Unsafe notes',
      '',
      'Welcome <script>window.__xss = "intro"; alert("intro")</script>',
      '',
      '## Week 1: Scripts',
      '',
      'Core Readings (10 min):',
      '',
      '1. [Click me](javascript:window.__xss="item") (10 min)',
      '',
      '<script>window.__xss = "block"; alert("block")</script>',
      '',
      '<img src=x onerror="window.__xss = \'img\'; alert(\'img\')">',
      '',
      'A [link](javascript:window.__xss="link") and <a href="javascript:alert(1)" onclick="window.__xss=\'a\'">another</a>.',
      '',
    ].join('\n');
    await trpcMutation('curricula.import', { markdown, slug }, await demoSessionCookie('admin'));

    for (const context of [await browser.newContext(), admin]) {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      expect((await page.goto(`${baseUrl}/syllabus/${slug}`))?.status()).toBe(200);
      await page.getByRole('heading', { name: /Week 1: Scripts/ }).waitFor();
      // The raw HTML is there to read, as text.
      await page.getByText('<script>window.__xss = "block"; alert("block")</script>').waitFor();
      // Clicking what was a javascript: link does nothing.
      await page.getByText('Click me').click();
      await page.locator('.syllabus-notes p', { hasText: 'A link and' }).click();
      await page.waitForTimeout(300);
      await expectNoScriptRan(page, dialogs);
      if (context === admin) await page.screenshot({ path: screenshotPath('syllabus-unsafe-notes'), fullPage: true });
      await page.close();
    }
  });
});
