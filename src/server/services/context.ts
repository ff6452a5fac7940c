// What every service use case receives first: the database and who is asking. One exported
// function per use case, `(ctx, input)`, with `input` typed from one zod schema in
// src/lib/schemas/<domain>.ts. Routers, route handlers, pages and the CLI build the context;
// services never import the `db` singleton: this module is the one place that hands it out.
// See docs/decisions/0014-service-convention.md.
import 'server-only';
import type { PrismaClient } from '@/generated/prisma/client';
import type { SessionUser } from '@/server/auth/session-types';
import { createPrismaClient, db as processDb } from '@/server/db/client';
import { cohortNotFound } from '@/server/errors';
import type { TokenPrincipal } from '@/server/services/api-tokens/authenticate-token';
import { resolveCohortAccess, type CohortAccess } from '@/server/services/cohorts/cohort-access';

export type { CohortAccess, SessionUser };

/** The Prisma client, or the transaction a caller already holds. */
export type Db = PrismaClient;

/**
 * Anyone: a signed-out visitor (user null), a signed-in person, or the operator at the CLI
 * (user null too: the CLI acts as the installation itself; services that record who acted take
 * an explicit id in their input).
 */
export type ServiceContext = {
  db: Db;
  user: SessionUser | null;
  /** The clock, for tests that pin "now"; services default to the real time. */
  now?: Date;
};

/** A signed-in person. */
export type UserContext = ServiceContext & { user: SessionUser };

/**
 * Someone acting in one cohort, with their access there (role, groups): a signed-in member or
 * admin through the web app, or the operator at the CLI (user null, access of an admin).
 */
export type CohortContext = ServiceContext & { access: CohortAccess };

/** A signed-in person acting in one cohort (the web app's cohort pages): who they are matters. */
export type MemberContext = CohortContext & { user: SessionUser };

/** The person a use case records as having acted (who marked, who invited). */
export function actingUser(ctx: ServiceContext): SessionUser {
  if (!ctx.user) throw new Error('This use case records who acted, so it needs a signed-in person.');
  return ctx.user;
}

/** A request's context: the process's Prisma client and the person asking (null when signed out). */
export function requestContext(user: SessionUser): UserContext;
export function requestContext(user: SessionUser | null): ServiceContext;
export function requestContext(user: SessionUser | null): ServiceContext {
  return { db: processDb, user };
}

/**
 * A signed-in person's context in one cohort, for route handlers outside tRPC (exports, the
 * calendar file), or null when they cannot reach that cohort.
 */
export async function memberContext(user: SessionUser, cohortSlug: string): Promise<MemberContext | null> {
  const access = await resolveCohortAccess(processDb, cohortSlug, user);
  return access ? { db: processDb, user, access } : null;
}

/**
 * The installation itself (the CLI, the seed, start-up): no person is asking. Scripts and tests
 * that hold their own client pass it.
 */
export function systemContext(db: Db = processDb, now?: Date): ServiceContext {
  return { db, user: null, now };
}

/**
 * The operator's access to one cohort, by slug (the CLI acts as an admin of every cohort), or
 * NOT_FOUND for a cohort that does not exist.
 */
export async function systemCohortContext(db: Db, cohortSlug: string, now?: Date): Promise<CohortContext> {
  const cohort = await db.cohort.findUnique({ where: { slug: cohortSlug }, select: { id: true, slug: true } });
  if (!cohort) throw cohortNotFound(cohortSlug);
  return { db, user: null, now, access: { cohortId: cohort.id, cohortSlug: cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] } };
}

/**
 * A system context on a Prisma client of its own, for a process that is not the app server
 * (the CLI, `npm start`'s launcher): `close()` disconnects it.
 */
export function openSystemContext(databaseUrl: string): ServiceContext & { close(): Promise<void> } {
  const db = createPrismaClient(databaseUrl);
  return { db, user: null, close: () => db.$disconnect() };
}

/** The time a use case runs at. */
export function nowOf(ctx: { now?: Date }): Date {
  return ctx.now ?? new Date();
}

/**
 * A training job calling the REST API with an API token: the token acts as one member in one
 * cohort (user stays null: the token, not a session, says who it is). Built once per request
 * by src/server/api/v1/token-route.ts after the token is checked.
 */
export type TokenContext = ServiceContext & { token: TokenPrincipal };
