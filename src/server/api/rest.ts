// A small helper for /api/v1 route handlers: parse and validate the input, call one service,
// and answer every failure as JSON `{ error: { code, message, details? } }` with a fitting
// status. Unknown failures are logged and answered with a 500 that leaks nothing.
import { z } from 'zod';
import {
  AppError,
  INTERNAL_ERROR_MESSAGE,
  listFieldIssues,
  toHttpStatus,
  type AppErrorCode,
  type FieldIssue,
} from '@/server/errors';

/** Larger bodies are refused before they are read in full. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

type RouteParams = Record<string, string | string[] | undefined>;

/** The second argument Next passes to a route handler. */
export type RouteHandlerContext = { params: Promise<RouteParams> };

export type RouteHandler = (request: Request, context: RouteHandlerContext) => Promise<Response>;

type HandlerArgs<TParams, TQuery, TBody> = {
  request: Request;
  params: TParams;
  query: TQuery;
  body: TBody;
};

type RouteDefinition<TParams, TQuery, TBody> = {
  /** Path segments, e.g. `z.object({ slug: slugSchema })`. */
  params?: z.ZodType<TParams>;
  /** The search params; a repeated name arrives as an array. */
  query?: z.ZodType<TQuery>;
  /** A JSON body; when given, the request must be `application/json`. */
  body?: z.ZodType<TBody>;
  /** Returns data to send as JSON with 200, or a Response of its own (201, 204…). */
  handler: (args: HandlerArgs<TParams, TQuery, TBody>) => unknown;
};

export function defineRoute<TParams = undefined, TQuery = undefined, TBody = undefined>(
  definition: RouteDefinition<TParams, TQuery, TBody>,
): RouteHandler {
  return async (request, context) => {
    try {
      const params = parseInput(definition.params, await context.params, 'params');
      const query = parseInput(definition.query, readQuery(request), 'query');
      const body = definition.body
        ? parseInput(definition.body, await readJsonBody(request), null)
        : (undefined as TBody);
      const result = await definition.handler({ request, params, query, body });
      return result instanceof Response ? result : jsonResponse(result ?? null, 200);
    } catch (error) {
      return errorResponse(error);
    }
  };
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
  if (error instanceof AppError) return errorJson(error.code, error.message, error.details);
  console.error('[api] unexpected error:', error);
  return errorJson('INTERNAL', INTERNAL_ERROR_MESSAGE);
}

function parseInput<T>(schema: z.ZodType<T> | undefined, value: unknown, prefix: string | null): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = listFieldIssues(result.error).map((issue) => ({
    ...issue,
    path: prefix === null ? issue.path : [prefix, issue.path].filter(Boolean).join('.'),
  }));
  throw new AppError('BAD_REQUEST', 'The request is not valid; see details for each problem.', details);
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
  const bytes = await readBytesWithin(request, MAX_JSON_BODY_BYTES);
  if (bytes.byteLength === 0) throw new AppError('BAD_REQUEST', 'The request body is empty; send a JSON document.');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

function tooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024 / 1024} MB.`);
}

/** Reads the body, stopping as soon as it passes `limit` bytes. */
async function readBytesWithin(request: Request, limit: number): Promise<Uint8Array> {
  const declaredLength = Number(request.headers.get('content-length'));
  if (Number.isFinite(declaredLength) && declaredLength > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
