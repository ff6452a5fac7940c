// The tRPC context and the only base procedures the app may use. Authorization lives here
// (and in services' where clauses), never in individual routers.
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import { getSession, type Session } from '@/server/auth/session';
import { db } from '@/server/db/client';
import { hasCohortRole, resolveCohortAccess, type CohortAccess, type CohortRole } from '@/server/services/cohorts/cohort-access';
import { slugSchema } from '@/lib/schemas/slug';
import { AppError, INTERNAL_ERROR_MESSAGE, listFieldIssues, toTRPCErrorCode } from '@/server/errors';

export type { Session };

/** Services own the database, so the context carries no Prisma client. */
export type TRPCContext = {
  session: Session | null;
  headers: Headers;
  /**
   * Set for the in-process calls of one page render (src/trpc/server.ts): each cohort's access
   * is read once however many procedures the page calls. Not for HTTP calls, where a batch may
   * hold a mutation that changes it.
   */
  cohortAccessOfRender?: Map<string, Promise<CohortAccess | null>>;
};

export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  return { session: await getSession(opts.headers), headers: opts.headers };
}

/** field path -> messages, so a form can put each message beside its input. */
export type FieldErrors = Record<string, string[]>;

function groupFieldErrors(error: ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const { path, message } of listFieldIssues(error)) {
    (fieldErrors[path] ??= []).push(message);
  }
  return fieldErrors;
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const fieldErrors = error.cause instanceof ZodError ? groupFieldErrors(error.cause) : null;
    // A failure nobody planned for may carry SQL or file paths in its message: hide it.
    const isUnexpected = error.code === 'INTERNAL_SERVER_ERROR' && !(error.cause instanceof AppError);
    const message = isUnexpected
      ? INTERNAL_ERROR_MESSAGE
      : fieldErrors
        ? 'Some fields need attention.'
        : shape.message;
    return {
      ...shape,
      message,
      data: {
        ...shape.data,
        fieldErrors,
        details: error.cause instanceof AppError ? (error.cause.details ?? null) : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Services throw AppError; the client should see its code and message, not a 500. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: toTRPCErrorCode(cause.code), message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapAppErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in to continue.' });
  }
  return next({ ctx: { session: ctx.session } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.session.user.isAdmin) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only admins can do this.' });
  }
  return next();
});

function readCohortAccess(ctx: TRPCContext, cohort: string, user: Session['user']): Promise<CohortAccess | null> {
  const memo = ctx.cohortAccessOfRender;
  if (!memo) return resolveCohortAccess(db, cohort, user);
  let access = memo.get(cohort);
  if (!access) {
    access = resolveCohortAccess(db, cohort, user);
    memo.set(cohort, access);
  }
  return access;
}

/**
 * Procedures scoped to one cohort, named by `cohort` (its slug) in the input. The caller must
 * be an admin or a member with at least `role`; anyone else gets NOT_FOUND, exactly as for a
 * cohort that does not exist. `ctx.cohort` carries the caller's access (facilitators' groups)
 * for services to filter by.
 */
export function cohortProcedure(role: CohortRole) {
  return protectedProcedure.input(z.object({ cohort: slugSchema })).use(async ({ ctx, input, next }) => {
    const access = await readCohortAccess(ctx, input.cohort, ctx.session.user);
    if (!access) throw new TRPCError({ code: 'NOT_FOUND', message: 'No cohort with that name.' });
    if (!hasCohortRole(access, role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `Only ${role === 'ADMIN' ? 'admins' : 'facilitators'} of this cohort can do this.` });
    }
    return next({ ctx: { cohort: access } });
  });
}
