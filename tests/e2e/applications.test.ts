// The quarter's start in a real browser, against the running app and its in-app worker, with
// emails through the test SMTP server: an admin opens applications with two questions; twenty
// applicants apply signed out (two in the browser, one on a phone-sized screen, the rest over
// HTTP as the form does) and confirm by the emailed link; a reviewer added on the form page
// scores in the table, a second over HTTP; the admin accepts sixteen and waitlists four in two
// bulk decisions, and each applicant gets the decision by email. Screenshots at 1280 and 390 px.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, demoSessionCookie, mailTo, requestMagicLink, signInContextAs, sql, trpcMutation, uniqueEmail } from './support';
import { waitFor } from '../support/wait-for';

const SLUG = `apply-${Date.now().toString(36)}`;
const CONFIRM_SUBJECT = 'Confirm your application on Fellowship';

let browser: Browser;
let admin: BrowserContext;
let adminPage: Page;
const applicants: string[] = [];

async function waitForMailTo(address: string, subject: RegExp | string, timeoutMs = 30_000) {
  const matches = (value: string | null) => (typeof subject === 'string' ? value === subject : subject.test(value ?? ''));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailTo(address).find((mail) => matches(mail.subject));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No email "${subject}" to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Follows a magic link over HTTP as a browser would; returns the session cookie it sets. */
async function followLink(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(';')[0]!)
    .find((value) => value.includes('session-token='));
  if (!cookie) throw new Error('The link set no session cookie');
  return cookie;
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signInContextAs(admin, 'admin');
  adminPage = await admin.newPage();
  const [curriculum] = await sql<{ slug: string }>(`SELECT slug FROM "Curriculum" WHERE "sourceId" IS NULL ORDER BY "createdAt" LIMIT 1`);
  await trpcMutation('cohorts.create', { curriculum: curriculum!.slug, name: 'Spring Intro Fellowship', slug: SLUG, startDate: '2027-04-05', timeZone: 'Europe/London' }, await demoSessionCookie('admin'));
});

afterAll(async () => {
  await browser?.close();
});

describe('applications, from the open form to decisions', () => {
  it('an admin opens the form with two questions and a deadline', async () => {
    await adminPage.goto(`${baseUrl}/cohorts/${SLUG}/applications/form`);
    await adminPage.getByRole('checkbox', { name: /Open/ }).check();
    await adminPage.getByLabel('Deadline date').fill('2027-03-15');
    await adminPage.getByLabel('Deadline time').fill('18:00');
    await adminPage.getByRole('button', { name: 'Add a question' }).click();
    await adminPage.getByLabel('Question', { exact: true }).nth(0).fill('Why do you want to join?');
    await adminPage.getByLabel('Answer', { exact: true }).nth(0).selectOption('LONG_TEXT');
    await adminPage.getByRole('checkbox', { name: 'Required' }).nth(0).check();
    await adminPage.getByRole('button', { name: 'Add a question' }).click();
    await adminPage.getByLabel('Question', { exact: true }).nth(1).fill('Your background');
    await adminPage.getByLabel('Answer', { exact: true }).nth(1).selectOption('SINGLE_CHOICE');
    await adminPage.getByLabel('Choices, one per line').fill('ML research\nSoftware\nPolicy');
    await adminPage.getByRole('checkbox', { name: 'Required' }).nth(1).check();
    await adminPage.getByRole('button', { name: 'Save the form' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'The form is open.' }).waitFor();
    await adminPage.screenshot({ path: screenshotPath('applications-form-editor-1280'), fullPage: true });
    const [form] = await sql<{ isOpen: boolean; deadline: Date }>(`SELECT f."isOpen", f.deadline FROM "ApplicationForm" f JOIN "Cohort" c ON c.id = f."cohortId" WHERE c.slug = $1`, [SLUG]);
    // 18:00 in London on 15 March (GMT) is 18:00 UTC.
    expect(form).toEqual({ isOpen: true, deadline: new Date('2027-03-15T18:00:00Z') });
  });

  it('an applicant applies signed out, is told what is missing, and confirms by the emailed link', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const email = uniqueEmail('applicant-browser');
    applicants.push(email);
    await page.goto(`${baseUrl}/apply/${SLUG}`);
    await page.getByRole('heading', { name: 'Apply to Spring Intro Fellowship' }).waitFor();
    await page.getByLabel('Your name').fill('Ada Applicant');
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send my application' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '2 answers need attention' });
    await summary.waitFor();
    await page.screenshot({ path: screenshotPath('apply-errors-1280'), fullPage: true });
    expect(await page.getByText('“Why do you want to join?” needs an answer.').count()).toBeGreaterThan(0);

    await page.getByLabel(/Why do you want to join\?/).fill('To understand how to make AI systems safe.');
    await page.getByRole('radio', { name: 'Software' }).check();
    await page.getByRole('button', { name: 'Send my application' }).click();
    await page.getByRole('status').filter({ hasText: 'Check your inbox.' }).waitFor();

    const mail = await waitForMailTo(email, CONFIRM_SUBJECT);
    expect(mail.text).toContain('confirm your email address and send your application');
    await page.goto(mail.url!);
    await page.getByText('Your application is confirmed.').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/apply/${SLUG}`);
    await page.screenshot({ path: screenshotPath('apply-confirmed-1280'), fullPage: true });
    await context.close();
  });

  it('works on a phone-sized screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    const email = uniqueEmail('applicant-phone');
    applicants.push(email);
    await page.goto(`${baseUrl}/apply/${SLUG}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByLabel('Your name').fill('Phoebe Phone');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel(/Why do you want to join\?/).fill('I read the syllabus and want to discuss it with others.');
    await page.getByRole('radio', { name: 'Policy' }).check();
    await page.screenshot({ path: screenshotPath('apply-form-390'), fullPage: true });
    await page.getByRole('button', { name: 'Send my application' }).click();
    await page.getByRole('status').filter({ hasText: 'Check your inbox.' }).waitFor();
    await page.goto((await waitForMailTo(email, CONFIRM_SUBJECT)).url!);
    await page.getByText('Your application is confirmed.').waitFor();
    await phone.close();
  });

  it('eighteen more apply over HTTP as the form does, and confirm by their links', async () => {
    const [questions] = await sql<{ ids: string[] }>(
      `SELECT array_agg(q.id ORDER BY q.position) AS ids FROM "ApplicationQuestion" q JOIN "Cohort" c ON c.id = q."cohortId" WHERE c.slug = $1`,
      [SLUG],
    );
    const [why, background] = questions!.ids;
    for (let i = 1; i <= 18; i++) {
      const email = uniqueEmail(`applicant${i}`);
      applicants.push(email);
      const result = (await trpcMutation('applications.submit', { cohort: SLUG, email, name: `Applicant ${i}`, answers: { [why!]: `Reason number ${i}.`, [background!]: ['ML research', 'Software', 'Policy'][i % 3] } }, '')) as {
        needsConfirmation: boolean;
      };
      expect(result.needsConfirmation).toBe(true);
      expect((await requestMagicLink(email, { callbackUrl: `/apply/${SLUG}?confirmed=1` })).status).toBe(200);
    }
    for (const email of applicants.slice(2)) await followLink((await waitForMailTo(email, CONFIRM_SUBJECT)).url!);
    const [counts] = await sql<{ submitted: number }>(
      `SELECT count(*)::int AS submitted FROM "Application" a JOIN "Cohort" c ON c.id = a."cohortId" WHERE c.slug = $1 AND a.status = 'SUBMITTED'`,
      [SLUG],
    );
    expect(counts!.submitted).toBe(20);
  });

  it('two reviewers score: one added on the form page scoring in the table, one over HTTP', async () => {
    const reviewerOne = uniqueEmail('reviewer-one');
    const reviewerTwo = uniqueEmail('reviewer-two');
    await adminPage.goto(`${baseUrl}/cohorts/${SLUG}/applications/form`);
    for (const email of [reviewerOne, reviewerTwo]) {
      await adminPage.getByLabel('Add a reviewer by email').fill(email);
      await adminPage.getByRole('button', { name: 'Add', exact: true }).click();
      await adminPage.getByText(email).waitFor();
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    expect((await requestMagicLink(reviewerOne, { callbackUrl: `/cohorts/${SLUG}/applications` })).status).toBe(200);
    const page = await context.newPage();
    await page.goto((await waitForMailTo(reviewerOne, 'Your sign-in link for Fellowship')).url!);
    await page.getByRole('heading', { name: 'Applications' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cohorts/${SLUG}/applications`);
    // A reviewer has no admin links and cannot open the cohort's other pages.
    expect(await page.getByRole('link', { name: 'Download as CSV' }).count()).toBe(0);
    const firstRow = page.getByRole('group', { name: 'Your score for Ada Applicant' });
    await firstRow.getByRole('button', { name: '4' }).click();
    await waitFor(async () => (await firstRow.getByRole('button', { name: '4' }).getAttribute('aria-pressed')) === 'true', 'the score to show');
    await page.getByRole('button', { name: 'Ada Applicant' }).click();
    await page.getByLabel('Your comment').fill('Clear motivation.');
    await page.getByRole('button', { name: 'Save comment with your score' }).click();
    await page.getByText('from reviewer-one').first().waitFor();
    await page.screenshot({ path: screenshotPath('applications-review-1280'), fullPage: true });
    expect((await page.goto(`${baseUrl}/cohorts/${SLUG}/members`))!.status()).toBe(404);
    await context.close();

    expect((await requestMagicLink(reviewerTwo, { callbackUrl: `/cohorts/${SLUG}/applications` })).status).toBe(200);
    const cookie = await followLink((await waitForMailTo(reviewerTwo, 'Your sign-in link for Fellowship')).url!);
    const [ada] = await sql<{ id: string }>(`SELECT a.id FROM "Application" a JOIN "Cohort" c ON c.id = a."cohortId" WHERE c.slug = $1 AND a.name = 'Ada Applicant'`, [SLUG]);
    await trpcMutation('applications.review', { cohort: SLUG, applicationId: ada!.id, score: 2, comment: 'Short answer.' }, cookie);
    const [scores] = await sql<{ n: number; mean: number }>(`SELECT count(*)::int AS n, avg(score)::float AS mean FROM "ApplicationReview" WHERE "applicationId" = $1`, [ada!.id]);
    expect(scores).toEqual({ n: 2, mean: 3 });
  });

  it('the admin accepts sixteen and waitlists four in bulk; each applicant is emailed the decision', async () => {
    await adminPage.goto(`${baseUrl}/cohorts/${SLUG}/applications`);
    await adminPage.getByRole('checkbox', { name: 'Select Ada Applicant' }).waitFor();
    await adminPage.getByRole('checkbox', { name: 'Select all shown' }).check();
    for (let i = 15; i <= 18; i++) await adminPage.getByRole('checkbox', { name: `Select Applicant ${i}`, exact: true }).uncheck();
    await adminPage.getByRole('region', { name: 'Decide the selected applications' }).getByText('16 applications selected').waitFor();
    await adminPage.getByRole('button', { name: 'Accept', exact: true }).click();
    await adminPage.getByRole('button', { name: 'Yes, accept' }).click();
    await adminPage.getByRole('status').filter({ hasText: '16 applications decided, 16 new members; 16 emailed.' }).waitFor();

    await adminPage.getByRole('checkbox', { name: 'Select all shown' }).check();
    await adminPage.getByRole('button', { name: 'Waitlist', exact: true }).click();
    await adminPage.getByRole('button', { name: 'Yes, waitlist' }).click();
    await adminPage.getByRole('status').filter({ hasText: '4 applications decided; 4 emailed.' }).waitFor();
    await adminPage.getByLabel('Status').selectOption('all');
    await adminPage.getByRole('checkbox', { name: 'Select Applicant 18' }).waitFor();
    await adminPage.screenshot({ path: screenshotPath('applications-decided-1280'), fullPage: true });

    const rows = await sql<{ status: string; n: number }>(
      `SELECT a.status::text AS status, count(*)::int AS n FROM "Application" a JOIN "Cohort" c ON c.id = a."cohortId" WHERE c.slug = $1 GROUP BY 1 ORDER BY 1`,
      [SLUG],
    );
    expect(rows).toEqual([
      { status: 'ACCEPTED', n: 16 },
      { status: 'WAITLISTED', n: 4 },
    ]);
    const [members] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Membership" m JOIN "Cohort" c ON c.id = m."cohortId" WHERE c.slug = $1 AND m.role = 'FELLOW'`, [SLUG]);
    expect(members!.n).toBe(16);
    // The in-app worker sends each decision: the accepted ones ask for availability.
    const accepted = await waitForMailTo(applicants[0]!, 'You have a place in Spring Intro Fellowship');
    expect(accepted.text).toContain('Dear Ada Applicant,');
    expect(accepted.text).toContain(`/cohorts/${SLUG}/availability`);
    await waitForMailTo(applicants[19]!, /on the waiting list/);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.addCookies(await admin.cookies());
    const phonePage = await phone.newPage();
    await phonePage.goto(`${baseUrl}/cohorts/${SLUG}/applications`);
    await phonePage.getByRole('heading', { name: 'Applications' }).waitFor();
    await phonePage.getByRole('checkbox', { name: 'Select Ada Applicant' }).waitFor();
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phonePage.screenshot({ path: screenshotPath('applications-review-390'), fullPage: true });
    await phone.close();

    // The CSV has every application with its scores.
    const csv = await (await fetch(`${baseUrl}/cohorts/${SLUG}/applications/export.csv`, { headers: { cookie: await demoSessionCookie('admin') } })).text();
    expect(csv.split('\n').filter(Boolean).length).toBe(21);
    expect(csv).toContain('Clear motivation.');
  });
});
