// Database sessions: the one place that decides whether a session token still signs someone in.
// Used by tRPC's context, server components and next-auth's adapter alike.
import { randomBytes } from 'node:crypto';
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import type { RenewSessionInput } from '@/lib/schemas/auth';
import type { MemberCohort, Session } from '@/server/auth/session-types';
import type { ServiceContext } from '@/server/services/context';

export type SessionPolicy = { maxAgeMs: number; idleMs: number };

/** How often a visit pushes the idle expiry forward: not on every request. */
const EXTEND_AFTER_MS = 60 * 60 * 1000;

const sessionSelect = {
  id: true,
  expires: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true, isAdmin: true, disabledAt: true } },
} as const;

/** …and, for a page, the person's cohorts for the site header, in the same statement (ADR 0033). */
const sessionWithCohortsSelect = {
  ...sessionSelect,
  user: {
    select: {
      ...sessionSelect.user.select,
      memberships: {
        orderBy: [{ cohort: { startDate: 'desc' as const } }, { cohort: { name: 'asc' as const } }],
        select: { role: true, cohort: { select: { slug: true, name: true } } },
      },
    },
  },
} satisfies Prisma.SessionSelect;

/**
 * The signed-in user for a session token, or null. A session ends when idle too long, at its
 * absolute lifetime, or at once when its user is disabled; an ended session is deleted.
 */
export async function findActiveSession(
  db: PrismaClient,
  sessionToken: string,
  policy: SessionPolicy,
  now = new Date(),
  options: { withCohorts?: boolean } = {},
): Promise<(Session & { sessionId: string; expires: Date; cohorts?: MemberCohort[] }) | null> {
  const withCohorts = options.withCohorts ? await db.session.findUnique({ where: { sessionToken }, select: sessionWithCohortsSelect }) : null;
  const session = options.withCohorts ? withCohorts : await db.session.findUnique({ where: { sessionToken }, select: sessionSelect });
  if (!session) return null;
  if (session.user.disabledAt) {
    await db.session.deleteMany({ where: { userId: session.user.id } });
    return null;
  }
  const absoluteEnd = session.createdAt.getTime() + policy.maxAgeMs;
  if (session.expires.getTime() <= now.getTime() || absoluteEnd <= now.getTime()) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  let expires = session.expires;
  const idleEnd = Math.min(now.getTime() + policy.idleMs, absoluteEnd);
  if (idleEnd - session.expires.getTime() > EXTEND_AFTER_MS) {
    expires = new Date(idleEnd);
    await db.session.update({ where: { id: session.id }, data: { expires } });
  }
  const { id, email, name, isAdmin } = session.user;
  const cohorts = withCohorts?.user.memberships.map((membership) => ({ slug: membership.cohort.slug, name: membership.cohort.name, role: membership.role }));
  return { sessionId: session.id, expires, user: { id, email, name, isAdmin }, ...(cohorts ? { cohorts } : {}) };
}

/** A new database session, as next-auth would make one (demo sign-in uses it). */
export async function createSession(db: PrismaClient, userId: string, policy: SessionPolicy, now = new Date()) {
  const sessionToken = randomBytes(32).toString('hex');
  const expires = new Date(now.getTime() + Math.min(policy.idleMs, policy.maxAgeMs));
  await db.session.create({ data: { sessionToken, userId, expires, createdAt: now } });
  return { sessionToken, expires };
}

export function listSessions(db: PrismaClient, userId: string) {
  return db.session.findMany({
    where: { userId, expires: { gt: new Date() } },
    select: { id: true, createdAt: true, expires: true },
    orderBy: { createdAt: 'desc' },
  });
}

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function deleteAllSessions(db: PrismaClient, userId: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId } });
  return count;
}

/**
 * next-auth renews a session by its own maxAge (its adapter's updateSession): never past the
 * session's absolute lifetime. Null when the session is gone.
 */
export async function renewSession(ctx: ServiceContext, input: RenewSessionInput) {
  const { sessionToken, expires, maxAgeMs } = input;
  const session = await ctx.db.session.findUnique({ where: { sessionToken }, select: { createdAt: true } });
  if (!session) return null;
  const limit = session.createdAt.getTime() + maxAgeMs;
  const clamped = expires && expires.getTime() > limit ? new Date(limit) : expires;
  return ctx.db.session.update({
    where: { sessionToken },
    data: { expires: clamped },
    select: { sessionToken: true, userId: true, expires: true },
  });
}
