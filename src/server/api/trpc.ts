// The tRPC context and the only base procedures the app may use. Authorization lives here
// (and in services' where clauses), never in individual routers: each procedure names the
// permission it needs (src/lib/permissions.ts), and its context is the service context the
// service takes as is (`({ ctx, input }) => markAttendance(ctx, input)`).
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import { canOnSite, can, deniedMessage, type CohortPermission, type SitePermission } from '@/lib/permissions';
import { slugSchema } from '@/lib/schemas/slug';
import { getSession } from '@/server/auth/session';
import type { Session } from '@/server/auth/session-types';
import { accessDenied, AppError, cohortNotFound, INTERNAL_ERROR_MESSAGE, listFieldIssues, toTRPCErrorCode } from '@/server/errors';
import { resolveCohortAccess, type CohortAccess } from '@/server/services/cohorts/cohort-access';
import { requestContext, type ServiceContext } from '@/server/services/context';

export type { Session };

/** A service context (db, user) plus what the transport knows of the request. */
export type TRPCContext = ServiceContext & {
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
  const session = await getSession(opts.headers);
  return { ...requestContext(session?.user ?? null), session, headers: opts.headers };
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
  if (!ctx.session) throw accessDenied('UNAUTHORIZED', 'signed-out', 'Please sign in to continue.');
  return next({ ctx: { session: ctx.session, user: ctx.session.user } });
});

/** Site-wide permissions (not of one cohort): today, those of admins. */
export function siteProcedure(permission: SitePermission) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!canOnSite(ctx.user, permission)) throw accessDenied('FORBIDDEN', 'site-permission', 'Only admins can do this.');
    return next();
  });
}

function readCohortAccess(ctx: TRPCContext, cohort: string, user: Session['user']): Promise<CohortAccess | null> {
  const memo = ctx.cohortAccessOfRender;
  if (!memo) return resolveCohortAccess(ctx.db, cohort, user);
  let access = memo.get(cohort);
  if (!access) {
    access = resolveCohortAccess(ctx.db, cohort, user);
    memo.set(cohort, access);
  }
  return access;
}

/**
 * Procedures scoped to one cohort, named by `cohort` (its slug) in the input, that need
 * `permission` there. Anyone who is neither a member nor an admin gets NOT_FOUND, exactly as
 * for a cohort that does not exist; a member whose role lacks the permission, FORBIDDEN.
 * `ctx.access` carries the caller's access (role, groups) for services to filter by.
 */
export function cohortProcedure(permission: CohortPermission) {
  return protectedProcedure.input(z.object({ cohort: slugSchema })).use(async ({ ctx, input, next }) => {
    const access = await readCohortAccess(ctx, input.cohort, ctx.session.user);
    if (!access) throw cohortNotFound();
    if (!can(access, permission)) throw accessDenied('FORBIDDEN', 'cohort-permission', deniedMessage(permission));
    return next({ ctx: { access } });
  });
}
