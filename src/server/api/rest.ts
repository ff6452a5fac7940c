// A small helper for /api/v1 route handlers: authenticate, parse and validate the input, call
// one service, and answer every failure as JSON `{ error: { code, message, details? } }` with
// a fitting status. Unknown failures are logged and answered with a 500 that leaks nothing.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { z } from 'zod';
import { readBodyWithin } from '@/server/http/read-bounded-body';
import {
  AppError,
  INTERNAL_ERROR_MESSAGE,
  listFieldIssues,
  toHttpStatus,
  type AppErrorCode,
  type FieldIssue,
} from '@/server/errors';

/** Larger bodies are refused before they are read in full; a gzip body also when unpacked. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const gunzipAsync = promisify(gunzip);

type RouteParams = Record<string, string | string[] | undefined>;

/** The second argument Next passes to a route handler. */
export type RouteHandlerContext = { params: Promise<RouteParams> };

export type RouteHandler = (request: Request, context: RouteHandlerContext) => Promise<Response>;

type HandlerArgs<TAuth, TParams, TQuery, TBody> = {
  request: Request;
  auth: TAuth;
  params: TParams;
  query: TQuery;
  body: TBody;
};

/** What an authenticate step returns: who calls, and headers for every answer (rate limits). */
export type Authenticated<TAuth> = { auth: TAuth; headers?: Record<string, string> };

export type RouteDefinition<TAuth, TParams, TQuery, TBody> = {
  /** Runs first, before anything is read: throws AppError (401, 403, 429) to refuse. */
  authenticate?: (request: Request) => Promise<Authenticated<TAuth>>;
  /** Path segments, e.g. `z.object({ slug: slugSchema })`. */
  params?: z.ZodType<TParams>;
  /** The search params; a repeated name arrives as an array. */
  query?: z.ZodType<TQuery>;
  /** A JSON body; when given, the request must be `application/json` (gzip allowed). */
  body?: z.ZodType<TBody>;
  /** Looks at the parsed JSON before the schema does, e.g. to answer 413 for too many items. */
  inspectBody?: (raw: unknown) => void;
  /** Returns data to send as JSON with 200, or a Response of its own (201, 204…). */
  handler: (args: HandlerArgs<TAuth, TParams, TQuery, TBody>) => unknown;
};

export function defineRoute<TAuth = undefined, TParams = undefined, TQuery = undefined, TBody = undefined>(
  definition: RouteDefinition<TAuth, TParams, TQuery, TBody>,
): RouteHandler {
  return async (request, context) => {
    let headers: Record<string, string> | undefined;
    try {
      let auth = undefined as TAuth;
      if (definition.authenticate) {
        const authenticated = await definition.authenticate(request);
        auth = authenticated.auth;
        headers = authenticated.headers;
      }
      const params = parseInput(definition.params, await context.params, 'params');
      const query = parseInput(definition.query, readQuery(request), 'query');
      let body = undefined as TBody;
      if (definition.body) {
        const raw = await readJsonBody(request);
        definition.inspectBody?.(raw);
        body = parseInput(definition.body, raw, null);
      }
      const result = await definition.handler({ request, auth, params, query, body });
      const response = result instanceof Response ? result : jsonResponse(result ?? null, 200);
      return withHeaders(response, headers);
    } catch (error) {
      return withHeaders(errorResponse(error), headers);
    }
  };
}

/** Handlers for the methods a route lacks: 405 with `Allow`, in the same JSON shape. */
export function methodNotAllowed(allowed: string[]): RouteHandler {
  return async (request) =>
    Response.json(
      { error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not supported here; use ${allowed.join(' or ')}.` } },
      { status: 405, headers: { Allow: allowed.join(', '), 'Cache-Control': 'no-store' } },
    );
}

function withHeaders(response: Response, headers: Record<string, string> | undefined): Response {
  if (headers) for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export function jsonResponse(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function errorJson(code: AppErrorCode, message: string, details?: FieldIssue[]): Response {
  const error = details && details.length > 0 ? { code, message, details } : { code, message };
  return jsonResponse({ error }, toHttpStatus(code));
}

/** Turns anything thrown into the JSON error answer; logs what users must not see. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const response = errorJson(error.code, error.message, error.details);
    if (error.retryAfterSeconds !== undefined) response.headers.set('Retry-After', String(error.retryAfterSeconds));
    return response;
  }
  console.error('[api] unexpected error:', error);
  return errorJson('INTERNAL', INTERNAL_ERROR_MESSAGE);
}

function parseInput<T>(schema: z.ZodType<T> | undefined, value: unknown, prefix: string | null): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidInput(result.error, prefix);
}

/** The 400 for a failed schema, one detail per problem; `prefix` names where the input was. */
export function invalidInput(error: z.ZodError, prefix: string | null = null): AppError {
  const issues = listFieldIssues(error);
  const details = issues.slice(0, 20).map((issue) => ({
    ...issue,
    path: prefix === null ? issue.path : [prefix, issue.path].filter(Boolean).join('.'),
  }));
  const first = details[0];
  const summary = first
    ? ` ${first.path ? `${first.path}: ` : ''}${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more; see details)` : ''}.`
    : '';
  return new AppError('BAD_REQUEST', `The request is not valid.${summary}`, details);
}

function readQuery(request: Request): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    const previous = query[name];
    query[name] = previous === undefined ? value : [previous, value].flat();
  }
  return query;
}

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

async function readJsonBody(request: Request): Promise<unknown> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!JSON_CONTENT_TYPE.test(contentType)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with "Content-Type: application/json".');
  }
  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Encoding "${encoding.slice(0, 40)}" is not supported: send the body as is, or gzip it with "Content-Encoding: gzip".`,
    );
  }
  let bytes = await readBodyWithin(request, MAX_JSON_BODY_BYTES, () => tooLarge());
  if (encoding === 'gzip' || encoding === 'x-gzip') bytes = await gunzipWithin(bytes, MAX_JSON_BODY_BYTES);
  if (bytes.byteLength === 0) throw new AppError('BAD_REQUEST', 'The request body is empty; send a JSON document.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
  assertPlainJson(value);
  return value;
}

/** Deeper documents are refused: validating or storing them could exhaust the stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * Walks a parsed document without recursion: refuses nesting deeper than MAX_JSON_DEPTH and
 * "__proto__" names, which would turn into prototypes rather than fields once copied.
 */
function assertPlainJson(root: unknown): void {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      throw new AppError('BAD_REQUEST', `The JSON document is nested more than ${MAX_JSON_DEPTH} levels deep.`);
    }
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push([item, depth + 1]);
    } else {
      for (const name of Object.keys(value)) {
        if (name === '__proto__') throw new AppError('BAD_REQUEST', 'The JSON document uses the reserved name "__proto__".');
        const item = (value as Record<string, unknown>)[name];
        if (item !== null && typeof item === 'object') stack.push([item, depth + 1]);
      }
    }
  }
}

function tooLarge(what = 'The request body'): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `${what} is larger than ${MAX_JSON_BODY_BYTES / 1024 / 1024} MB.`);
}

/** Unpacks a gzip body, refusing one that unpacks to more than `limit` bytes (a zip bomb). */
async function gunzipWithin(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  if (bytes.byteLength === 0) throw new AppError('BAD_REQUEST', 'The request body is empty; send a gzip-compressed JSON document.');
  try {
    return await gunzipAsync(bytes, { maxOutputLength: limit });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge('The request body, unpacked,');
    }
    throw new AppError('BAD_REQUEST', 'The request body is not valid gzip (Content-Encoding: gzip was sent).');
  }
}
