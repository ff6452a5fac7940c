// Database sessions on real PostgreSQL: the session policy (idle expiry, absolute lifetime,
// sliding renewal capped at the absolute end, disabled users signed out at the next request),
// directly and through tRPC's real context path.
import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createCaller } from '@/server/api/root';
import { createTRPCContext, createTRPCRouter, createCallerFactory, protectedProcedure } from '@/server/api/trpc';
import { db } from '@/server/db/client';
import { createSession, findActiveSession, type SessionPolicy } from '@/server/services/auth/sessions';
import { createUser } from '../factories';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const policy: SessionPolicy = { maxAgeMs: 30 * DAY, idleMs: 14 * DAY };

async function insertSession(userId: string, createdAt: Date, expires: Date) {
  const sessionToken = randomBytes(16).toString('hex');
  await db.session.create({ data: { sessionToken, userId, createdAt, expires } });
  return sessionToken;
}

function contextFor(token: string) {
  return createTRPCContext({ headers: new Headers({ cookie: `next-auth.session-token=${token}` }) });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe('findActiveSession', () => {
  it('returns the user of a valid session', async () => {
    const user = await createUser({ name: 'Valid Val', isAdmin: true });
    const { sessionToken } = await createSession(db, user.id, policy);
    const active = await findActiveSession(db, sessionToken, policy);
    expect(active?.user).toEqual({ id: user.id, email: user.email, name: 'Valid Val', isAdmin: true });
  });

  it('returns null for an unknown token', async () => {
    expect(await findActiveSession(db, 'no-such-token', policy)).toBeNull();
  });

  it('stops a disabled user at the next request and deletes all their sessions', async () => {
    const user = await createUser();
    const other = await createUser();
    const first = await createSession(db, user.id, policy);
    await createSession(db, user.id, policy);
    const bystander = await createSession(db, other.id, policy);
    expect(await findActiveSession(db, first.sessionToken, policy)).not.toBeNull();

    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await findActiveSession(db, first.sessionToken, policy)).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    // Nobody else is signed out.
    expect(await findActiveSession(db, bystander.sessionToken, policy)).not.toBeNull();
  });

  it('ends a session idle past its expiry and deletes it', async () => {
    const user = await createUser();
    const now = Date.now();
    const token = await insertSession(user.id, new Date(now - 20 * DAY), new Date(now - 1000));
    expect(await findActiveSession(db, token, policy, new Date(now))).toBeNull();
    expect(await db.session.findUnique({ where: { sessionToken: token } })).toBeNull();
  });

  it('ends a session at its absolute lifetime even when `expires` is in the future', async () => {
    const user = await createUser();
    const now = Date.now();
    const token = await insertSession(user.id, new Date(now - 31 * DAY), new Date(now + 5 * DAY));
    expect(await findActiveSession(db, token, policy, new Date(now))).toBeNull();
    expect(await db.session.findUnique({ where: { sessionToken: token } })).toBeNull();
  });

  it('slides the idle expiry forward on a visit', async () => {
    const user = await createUser();
    const now = Date.now();
    const token = await insertSession(user.id, new Date(now - 2 * DAY), new Date(now + DAY));
    const active = await findActiveSession(db, token, policy, new Date(now));
    expect(active?.expires.getTime()).toBe(now + policy.idleMs);
    const stored = await db.session.findUniqueOrThrow({ where: { sessionToken: token } });
    expect(stored.expires.getTime()).toBe(now + policy.idleMs);
  });

  it('never extends a session past its absolute end', async () => {
    const user = await createUser();
    const now = Date.now();
    const createdAt = new Date(now - 29.5 * DAY);
    const absoluteEnd = createdAt.getTime() + policy.maxAgeMs; // 12 hours from now
    const token = await insertSession(user.id, createdAt, new Date(now + 60_000));
    const active = await findActiveSession(db, token, policy, new Date(now));
    expect(active?.expires.getTime()).toBe(absoluteEnd);
    const stored = await db.session.findUniqueOrThrow({ where: { sessionToken: token } });
    expect(stored.expires.getTime()).toBe(absoluteEnd);
    // Past the absolute end, the same session is over however recently it was renewed.
    expect(await findActiveSession(db, token, policy, new Date(absoluteEnd + 1000))).toBeNull();
  });
});

describe('sessions through the tRPC context', () => {
  // A protected procedure under test, built from the app's own base procedure.
  const whoAmI = createCallerFactory(
    createTRPCRouter({ me: protectedProcedure.query(({ ctx }) => ctx.session.user) }),
  );

  it('reads the cookie of a real session, and refuses it once the user is disabled', async () => {
    const user = await createUser({ name: 'Cookie Carl' });
    const { sessionToken } = await createSession(db, user.id, policy);

    const ctx = await contextFor(sessionToken);
    expect(ctx.session?.user).toMatchObject({ id: user.id, name: 'Cookie Carl' });
    expect(await whoAmI(ctx).me()).toMatchObject({ id: user.id });

    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const after = await contextFor(sessionToken);
    expect(after.session).toBeNull();
    expect(await codeOf(whoAmI(after).me())).toBe('UNAUTHORIZED');
  });

  it('gives the app router\'s protected procedures UNAUTHORIZED after disabling', async () => {
    const user = await createUser();
    const { sessionToken } = await createSession(db, user.id, policy);
    const call = async () => createCaller(await contextFor(sessionToken)).account.me();
    expect(await codeOf(call())).toBe('OK');
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await codeOf(call())).toBe('UNAUTHORIZED');
  });
});
