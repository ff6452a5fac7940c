// What every service use case receives first: the database and who is asking. One exported
// function per use case, `(ctx, input)`, with `input` typed from one zod schema in
// src/lib/schemas/<domain>.ts. Routers, route handlers, pages and the CLI build the context;
// services never import the `db` singleton. See docs/decisions/0014-service-convention.md.
import type { PrismaClient } from '@/generated/prisma/client';
import type { SessionUser } from '@/server/auth/session-types';
import type { TokenPrincipal } from '@/server/services/api-tokens/authenticate-token';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';

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

/** A signed-in person acting in one cohort, with their access there (role, groups). */
export type CohortContext = UserContext & { access: CohortAccess };

/** The installation itself (the CLI, the seed, start-up): no person is asking. */
export function systemContext(db: Db, now?: Date): ServiceContext {
  return { db, user: null, now };
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
