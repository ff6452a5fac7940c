// The quarter's start in a real browser, against the running app and its in-app worker, with
// emails through the test SMTP server: an admin opens applications with two questions; twenty
// applicants apply signed out (two in the browser, one on a phone-sized screen, the rest over
// HTTP as the form does) and confirm by the emailed link; a reviewer added on the form page
// scores in the table, a second over HTTP; the admin accepts sixteen and waitlists four in two
// bulk decisions, and each applicant gets the decision by email. Screenshots at 1280 and 390 px.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, demoSessionCookie, requestMagicLink, signInContextAs, sql, trpcMutation, uniqueEmail, waitForMailTo } from './support';
import { waitFor } from '../support/wait-for';

const SLUG = `apply-${Date.now().toString(36)}`;
const CONFIRM_SUBJECT = 'Confirm your application on Fellowship';

let browser: Browser;
let admin: BrowserContext;
let adminPage: Page;
const applicants: string[] = [];
/** Session cookies of the applicants who confirmed over HTTP, by address. */
const sessions = new Map<string, string>();
/** Applicants 1–3 of the HTTP ones apply to facilitate. */
const FACILITATOR_NUMBERS = new Set([1, 2, 3]);

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
      const role = FACILITATOR_NUMBERS.has(i) ? 'FACILITATOR' : 'FELLOW';
      const result = (await trpcMutation('applications.submit', { cohort: SLUG, email, name: `Applicant ${i}`, role, answers: { [why!]: `Reason number ${i}.`, [background!]: ['ML research', 'Software', 'Policy'][i % 3] } }, '')) as {
        needsConfirmation: boolean;
      };
      expect(result.needsConfirmation).toBe(true);
      expect((await requestMagicLink(email, { callbackUrl: `/apply/${SLUG}?confirmed=1` })).status).toBe(200);
    }
    for (const email of applicants.slice(2)) sessions.set(email, await followLink((await waitForMailTo(email, CONFIRM_SUBJECT)).url!));
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
    // The role filter shows the three who applied to facilitate, all accepted.
    await adminPage.getByLabel('Status').selectOption('ACCEPTED');
    await adminPage.getByLabel('Applying as').selectOption('FACILITATOR');
    await waitFor(async () => (await adminPage.getByRole('checkbox', { name: /^Select Applicant/ }).count()) === 3, 'the three facilitators');
    await adminPage.getByLabel('Applying as').selectOption('');
    await adminPage.getByLabel('Status').selectOption('to-decide');
    await waitFor(async () => (await adminPage.getByRole('checkbox', { name: /^Select Applicant/ }).count()) === 4, 'the four left to decide');

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
    const members = await sql<{ role: string; n: number }>(`SELECT m.role::text AS role, count(*)::int AS n FROM "Membership" m JOIN "Cohort" c ON c.id = m."cohortId" WHERE c.slug = $1 GROUP BY 1 ORDER BY 1`, [SLUG]);
    expect(members).toEqual([
      { role: 'FACILITATOR', n: 3 },
      { role: 'FELLOW', n: 13 },
    ]);
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

  it('accepted people mark their free times: one dragging on a computer, one tapping on a phone, the rest over HTTP', async () => {
    // Ada (applicants[0]) signs in by link and drags down Tuesday 18:00–21:00, then Thursday.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    expect((await requestMagicLink(applicants[0]!, { callbackUrl: `/cohorts/${SLUG}/availability` })).status).toBe(200);
    const page = await desk.newPage();
    await page.goto((await waitForMailTo(applicants[0]!, 'Your sign-in link for Fellowship')).url!);
    await page.getByRole('heading', { name: 'When are you free each week?' }).waitFor();
    await page.getByLabel('Your time zone').fill('Europe/London');
    for (const day of ['Tuesday', 'Thursday']) {
      const first = page.getByRole('button', { name: `${day} 18:00 to 18:30` });
      const last = page.getByRole('button', { name: `${day} 20:30 to 21:00` });
      await first.scrollIntoViewIfNeeded();
      const from = (await first.boundingBox())!;
      const to = (await last.boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
      await page.mouse.up();
    }
    await page.getByText('6 hours a week marked · not saved').waitFor();
    await page.getByRole('button', { name: 'Save my free times' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.screenshot({ path: screenshotPath('availability-1280'), fullPage: true });
    await desk.close();

    // Phoebe (applicants[1]) taps on a phone: taps toggle one half hour each.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    expect((await requestMagicLink(applicants[1]!, { callbackUrl: `/cohorts/${SLUG}/availability` })).status).toBe(200);
    const phonePage = await phone.newPage();
    await phonePage.goto((await waitForMailTo(applicants[1]!, 'Your sign-in link for Fellowship')).url!);
    await phonePage.getByRole('heading', { name: 'When are you free each week?' }).waitFor();
    await phonePage.getByLabel('Your time zone').fill('Europe/London');
    for (const day of ['Tuesday', 'Thursday']) {
      for (const time of ['18:00 to 18:30', '18:30 to 19:00', '19:00 to 19:30', '19:30 to 20:00', '20:00 to 20:30', '20:30 to 21:00']) {
        await phonePage.getByRole('button', { name: `${day} ${time}` }).tap();
      }
    }
    await phonePage.getByText('6 hours a week marked').waitFor();
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phonePage.getByRole('button', { name: 'Save my free times' }).click();
    await phonePage.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await phonePage.screenshot({ path: screenshotPath('availability-390'), fullPage: true });
    await phone.close();

    // The other accepted people over HTTP, in their zones: all free Tuesday and Thursday evenings, London time.
    const evenings = [1, 3].flatMap((day) => Array.from({ length: 6 }, (_, k) => day * 48 + 36 + k));
    for (const email of applicants.slice(2, 16)) {
      await trpcMutation('availability.save', { cohort: SLUG, timeZone: 'Europe/London', localSlots: evenings }, sessions.get(email)!);
    }
    const [painted] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Availability" a JOIN "Cohort" c ON c.id = a."cohortId" WHERE c.slug = $1`, [SLUG]);
    expect(painted!.n).toBe(16);
  });

  it('the admin proposes groups, moves a fellow, and publishes; fellows see their group and first meeting', async () => {
    await adminPage.goto(`${baseUrl}/cohorts/${SLUG}/grouping`);
    await adminPage.getByText('13 of 13 fellows and 3 of 3 facilitators have marked their free times').waitFor();
    await adminPage.getByLabel('Smallest group').fill('3');
    await adminPage.getByLabel('Largest group').fill('5');
    await adminPage.getByRole('button', { name: 'Propose groups' }).click();
    // The in-app worker solves it; the page follows.
    await adminPage.getByText('13 of 13 fellows placed').waitFor({ timeout: 60_000 });
    await adminPage.screenshot({ path: screenshotPath('grouping-proposal-1280'), fullPage: true });
    const groups = adminPage.getByRole('listitem', { name: /^New group/ });
    expect(await groups.count()).toBe(3);

    // Move Ada to the group she is not in, by the keyboard's "Move to" select.
    const moveAda = adminPage.getByRole('combobox', { name: 'Move Ada Applicant to' });
    const from = await moveAda.inputValue();
    const target = from === '0' ? '1' : '0';
    await moveAda.selectOption(target);
    await waitFor(async () => (await adminPage.getByRole('combobox', { name: 'Move Ada Applicant to' }).inputValue()) === target, 'Ada to move');
    await adminPage.getByText('Everyone is free then').first().waitFor();

    await adminPage.getByRole('button', { name: 'Publish these groups' }).click();
    await adminPage.getByRole('button', { name: 'Yes, publish' }).click();
    await adminPage.getByRole('status').filter({ hasText: /Published: 3 new groups, 13 fellows placed, 16 emailed\./ }).waitFor();

    const [ada] = await sql<{ name: string; meetingDay: number; meetingTime: string }>(
      `SELECT g.name, g."meetingDay", g."meetingTime" FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "DiscussionGroup" g ON g.id = m."groupId" WHERE u.email = $1`,
      [applicants[0]],
    );
    expect(ada!.meetingDay === 2 || ada!.meetingDay === 4).toBe(true);
    const mail = await waitForMailTo(applicants[0]!, /^Your group in Spring Intro Fellowship/);
    expect(mail.subject).toBe(`Your group in Spring Intro Fellowship: ${ada!.name}`);

    const fellow = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await fellow.addCookies([{ name: sessions.get(applicants[5]!)!.split('=')[0]!, value: sessions.get(applicants[5]!)!.split('=')[1]!, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const home = await fellow.newPage();
    await home.goto(`${baseUrl}/cohorts/${SLUG}`);
    const group = home.getByRole('region', { name: /Your group/ }).or(home.locator('section[aria-labelledby="group-heading"]'));
    await group.getByText(/^Group \d/).first().waitFor();
    await home.screenshot({ path: screenshotPath('grouping-fellow-home-1280'), fullPage: true });
    await fellow.close();
  });

  it('a fellow asks to join another group for one meeting, its facilitator approves; another defers to a later cohort', async () => {
    const fellowEmail = applicants[5]!;
    const fellow = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const [name, value] = sessions.get(fellowEmail)!.split('=') as [string, string];
    await fellow.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const page = await fellow.newPage();
    await page.goto(`${baseUrl}/cohorts/${SLUG}`);
    await page.getByRole('link', { name: 'Switch group or leave' }).click();
    await page.getByRole('heading', { name: 'Switch group, defer or leave' }).waitFor();
    const card = page.getByRole('listitem', { name: /^Group \d/ }).first();
    await card.getByText('✓ You are free then').waitFor();
    const target = (await card.getByRole('heading').textContent())!.trim();
    await page.getByLabel(/^Why/).fill('A clash with a lab that week.');
    await card.getByRole('button', { name: 'Ask to join this meeting' }).click();
    await page.getByRole('status').filter({ hasText: 'Asked: the facilitator will decide' }).waitFor();
    await page.getByText('Waiting for a decision').waitFor();
    await page.screenshot({ path: screenshotPath('switch-request-1280'), fullPage: true });
    await fellow.close();

    // The receiving group's facilitator (an applicant accepted as one) approves on their requests page.
    const [lead] = await sql<{ email: string }>(
      `SELECT u.email FROM "GroupFacilitator" gf JOIN "DiscussionGroup" g ON g.id = gf."groupId" JOIN "Cohort" c ON c.id = g."cohortId" JOIN "Membership" m ON m.id = gf."membershipId" JOIN "User" u ON u.id = m."userId" WHERE c.slug = $1 AND g.name = $2`,
      [SLUG, target],
    );
    expect(await waitForMailTo(lead!.email, /asks to join/)).toBeTruthy();
    const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const [fName, fValue] = sessions.get(lead!.email)!.split('=') as [string, string];
    await facilitator.addCookies([{ name: fName, value: fValue, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const leadPage = await facilitator.newPage();
    await leadPage.goto(`${baseUrl}/cohorts/${SLUG}`);
    await leadPage.getByRole('link', { name: 'Switch requests' }).click();
    await leadPage.getByText('A clash with a lab that week.').waitFor();
    await leadPage.getByRole('button', { name: /^Approve/ }).click();
    await leadPage.getByRole('status').filter({ hasText: 'Approved; the fellow is told by email.' }).waitFor();
    await facilitator.close();
    const approved = await waitForMailTo(fellowEmail, /^You are joining/);
    expect(approved.subject).toBe(`You are joining ${target} for one meeting`);

    // Another fellow defers to the autumn round.
    await trpcMutation('cohorts.create', { curriculum: (await sql<{ slug: string }>(`SELECT slug FROM "Curriculum" WHERE "sourceId" IS NULL ORDER BY "createdAt" LIMIT 1`))[0]!.slug, name: 'Autumn Intro Fellowship', slug: `${SLUG}-autumn`, startDate: '2027-10-04', timeZone: 'Europe/London' }, await demoSessionCookie('admin'));
    const deferrerEmail = applicants[6]!;
    const deferrer = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const [dName, dValue] = sessions.get(deferrerEmail)!.split('=') as [string, string];
    await deferrer.addCookies([{ name: dName, value: dValue, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const deferPage = await deferrer.newPage();
    await deferPage.goto(`${baseUrl}/cohorts/${SLUG}/switch`);
    await deferPage.getByLabel('Defer to').selectOption(`${SLUG}-autumn`);
    await deferPage.getByRole('button', { name: 'Defer', exact: true }).click();
    await deferPage.getByRole('button', { name: 'Yes, defer' }).click();
    await deferPage.waitForURL(`${baseUrl}/cohorts/${SLUG}`);
    await deferrer.close();
    const [carried] = await sql<{ status: string; from: string | null }>(
      `SELECT a.status::text AS status, a."deferredFromId" AS from FROM "Application" a JOIN "Cohort" c ON c.id = a."cohortId" WHERE c.slug = $1 AND a.email = $2`,
      [`${SLUG}-autumn`, deferrerEmail],
    );
    expect(carried!.status).toBe('SUBMITTED');
    expect(carried!.from).not.toBeNull();
    await adminPage.goto(`${baseUrl}/cohorts/${SLUG}-autumn/applications`);
    await adminPage.getByText('deferred from Spring Intro Fellowship').waitFor();
  });
});
