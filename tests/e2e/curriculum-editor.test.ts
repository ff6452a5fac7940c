// The curriculum editor in a real browser, as the demo admin: fix a reading's title and link,
// reorder readings with the move buttons and by dragging (from the keyboard and with a
// pointer), delete one and undo, and see the public syllabus follow (it is cached, so this
// also checks that saving expires the cache). Edits the demo template's
// week 5 and puts it back afterwards, so other files see the demo data as seeded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URL_MESSAGE } from '@/lib/schemas/curriculum-editor';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, demoSessionCookie, signInContextAs, sql, trpcMutation } from './support';

const TEMPLATE = 'diffusion-track';
const EDITED_TITLE = 'What Failure Looks Like (Christiano, 2019)';
const EDITED_URL = 'https://example.org/what-failure-looks-like';

type ItemRow = { id: string; title: string; url: string | null; position: number };

/** Week 5's first section ("Theoretical"), in order. */
async function week5Items(): Promise<ItemRow[]> {
  return sql<ItemRow>(
    `SELECT i.id, i.title, i.url, i.position
       FROM "CurriculumItem" i
       JOIN "CurriculumSection" s ON s.id = i."sectionId" AND s.position = 1
       JOIN "CurriculumWeek" w ON w.id = s."weekId" AND w.position = 5
       JOIN "Curriculum" c ON c.id = w."curriculumId" AND c.slug = $1
      ORDER BY i.position`,
    [TEMPLATE],
  );
}

async function versionOf(slug: string): Promise<number> {
  return (await sql<{ version: number }>('SELECT version FROM "Curriculum" WHERE slug = $1', [slug]))[0]!.version;
}

async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

let browser: Browser;
let admin: BrowserContext;
let original: ItemRow[];

beforeAll(async () => {
  browser = await launchBrowser();
  // Reduced motion: the page scrolls smoothly otherwise, and a keyboard drag that starts while
  // focus is still scrolling the handle into view measures the rows mid-scroll.
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await signInContextAs(admin, 'admin');
  original = await week5Items();
  expect(original.map((item) => item.title)).toEqual(['X-Risk Analysis for AI Research', 'What Failure Looks Like', 'Clarifying What Failure Looks Like']);
});

afterAll(async () => {
  // Put week 5 back as seeded, through the editor's own API.
  const cookie = await demoSessionCookie('admin');
  const now = await week5Items();
  const edited = now.find((item) => item.id === original[1]!.id);
  if (edited) {
    await trpcMutation('curriculumEditor.updateItem', { curriculum: TEMPLATE, itemId: edited.id, title: original[1]!.title, url: original[1]!.url }, cookie);
  }
  for (const item of original) {
    if (now.some((row) => row.id === item.id)) {
      await trpcMutation('curriculumEditor.moveItem', { curriculum: TEMPLATE, itemId: item.id, toPosition: item.position }, cookie);
    }
  }
  await admin?.close();
  await browser?.close();
});

describe('the curriculum editor', () => {
  it('edits a reading, reorders by keyboard, deletes and undoes, and the public syllabus follows', async () => {
    // A signed-out visitor's syllabus page, cached before the edits. The build's data cache
    // outlives the server, and an earlier run against another database may have filled it:
    // an edit that changes nothing expires it first.
    const description = (await sql<{ description: string | null }>('SELECT description FROM "Curriculum" WHERE slug = $1', [TEMPLATE]))[0]!.description;
    await trpcMutation('curriculumEditor.updateCurriculum', { curriculum: TEMPLATE, description }, await demoSessionCookie('admin'));
    const visitor = await browser.newPage();
    await visitor.goto(`${baseUrl}/syllabus/${TEMPLATE}`);
    await visitor.getByRole('link', { name: 'What Failure Looks Like', exact: true }).waitFor();

    const page = await admin.newPage();
    const response = await page.goto(`${baseUrl}/admin/curricula/${TEMPLATE}/edit`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: /^Edit / }).waitFor();
    expect(await page.getByText('Template', { exact: true }).count()).toBeGreaterThan(0);
    const startVersion = await versionOf(TEMPLATE);
    const [xrisk, failure, clarifying] = original as [ItemRow, ItemRow, ItemRow];

    // Every input has a name: the reading's title field is found by its label.
    const titleInput = page.locator(`#item-${failure.id}-title`);
    expect(await page.getByLabel('Title of reading 2 in Theoretical, Week 5', { exact: true }).and(titleInput).count()).toBe(1);

    // Title: saved on blur.
    await titleInput.fill(EDITED_TITLE);
    await titleInput.press('Tab');
    await until(week5Items, (items) => items[1]!.title === EDITED_TITLE, 'the new title');
    await page.locator(`#item-${failure.id}-title`).locator('xpath=..').getByText('Saved').waitFor();

    // Link: a javascript: URL is refused beside the field, then a good one is saved on Enter.
    const urlInput = page.locator(`#item-${failure.id}-url`);
    await urlInput.fill('javascript:alert(1)');
    await urlInput.press('Enter');
    await page.locator(`#item-${failure.id}-url-error`).getByText(URL_MESSAGE).waitFor();
    expect(await urlInput.getAttribute('aria-invalid')).toBe('true');
    expect((await week5Items())[1]!.url).toBe(failure.url);
    await urlInput.fill(EDITED_URL);
    await urlInput.press('Enter');
    await until(week5Items, (items) => items[1]!.url === EDITED_URL, 'the new link');
    await until(() => urlInput.getAttribute('aria-invalid'), (value) => value === null, 'the error to clear');

    // Reorder from the keyboard with the "Move up" button (the drag handles: see the next test).
    const moveUp = page.getByRole('button', { name: 'Move reading “Clarifying What Failure Looks Like” up' });
    await moveUp.focus();
    await page.keyboard.press('Enter');
    await until(week5Items, (items) => items.map((item) => item.id).join() === [xrisk.id, clarifying.id, failure.id].join(), 'the move up');

    // …and with the "Move down" button, pressed from the keyboard: focus stays on the button.
    const moveDown = page.getByRole('button', { name: 'Move reading “Clarifying What Failure Looks Like” down' });
    await moveDown.focus();
    await page.keyboard.press('Enter');
    await until(week5Items, (items) => items.map((item) => item.id).join() === [xrisk.id, failure.id, clarifying.id].join(), 'the move down');
    await until(() => focusedId(page), (id) => id === `${clarifying.id}-move-up` || id === `${clarifying.id}-move-down`, 'focus on a move button');

    // Delete a reading: gone at once, with Undo offered (and focused); Undo brings it back.
    await page.getByRole('button', { name: 'Delete reading “X-Risk Analysis for AI Research”' }).click();
    await until(week5Items, (items) => items.length === 2, 'the delete');
    expect(await page.locator(`#item-${xrisk.id}-title`).count()).toBe(0);
    const undo = page.getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    expect(await undo.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.screenshot({ path: screenshotPath('curriculum-editor-undo-desktop') });
    await page.keyboard.press('Enter');
    const restored = await until(week5Items, (items) => items.length === 3, 'the undo');
    expect(restored.map((item) => item.id)).toEqual([xrisk.id, failure.id, clarifying.id]);
    await page.locator(`#item-${xrisk.id}-title`).waitFor();
    await until(() => focusedId(page), (id) => id === `item-${xrisk.id}-title`, 'focus on the restored reading');
    expect(await versionOf(TEMPLATE)).toBe(startVersion + 6);

    // The visitor's cached page shows the new title and link.
    await visitor.goto(`${baseUrl}/syllabus/${TEMPLATE}`);
    const link = visitor.getByRole('link', { name: EDITED_TITLE, exact: true });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(EDITED_URL);
    expect(await visitor.getByRole('link', { name: 'What Failure Looks Like', exact: true }).count()).toBe(0);
    await visitor.close();

    // Screenshots, desktop and phone.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('curriculum-editor-desktop'), fullPage: false });
    await page.locator(`#item-${failure.id}-title`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('curriculum-editor-week-desktop') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/admin/curricula/${TEMPLATE}/edit`);
    await page.getByRole('heading', { level: 1, name: /^Edit / }).waitFor();
    await page.screenshot({ path: screenshotPath('curriculum-editor-phone') });
    await page.getByRole('button', { name: /^Week 5: / }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 120));
    await page.screenshot({ path: screenshotPath('curriculum-editor-week-header-phone') });
    await page.locator(`#item-${failure.id}-title`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('curriculum-editor-week-phone') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('reorders readings by dragging: from the keyboard and with a pointer', async () => {
    const page = await admin.newPage();
    await page.goto(`${baseUrl}/admin/curricula/${TEMPLATE}/edit`);
    await page.getByRole('heading', { level: 1, name: /^Edit / }).waitFor();
    const [first, second, third] = (await week5Items()) as [ItemRow, ItemRow, ItemRow];
    const handle = (item: ItemRow) => page.getByRole('button', { name: `Drag to reorder reading “${item.title}”`, exact: true });
    const order = async () => (await week5Items()).map((item) => item.id).join();
    // dnd-kit says each step in a live region (the latest only: "picked up" is at once replaced
    // by "is over" its own place); waiting for it, not for time, paces the drag.
    const pickedUp = (item: ItemRow) => handle(item).and(page.locator('[aria-pressed="true"]')).waitFor();
    const announced = (text: string) =>
      page.waitForFunction(
        (expected) => [...document.querySelectorAll('[id^="DndLiveRegion"]')].some((region) => region.textContent?.includes(expected)),
        text,
      );

    // Keyboard: Space picks the third reading up, ArrowUp moves it over the second, Space drops it.
    // First wait for React to have hydrated the handle (it attaches its props to the element),
    // or the key press would reach a button without a listener.
    await page.waitForFunction((element) => Object.keys(element!).some((key) => key.startsWith('__reactProps')), await handle(third).elementHandle());
    await handle(third).scrollIntoViewIfNeeded();
    await handle(third).focus();
    await page.keyboard.press('Space');
    await pickedUp(third);
    await page.keyboard.press('ArrowUp');
    await announced(`reading “${third.title}” is over position 2 of 3`);
    await page.keyboard.press('Space');
    await announced(`Dropped reading “${third.title}” at position 2 of 3`);
    await until(order, (ids) => ids === [first.id, third.id, second.id].join(), 'the keyboard drag');

    // Pointer: press on the first reading's handle, move past the activation distance, then
    // down onto the last row, and let go.
    const from = (await handle(first).boundingBox())!;
    const to = (await handle(second).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 12, { steps: 4 });
    await pickedUp(first);
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 + 8, { steps: 12 });
    await announced(`reading “${first.title}” is over position 3 of 3`);
    await page.mouse.up();
    await until(order, (ids) => ids === [third.id, second.id, first.id].join(), 'the pointer drag');

    // After a reload the editor shows the saved order.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Edit / }).waitFor();
    const shown = await page.locator(`[id^="item-"][id$="-title"]`).evaluateAll((inputs) => inputs.map((input) => input.id));
    const week5Shown = shown.filter((id) => [first, second, third].some((item) => id === `item-${item.id}-title`));
    expect(week5Shown).toEqual([third, second, first].map((item) => `item-${item.id}-title`));
    await page.close();
  });

  it('checks the readings’ links and leads to the broken ones', async () => {
    // Readings that point at a server of this test: one page that works, one that is gone, one
    // that moved, and one address where nothing listens.
    const linkServer = http.createServer((request, response) => {
      if (request.url === '/works') response.writeHead(200).end('ok');
      else if (request.url === '/moved') response.writeHead(301, { location: '/works' }).end();
      else response.writeHead(404).end('gone');
    });
    await new Promise<void>((resolve) => linkServer.listen(0, '127.0.0.1', resolve));
    const links = `http://127.0.0.1:${(linkServer.address() as AddressInfo).port}`;
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const slug = `e2e-links-${Date.now().toString(36)}`;
    const markdown = [
      '# Link check',
      '',
      '## Week 1: Start',
      '',
      'Core Readings (40 min):',
      '',
      `1. [A page that works](${links}/works) (10 min)`,
      `2. [A page that is gone](${links}/gone) (10 min)`,
      `3. [A page that moved](${links}/moved) (10 min)`,
      `4. [A site that is down](http://127.0.0.1:${closedPort}/nothing) (10 min)`,
      '',
    ].join('\n');
    try {
      await trpcMutation('curricula.import', { markdown, slug }, await demoSessionCookie('admin'));
      const page = await admin.newPage();
      await page.goto(`${baseUrl}/admin/curricula/${slug}/edit`);
      await page.getByRole('heading', { level: 1, name: 'Edit Link check' }).waitFor();
      await page.getByText('4 readings have web links.', { exact: false }).waitFor();
      // The week is folded: "Edit link" must open it.
      await page.getByRole('button', { name: 'Collapse all' }).click();
      await page.getByRole('button', { name: 'Check links' }).click();
      await page.getByText('4 links checked: 2 need fixing, 1 moved.').waitFor();
      const list = page.getByRole('list', { name: 'Links that need a look' });
      expect(await list.getByRole('listitem').allInnerTexts()).toEqual([
        expect.stringContaining('Broken\nA page that is gone'),
        expect.stringContaining('Moved\nA page that moved'),
        expect.stringContaining('No answer\nA site that is down'),
      ]);
      await list.getByText('The page is gone (404).').waitFor();
      await list.getByText(`Works, but now lives at ${links}/works.`).waitFor();
      await list.getByText('The site did not answer.').waitFor();
      await page.screenshot({ path: screenshotPath('curriculum-editor-links-desktop'), fullPage: false });

      const [gone] = await sql<{ id: string }>(
        `SELECT i.id FROM "CurriculumItem" i JOIN "CurriculumSection" s ON s.id = i."sectionId" JOIN "CurriculumWeek" w ON w.id = s."weekId"
          JOIN "Curriculum" c ON c.id = w."curriculumId" WHERE c.slug = $1 AND i.title = 'A page that is gone'`,
        [slug],
      );
      await page.getByRole('button', { name: 'Edit link of A page that is gone' }).click();
      await until(() => focusedId(page), (id) => id === `item-${gone!.id}-url`, 'focus in the gone page’s address field');
      expect(await page.locator(`#item-${gone!.id}-url`).isVisible()).toBe(true);

      await page.setViewportSize({ width: 390, height: 844 });
      await list.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('curriculum-editor-links-phone') });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.close();
    } finally {
      linkServer.closeAllConnections();
      await new Promise((resolve) => linkServer.close(resolve));
    }
  });

  it('shows the demo cohort what changed in its template', async () => {
    const page = await admin.newPage();
    const response = await page.goto(`${baseUrl}/cohorts/demo/template-changes`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Template changes' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /The template changed since this cohort was created: \d+ changes?/ }).waitFor();
    await page.getByText(EDITED_TITLE).first().waitFor();
    expect(await page.getByRole('button', { name: 'Apply to this cohort' }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('template-changes-desktop'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('template-changes-phone'), fullPage: true });
    await page.close();
  });

  it('is for admins only', async () => {
    const fellow = await browser.newContext();
    await signInContextAs(fellow, 'fellow');
    const page = await fellow.newPage();
    expect((await page.goto(`${baseUrl}/admin/curricula/${TEMPLATE}/edit`))?.status()).toBe(404);
    expect((await page.goto(`${baseUrl}/cohorts/demo/template-changes`))?.status()).toBe(404);
    await fellow.close();
    const visitor = await browser.newPage();
    await visitor.goto(`${baseUrl}/admin/curricula/${TEMPLATE}/edit`);
    expect(new URL(visitor.url()).pathname).toBe('/signin');
    await visitor.close();
  });
});
