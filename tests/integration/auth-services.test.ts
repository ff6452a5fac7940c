// The use cases next-auth's adapter, the demo sign-in and the sign-in email call (real PostgreSQL).
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { createSession, renewSession } from '@/server/services/auth/sessions';
import { startDemoSession } from '@/server/services/auth/start-demo-session';
import { systemContext } from '@/server/services/context';
import { DEMO_EMAILS } from '@/server/services/demo/demo-people';
import { saveDevMailboxMessage } from '@/server/services/dev-mailbox/dev-mailbox';
import { createUser } from '../factories';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const policy = { maxAgeMs: 30 * DAY, idleMs: 14 * DAY };

describe('renewSession', () => {
  it('moves the expiry, but never past the absolute lifetime', async () => {
    const user = await createUser();
    const createdAt = new Date('2027-01-01T00:00:00Z');
    const { sessionToken } = await createSession(db, user.id, policy, createdAt);
    const ctx = systemContext(db);

    const soon = new Date(createdAt.getTime() + 10 * DAY);
    expect(await renewSession(ctx, { sessionToken, expires: soon, maxAgeMs: policy.maxAgeMs })).toEqual({
      sessionToken,
      userId: user.id,
      expires: soon,
    });
    const renewed = await renewSession(ctx, { sessionToken, expires: new Date(createdAt.getTime() + 90 * DAY), maxAgeMs: policy.maxAgeMs });
    expect(renewed?.expires).toEqual(new Date(createdAt.getTime() + policy.maxAgeMs));
  });

  it('returns null for a session that is gone', async () => {
    expect(await renewSession(systemContext(db), { sessionToken: 'no-such-token', expires: new Date(), maxAgeMs: policy.maxAgeMs })).toBeNull();
  });
});

describe('startDemoSession', () => {
  it('is null while the demo people are missing or disabled, and signs them in otherwise', async () => {
    const ctx = systemContext(db, new Date('2027-02-01T00:00:00Z'));
    expect(await startDemoSession(ctx, { role: 'admin', policy })).toBeNull();

    const admin = await createUser({ email: DEMO_EMAILS.admin, isAdmin: true });
    const session = await startDemoSession(ctx, { role: 'admin', policy });
    expect(session?.expires).toEqual(new Date(ctx.now!.getTime() + policy.idleMs));
    const stored = await db.session.findUnique({ where: { sessionToken: session!.sessionToken }, select: { userId: true } });
    expect(stored?.userId).toBe(admin.id);

    await db.user.update({ where: { id: admin.id }, data: { disabledAt: new Date() } });
    expect(await startDemoSession(ctx, { role: 'admin', policy })).toBeNull();
  });
});

describe('saveDevMailboxMessage', () => {
  it('keeps the email for the dev mailbox page', async () => {
    const to = `mailbox-${Date.now()}@example.test`;
    await saveDevMailboxMessage(systemContext(db), { to, subject: 'Sign in', text: 'Use the link', url: 'http://localhost/x' });
    expect(await db.devMailboxMessage.findFirst({ where: { to }, select: { subject: true, url: true } })).toEqual({
      subject: 'Sign in',
      url: 'http://localhost/x',
    });
  });
});
