// Email sign-in end to end: real SMTP delivery (tests/setup/mail-catcher.ts), real magic links
// in Chromium, and the ways a link or a request can be refused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import {
  baseUrl,
  magicLink,
  mailTo,
  requestMagicLink,
  sql,
  uniqueEmail,
  waitForMail,
} from './support';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

/** Fills the email form on the current page and sends it. */
async function askForLink(page: Page, email: string, button: RegExp = /email me a .*link/i) {
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: button }).click();
}

async function expectVerificationError(page: Page) {
  await page.waitForURL((url) => url.pathname === '/auth/error');
  expect(new URL(page.url()).searchParams.get('error')).toBe('Verification');
  await page.getByRole('heading', { name: /no longer works/i }).waitFor();
  // …and offers a form for a new link right there.
  await page.getByLabel('Email address').waitFor();
  expect(await page.getByRole('button', { name: /new link/i }).count()).toBe(1);
}

describe('magic link sign-in', () => {
  it('takes an invited newcomer from the invitation to their cohort and out again', async () => {
    const email = uniqueEmail('newfellow');

    // The demo admin invites the address into Group A of the demo cohort.
    await inviteThroughMembersPage(email);

    // The newcomer asks for a link in a browser of their own.
    const page = await freshPage();
    await page.goto(`${baseUrl}/signin`);
    await askForLink(page, email);
    await page.waitForURL((url) => url.pathname === '/signin/check-email');
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const mail = await waitForMail(email);
    expect(mail.subject).toMatch(/sign-in link/i);
    const link = magicLink(mail);
    await page.goto(link);
    await page.waitForURL((url) => url.pathname === '/cohorts/demo');
    await page.screenshot({ path: screenshotPath('magic-link-landing'), fullPage: true });

    // The invitation became a fellow membership in Group A.
    const memberships = await sql<{ role: string; group: string | null; accepted: Date | null }>(
      `SELECT m.role, g.name AS "group", i."acceptedAt" AS accepted
         FROM "Membership" m JOIN "User" u ON u.id = m."userId"
         LEFT JOIN "DiscussionGroup" g ON g.id = m."groupId"
         JOIN "Invitation" i ON i.email = u.email
        WHERE u.email = $1`,
      [email],
    );
    expect(memberships).toEqual([{ role: 'FELLOW', group: 'Group A', accepted: expect.any(Date) }]);

    // Sign out from the account page; the account page then asks to sign in.
    await page.goto(`${baseUrl}/account`);
    await page.getByRole('main').getByText(email).waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`${baseUrl}/account`);
    await page.waitForURL((url) => url.pathname === '/signin');
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/account');
    expect(await sql(`SELECT 1 FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`, [email])).toEqual([]);
    await page.context().close();
  });
});

/** The demo admin invites the address on the cohort's members page. */
async function inviteThroughMembersPage(email: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/signin`);
  await page.getByRole('button', { name: /demo admin/i }).click();
  await page.waitForURL((url) => url.pathname !== '/signin' && !url.pathname.startsWith('/api/'));
  const response = await page.goto(`${baseUrl}/cohorts/demo/members`);
  expect(response?.status()).toBe(200);

  const invite = page.getByRole('region', { name: 'Invite people' });
  await invite.getByLabel('Email addresses').fill(email);
  await invite.getByLabel('Role').selectOption({ label: 'Fellow' });
  await invite.getByLabel('Group', { exact: true }).selectOption({ label: 'Group A' });
  await invite.getByRole('button', { name: 'Invite', exact: true }).click();
  await invite.getByRole('status').filter({ hasText: /1 invitation created/i }).waitFor();
  await page.getByRole('region', { name: 'Invitations' }).getByText(email).first().waitFor();
  await page.screenshot({ path: screenshotPath('members-invited'), fullPage: true });
  await context.close();

  const open = await sql<{ role: string; group: string }>(
    `SELECT i.role, g.name AS "group" FROM "Invitation" i JOIN "DiscussionGroup" g ON g.id = i."groupId"
      WHERE i.email = $1 AND i."acceptedAt" IS NULL AND i."revokedAt" IS NULL`,
    [email],
  );
  expect(open).toEqual([{ role: 'FELLOW', group: 'Group A' }]);
}

describe('links that no longer work', () => {
  it('refuses a tampered link', async () => {
    const email = 'fellow2@example.com';
    expect((await requestMagicLink(email)).ok).toBe(true);
    const url = new URL(magicLink(await waitForMail(email)));
    const token = url.searchParams.get('token')!;
    url.searchParams.set('token', `${token.slice(0, -4)}${token.slice(-4) === 'abcd' ? 'dcba' : 'abcd'}`);
    const page = await freshPage();
    await page.goto(url.toString());
    await expectVerificationError(page);
    // Tampering did not sign anyone in.
    await page.goto(`${baseUrl}/account`);
    await page.waitForURL((next) => next.pathname === '/signin');
    await page.context().close();
  });

  it('accepts a link once and refuses it the second time', async () => {
    const email = 'fellow3@example.com';
    expect((await requestMagicLink(email)).ok).toBe(true);
    const link = magicLink(await waitForMail(email));

    const first = await freshPage();
    await first.goto(link);
    await first.waitForURL((url) => url.pathname === '/cohorts/demo');
    await first.context().close();

    const second = await freshPage();
    await second.goto(link);
    await expectVerificationError(second);
    await second.context().close();
  });

  it('refuses an expired link, and the error page sends a new one', async () => {
    const email = 'fellow4@example.com';
    expect((await requestMagicLink(email)).ok).toBe(true);
    const link = magicLink(await waitForMail(email));
    const expired = await sql(
      `UPDATE "VerificationToken" SET expires = now() - interval '1 minute' WHERE identifier = $1 RETURNING 1`,
      [email],
    );
    expect(expired).toHaveLength(1);

    const page = await freshPage();
    await page.goto(link);
    await expectVerificationError(page);
    await page.screenshot({ path: screenshotPath('link-expired'), fullPage: true });

    // The form on the error page asks for a fresh link, which works.
    await askForLink(page, email, /new link/i);
    await page.waitForURL((url) => url.pathname === '/signin/check-email');
    const fresh = magicLink(await waitForMail(email, 2));
    expect(fresh).not.toBe(link);
    await page.goto(fresh);
    await page.waitForURL((url) => url.pathname === '/cohorts/demo');
    await page.context().close();
  });
});

describe('refused requests', () => {
  it('answers a flood of link requests for one address with 429, a message and Retry-After', async () => {
    const email = 'fellow5@example.com';
    const statuses: number[] = [];
    let refusal: Response | undefined;
    // The app runs with 3 sign-in emails per address per hour (tests/setup/global-app.ts).
    for (let i = 0; i < 5; i++) {
      const response = await requestMagicLink(email);
      statuses.push(response.status);
      if (response.status === 429) refusal ??= response;
      else await response.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(refusal!.headers.get('content-type')).toContain('application/json');
    expect(Number(refusal!.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refusal!.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(body.error.message).toMatch(/too many sign-in emails/i);

    // Only the allowed requests sent an email.
    await waitForMail(email, 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailTo(email)).toHaveLength(3);
  });

  it('counts every spelling of one inbox under one limit, and refuses addresses no mailbox has', async () => {
    const local = `spelling-${Date.now().toString(36)}`;
    // next-auth drops what follows a comma in the domain: each of these went to one inbox.
    for (let i = 0; i < 4; i++) {
      const response = await requestMagicLink(`${local}@example.org,${i}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/not an email address we can send to/i);
    }
    // Case and full-width letters fold to the same address: the app allows 3 per address.
    const spellings = [`${local}@example.org`, `${local.toUpperCase()}@EXAMPLE.ORG`, ` ${local}@example.org `, `${local}@ｅｘａｍｐｌｅ.org`, `${local}@example.org`];
    const statuses: number[] = [];
    for (const spelling of spellings) {
      const response = await requestMagicLink(spelling);
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('shows the rate-limit message in the sign-in form', async () => {
    const email = 'fellow5@example.com'; // already over its limit from the test above
    const page = await freshPage();
    await page.goto(`${baseUrl}/signin`);
    await askForLink(page, email);
    await page.getByText(/too many sign-in emails/i).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.context().close();
  });

  it('tells an address with no account or invitation so, and sends no email', async () => {
    const email = uniqueEmail('stranger');
    const page = await freshPage();
    await page.goto(`${baseUrl}/signin`);
    await askForLink(page, email);
    await page.getByText(/no account or invitation for this email address/i).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.context().close();
    expect(mailTo(email)).toEqual([]);
  });

  it('signs a disabled user out at their next request and sends them no new link', async () => {
    const email = 'fellow6@example.com';
    expect((await requestMagicLink(email)).ok).toBe(true);
    const page = await freshPage();
    await page.goto(magicLink(await waitForMail(email)));
    await page.waitForURL((url) => url.pathname === '/cohorts/demo');

    await sql(`UPDATE "User" SET "disabledAt" = now() WHERE email = $1`, [email]);
    try {
      await page.goto(`${baseUrl}/account`);
      await page.waitForURL((url) => url.pathname === '/signin');
      expect(await sql(`SELECT 1 FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`, [email])).toEqual([]);

      const response = await requestMagicLink(email);
      const body = (await response.json()) as { url: string };
      expect(new URL(body.url, baseUrl).searchParams.get('error')).toBe('AccountDisabled');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mailTo(email)).toHaveLength(1);
    } finally {
      await sql(`UPDATE "User" SET "disabledAt" = NULL WHERE email = $1`, [email]);
      await page.context().close();
    }
  });

  it('tells someone whose invitation expired what to do, and sends no email', async () => {
    const email = uniqueEmail('expired-invite');
    await sql(
      `INSERT INTO "Invitation" (id, "cohortId", email, role, "expiresAt", "createdAt")
       SELECT 'e2e-expired-' || md5(random()::text), id, $1, 'FELLOW', now() - interval '1 day', now() - interval '15 days'
         FROM "Cohort" WHERE slug = 'demo'`,
      [email],
    );

    // Over HTTP: next-auth's answer points at the error page with the reason.
    const response = await requestMagicLink(email);
    const body = (await response.json()) as { url: string };
    expect(new URL(body.url, baseUrl).pathname).toBe('/auth/error');
    expect(new URL(body.url, baseUrl).searchParams.get('error')).toBe('InvitationExpired');

    // In the browser: the sign-in form shows the message in place.
    const page = await freshPage();
    await page.goto(`${baseUrl}/signin`);
    await askForLink(page, email);
    await page.getByText(/your invitation has expired/i).waitFor();
    expect(await page.getByText(/invite you again/i).count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('invitation-expired'), fullPage: true });

    // …and the error page next-auth points at says the same.
    await page.goto(`${baseUrl}${body.url.startsWith('/') ? body.url : new URL(body.url).pathname + new URL(body.url).search}`);
    await page.getByRole('heading', { name: /invitation has expired/i }).waitFor();
    expect(await page.getByText(/ask the admin of your fellowship to invite you again/i).count()).toBe(1);
    await page.context().close();

    expect(mailTo(email)).toEqual([]);
  });
});
