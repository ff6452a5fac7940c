// One error type for everything a caller can cause or the app can refuse. Services throw it;
// tRPC (src/server/api/trpc.ts) and the REST helper (src/server/api/rest.ts) each map it
// once, so the same mistake reads the same through the web UI, the API and the CLI.
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { ZodError } from 'zod';

export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL';

/** One problem with one field; `path` is dotted ("weeks.0.title"), "" for the whole input. */
export type FieldIssue = { path: string; message: string };

/**
 * Why an access check refused, for tests and logs (never shown differently to the caller: a
 * NOT_FOUND reads the same whatever its reason). `signed-out`: no session. `site-permission`:
 * not allowed site-wide (not an admin). `no-cohort`: no such cohort, or one the caller is not
 * in. `cohort-permission`: in the cohort, but the role does not allow it. `out-of-reach`: the
 * object exists in the cohort but outside what the caller's permission reaches (another
 * group's meeting, another fellow's run), or belongs to another cohort. Errors of input and
 * state (a missing week, an archived cohort) have no reason.
 */
export type AccessReason = 'signed-out' | 'site-permission' | 'no-cohort' | 'cohort-permission' | 'out-of-reach';

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: FieldIssue[],
    /** For TOO_MANY_REQUESTS: when to try again; the REST API sends it as `Retry-After`. */
    readonly retryAfterSeconds?: number,
    /** Set by access checks only (see AccessReason). */
    readonly accessReason?: AccessReason,
  ) {
    super(message);
  }
}

/** An access check's refusal, with its reason. */
export function accessDenied(code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND', reason: AccessReason, message: string): AppError {
  return new AppError(code, message, undefined, undefined, reason);
}

export const NO_COHORT_MESSAGE = 'No cohort with that name.';

/**
 * The one "no such cohort" error: for a cohort that does not exist and one the caller is not in
 * alike. The operator at the CLI, who may see every cohort, is told the address they typed.
 */
export function cohortNotFound(slug?: string): AppError {
  return accessDenied('NOT_FOUND', 'no-cohort', slug === undefined ? NO_COHORT_MESSAGE : `No cohort has the address "${slug}".`);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** What users see when something fails that they did not cause; the real error is logged. */
export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong on our side. Please try again; if it keeps happening, tell an admin.';

const HTTP_STATUS_BY_CODE: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
};

const TRPC_CODE_BY_CODE: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export function toHttpStatus(code: AppErrorCode): number {
  return HTTP_STATUS_BY_CODE[code];
}

export function toTRPCErrorCode(code: AppErrorCode): TRPC_ERROR_CODE_KEY {
  return TRPC_CODE_BY_CODE[code];
}

/** Flattens a zod error into one entry per problem, in the order zod found them. */
export function listFieldIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** An object outside the caller's reach (or not there at all: the caller cannot tell which). */
export function outOfReach(message: string): AppError {
  return accessDenied('NOT_FOUND', 'out-of-reach', message);
}

/** A member of the cohort whose role or membership does not allow this. */
export function notPermitted(message: string): AppError {
  return accessDenied('FORBIDDEN', 'cohort-permission', message);
}
