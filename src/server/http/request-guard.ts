// What every cookie-authenticated route handler checks before its own code runs: that the
// request is addressed to this site (a DNS-rebinding name pointing at a laptop's 127.0.0.1, or
// a stranger's domain pointing at the server, is refused before sign-in or the dev mailbox can
// answer it), and that its body fits the route's limit (refused by Content-Length at once, cut
// off past the limit when streamed) before anything parses it.
import 'server-only';
import { NextRequest } from 'next/server';
import { parseEnv } from '@/server/env';
import { readBodyWithin } from './read-bounded-body';

/** Body limits per kind of route, in bytes. tRPC's is configurable (FELLOWSHIP_TRPC_MAX_BODY_BYTES). */
export const BODY_LIMITS = {
  /** next-auth's forms: an email address, a CSRF token, a callback URL. */
  auth: 64 * 1024,
  /** Routes that take no body at all: downloads, exports, calendars. */
  none: 0,
  /** The one-click unsubscribe: "List-Unsubscribe=One-Click" or a small form. */
  unsubscribe: 4 * 1024,
} as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function payloadTooLarge(limit: number): Response {
  return jsonError(
    413,
    'PAYLOAD_TOO_LARGE',
    limit === 0 ? 'This address takes no request body.' : `The request body is larger than ${describeBytes(limit)}, the most this address takes.`,
  );
}

/** The host names this site answers to: the loopback names, NEXTAUTH_URL's, and FELLOWSHIP_ALLOWED_HOSTS. */
export function allowedHostNames(env = parseEnv()): Set<string> {
  const names = new Set([...LOOPBACK_HOSTS, ...env.FELLOWSHIP_ALLOWED_HOSTS]);
  if (env.NEXTAUTH_URL) names.add(new URL(env.NEXTAUTH_URL).hostname.toLowerCase());
  return names;
}

let cachedHosts: Set<string> | undefined;

/** The Host header's name (no port), or null when there is none or it is not a host name. */
export function hostNameOf(headers: Headers): string | null {
  const host = headers.get('host');
  if (!host || !URL.canParse(`http://${host}`)) return null;
  const url = new URL(`http://${host}`);
  // "host/path", "user@host": not a Host header a browser sends.
  if (url.username || url.password || url.pathname !== '/' || `${url.host}` !== host.toLowerCase()) return null;
  return url.hostname;
}

/** Is the request addressed to one of this site's names? (Pages ask with `await headers()`.) */
export function isAddressedToThisSite(headers: Headers): boolean {
  cachedHosts ??= allowedHostNames();
  const name = hostNameOf(headers);
  return name !== null && cachedHosts.has(name);
}

/** A 421 when the request is addressed to a host this site is not, else null. */
export function refuseForeignHost(request: Request): Response | null {
  if (isAddressedToThisSite(request.headers)) return null;
  return jsonError(
    421,
    'MISDIRECTED_REQUEST',
    'This site does not answer to that address. Open it at the address its administrator set (NEXTAUTH_URL), or add the name to FELLOWSHIP_ALLOWED_HOSTS.',
  );
}

/**
 * The request with its body read within `limit` (a fresh request, so the handler can read it
 * as usual), or a 413 response. Nothing past the limit is kept in memory.
 */
export async function boundBody(request: Request, limit: number): Promise<NextRequest | Response> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  // Refused unread: Node discards the rest of the upload once the 413 has gone out.
  if (Number.isFinite(declared) && declared > limit) return payloadTooLarge(limit);
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) {
    return request instanceof NextRequest ? request : new NextRequest(request);
  }
  const tooLarge = new Error('too large');
  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithin(request, limit, () => tooLarge);
  } catch (error) {
    if (error === tooLarge) return payloadTooLarge(limit);
    throw error;
  }
  const headers = new Headers(request.headers);
  headers.delete('transfer-encoding');
  headers.set('content-length', String(bytes.byteLength));
  return new NextRequest(request.url, { method: request.method, headers, body: bytes as BodyInit, signal: request.signal });
}

type Handler<C> = (request: NextRequest, context: C) => Response | Promise<Response>;

/**
 * Wraps a route handler: refuses foreign hosts (unless `checkHost` is false) and bodies past
 * `maxBodyBytes`, then calls the handler with the bounded request. Downloads skip the host
 * check: they need a session, and a rebinding page can get none (sign-in checks the host), and
 * calendar apps fetch the feed by whatever name it was subscribed under.
 */
export function guardRoute<C>(options: { maxBodyBytes: number; checkHost?: boolean }, handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    if (options.checkHost !== false) {
      const refusal = refuseForeignHost(request);
      if (refusal) return refusal;
    }
    const bounded = await boundBody(request, options.maxBodyBytes);
    if (bounded instanceof Response) return bounded;
    return handler(bounded, context);
  };
}
