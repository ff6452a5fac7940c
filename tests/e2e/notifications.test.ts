// Notifications in a real browser against the running app (its worker inside `npm start`,
// emails to the test SMTP server): the members page shows each invitation's email state and
// sends one later; the announcement form counts its recipients before sending and fellows see
// it on their home; the account page's email choices save; the one-click unsubscribe works
// with a POST and no cookie; admins see the template previews and what was sent.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NOTIFICATION_KINDS } from '@/lib/notification-kinds';
import { signUnsubscribeToken } from '@/server/services/notifications/unsubscribe-token';
import { launchBrowser, screenshotPath } from './browser';
import { baseUrl, signInContextAs, sql, uniqueEmail, waitForMailTo } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function invitationBadge(page: Page, email: string) {
  return page.getByRole('row', { name: new RegExp(email.replace(/[.+]/g, '\\$&')) });
}

describe('notifications in the browser', () => {
  it('the members page shows each invitation’s email state, and sends a held one later', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContextAs(context, 'admin');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/cohorts/demo/members`);
    const now = uniqueEmail('emailed-now');
    const later = uniqueEmail('emailed-later');

    await page.getByLabel('Email addresses').fill(now);
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByText(/1 invitation created, 1 queued to be emailed/).waitFor();
    const mail = await waitForMailTo(now, /You're invited to/);
    expect(mail.text).toContain('Sign in and join');

    await page.getByLabel('Email addresses').fill(later);
    await page.getByLabel(/Email the invitations now/).uncheck();
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByText(/1 invitation created, not emailed yet/).waitFor();

    await page.reload();
    await (await invitationBadge(page, now)).getByText('Emailed', { exact: true }).waitFor();
    const laterRow = await invitationBadge(page, later);
    await laterRow.getByText('Not emailed', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('members-invitation-states-1280'), fullPage: true });
    await laterRow.getByRole('button', { name: /Send email/ }).click();
    await page.getByText(`The invitation to ${later} is queued to be emailed again.`).waitFor();
    await waitForMailTo(later, /You're invited to/);
    await page.reload();
    await (await invitationBadge(page, later)).getByText('Emailed', { exact: true }).waitFor();
    await context.close();
  });

  it('a facilitator’s announcement counts its recipients first, and the group’s fellows see it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContextAs(context, 'facilitator');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/cohorts/demo`);
    await page.getByRole('link', { name: 'Write to your group' }).click();
    await page.getByRole('heading', { name: 'Announcements', level: 1 }).waitFor();
    const status = page.getByText(/will see it on their cohort page/);
    await status.waitFor();
    const [, people] = /^(\d+) (?:person|people)/.exec((await status.textContent()) ?? '')!;
    expect(Number(people)).toBeGreaterThan(0);
    const subject = `Room change ${Date.now()}`;
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Message').fill('This week we meet in the library.\n\nSee you there!');
    await page.getByRole('button', { name: new RegExp(`Send to ${people} (person|people)`) }).click();
    await page.getByText(new RegExp(`Sent to ${people} (person|people)`)).waitFor();
    // The list of sent announcements updates too.
    await page.getByRole('heading', { name: subject }).waitFor();
    await page.screenshot({ path: screenshotPath('announcements-1280'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('announcements-390'), fullPage: true });
    await context.close();

    // fellow1 is in the demo facilitator's group.
    const fellow = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContextAs(fellow, 'fellow');
    const home = await fellow.newPage();
    await home.goto(`${baseUrl}/cohorts/demo`);
    await home.getByRole('heading', { name: subject }).waitFor();
    await fellow.close();
  });

  it('the account page saves email choices', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContextAs(context, 'fellow');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/account`);
    const digest = page.getByRole('checkbox', { name: /Weekly digest/ });
    await expect(digest.isChecked()).resolves.toBe(true);
    await digest.uncheck();
    await page.getByRole('checkbox', { name: /Training run alerts/ }).check();
    await page.getByLabel('Time zone for dates in emails').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save email choices' }).click();
    await page.getByText('Enter a time zone such as Europe/London or America/Los_Angeles.').waitFor();
    await page.getByLabel('Time zone for dates in emails').fill('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save email choices' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await expect(page.getByRole('checkbox', { name: /Weekly digest/ }).isChecked()).resolves.toBe(false);
    await expect(page.getByRole('checkbox', { name: /Training run alerts/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Time zone for dates in emails').inputValue()).resolves.toBe('Asia/Tokyo');
    await page.locator('#email').screenshot({ path: screenshotPath('account-email-preferences') });
    await page.getByRole('checkbox', { name: /Weekly digest/ }).check();
    await page.getByLabel('Time zone for dates in emails').fill('');
    await page.getByRole('button', { name: 'Save email choices' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await context.close();
  });

  it('one-click unsubscribe: a POST with no cookie turns the topic off; a tampered token changes nothing', async () => {
    const [fellow] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'fellow3@example.com'`);
    const secret = inject('appAuthEnv').NEXTAUTH_SECRET!;
    const token = signUnsubscribeToken(secret, fellow!.id, 'ANNOUNCEMENTS');
    const post = (value: string) =>
      fetch(`${baseUrl}/api/unsubscribe?token=${encodeURIComponent(value)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const tampered = await post(`${token.slice(0, -3)}abc`);
    expect(tampered.status).toBe(400);
    const foreign = await post(signUnsubscribeToken('some-other-site-secret-some-other-site', fellow!.id, 'ANNOUNCEMENTS'));
    expect(foreign.status).toBe(400);
    expect(await sql(`SELECT 1 FROM "EmailPreference" WHERE "userId" = $1 AND topic = 'ANNOUNCEMENTS'`, [fellow!.id])).toHaveLength(0);
    const ok = await post(token);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Unsubscribed from announcements');
    expect(await sql(`SELECT enabled FROM "EmailPreference" WHERE "userId" = $1 AND topic = 'ANNOUNCEMENTS'`, [fellow!.id])).toEqual([{ enabled: false }]);

    // The footer link's page asks before it changes anything.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(secret, fellow!.id, 'DIGEST'))}`);
    await page.getByText(/Stop weekly digest emails/).waitFor();
    await page.screenshot({ path: screenshotPath('unsubscribe-390') });
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByText('You will get no more weekly digest emails.', { exact: false }).waitFor();
    expect(await sql(`SELECT enabled FROM "EmailPreference" WHERE "userId" = $1 AND topic = 'DIGEST'`, [fellow!.id])).toEqual([{ enabled: false }]);
    await context.close();
  });

  it('admins see every template rendered, and what was sent', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContextAs(context, 'admin');
    const digest = await context.request.get(`${baseUrl}/admin/emails/weekly-digest`);
    expect(digest.status()).toBe(200);
    expect(await digest.text()).toContain('Your next meeting');
    // Framed only by the app's own pages, and sandboxed: nothing in an email runs.
    expect(digest.headers()['x-frame-options']).toBe('SAMEORIGIN');
    expect(digest.headers()['content-security-policy']).toMatch(/^sandbox; default-src 'none'.*frame-ancestors 'self'$/);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/emails`);
    await page.getByRole('heading', { name: 'Email templates', level: 1 }).waitFor();
    expect(await page.locator('iframe').count()).toBe(NOTIFICATION_KINDS.length);
    await page.frameLocator('iframe[title="Invitation email"]').getByText('Sign in and join').waitFor();
    await page.screenshot({ path: screenshotPath('admin-emails-1280') });
    await page.goto(`${baseUrl}/admin/notifications`);
    await page.getByRole('row', { name: /Invitation/ }).waitFor();
    await page.screenshot({ path: screenshotPath('admin-notifications-1280'), fullPage: true });
    await context.close();

    const fellow = await browser.newContext();
    await signInContextAs(fellow, 'fellow');
    expect((await fellow.request.get(`${baseUrl}/admin/emails/weekly-digest`)).status()).toBe(404);
    await fellow.close();
  });
});
