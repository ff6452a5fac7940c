// "Check links" in the curriculum editor: asks each reading's address whether it still
// answers, so an admin finds the dead links of last quarter's syllabus before fellows do.
//
// One request per link from the server (browsers may not read other sites' answers): HEAD,
// then GET for sites that refuse HEAD, redirects followed (by us, at most 5), the body never
// read, at most LINK_TIMEOUT_MS each, a few at a time. Admins only; the answer says no more than
// the status. It must not become a way into the server's network: only public addresses on the
// web ports are asked, each host name is looked up once and that address is the one connected
// to, and every private target, open port or closed, gets the same "not checked" (ADR 0021).
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { LookupAddress } from 'node:dns';
import type { z } from 'zod';
import type { checkLinksInput, curriculumRefInput } from '@/lib/schemas/curriculum-editor';
import { parseEnv } from '@/server/env';
import { AppError } from '@/server/errors';
import { isPublicAddress } from './address-policy';
import type { Db, ServiceContext } from '@/server/services/context';

const LINK_TIMEOUT_MS = 8_000;
const CONCURRENCY = 4;

export type LinkOutcome = 'ok' | 'moved' | 'broken' | 'unreachable';

export type LinkCheck = {
  itemId: string;
  url: string;
  outcome: LinkOutcome;
  /** The HTTP status of the last answer, or null when none came. */
  status: number | null;
  /** Where a redirect led, for 'moved'. */
  finalUrl: string | null;
  /** What happened, in words for the admin. */
  detail: string;
};

type Answer = { status: number; finalUrl: string };

/** Host name → its addresses, looked up once per request (tests give their own). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export type LinkCheckOptions = {
  timeoutMs?: number;
  /**
   * "host:port" pairs (or a bare "host": any port of it) that may be asked although they are
   * private or on another port: a test's own server, or an intranet (FELLOWSHIP_LINK_CHECK_ALLOW).
   * Never on by default.
   */
  allow?: readonly string[];
  resolve?: Resolver;
};

const MAX_REDIRECTS = 5;
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };
/** The one answer for every address inside a network, whatever its port: nothing to scan with. */
const NOT_CHECKED_PRIVATE = 'Not checked: private address.';

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** A link the checker will not ask; its message is the detail shown. */
class Refused extends Error {}
class Timeout extends Error {}

/**
 * One request, to the address that was checked: the host name is looked up once here, every
 * address it has must be public (or allowed), and the connection goes to the first of them
 * (a second lookup could answer differently: DNS rebinding). Redirects are not followed here.
 */
async function askOnce(url: URL, method: 'HEAD' | 'GET', options: Required<LinkCheckOptions>): Promise<{ status: number; location: string | null }> {
  if (!(url.protocol in DEFAULT_PORTS)) throw new Refused('Not checked: only http and https links are.');
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port || DEFAULT_PORTS[url.protocol]!;
  // "host:port", or "host" for every port of it.
  const allowed = options.allow.includes(`${url.hostname}:${port}`) || options.allow.includes(url.hostname);
  const family = isIP(hostname);
  const addresses = family ? [{ address: hostname, family }] : await options.resolve(hostname);
  if (addresses.length === 0) throw Object.assign(new Error('no address'), { code: 'ENOTFOUND' });
  // Before the port: a private address gets the same answer on every port.
  if (!allowed && !addresses.every((entry) => isPublicAddress(entry.address))) throw new Refused(NOT_CHECKED_PRIVATE);
  if (!allowed && url.port !== '') throw new Refused('Not checked: only links on the standard web ports (80 and 443) are asked.');
  const target = addresses[0]!;
  const fixedLookup: LookupFunction = (_name, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) (callback as (error: null, addresses: LookupAddress[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        protocol: url.protocol,
        host: hostname,
        port,
        method,
        path: `${url.pathname}${url.search}`,
        lookup: fixedLookup,
        agent: false,
        headers: { host: url.host, 'user-agent': 'Fellowship link check', accept: 'text/html,*/*;q=0.8' },
      },
      (response) => {
        clearTimeout(timer);
        // Only the status matters: let go of the body without reading it.
        resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? null });
        response.destroy();
      },
    );
    const timer = setTimeout(() => req.destroy(new Timeout()), options.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end();
  });
}

/** Follows redirects itself, at most MAX_REDIRECTS, checking every address on the way the same way. */
async function ask(start: string, method: 'HEAD' | 'GET', options: Required<LinkCheckOptions>): Promise<Answer> {
  let url = new URL(start);
  for (let hop = 0; ; hop++) {
    const { status, location } = await askOnce(url, method, options);
    if (status < 300 || status >= 400 || status === 304 || !location) return { status, finalUrl: url.href };
    if (hop === MAX_REDIRECTS) throw new Refused(`More than ${MAX_REDIRECTS} redirects: fellows' browsers may give up too.`);
    url = new URL(location, url);
  }
}

/** The system error codes anywhere in a failed request's chain of causes (ENOTFOUND, CERT_…). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  return [
    ...(typeof code === 'string' ? [code] : []),
    ...errorCodes(cause, depth + 1),
    ...(Array.isArray(errors) ? errors.flatMap((inner) => errorCodes(inner, depth + 1)) : []),
  ];
}

/**
 * What went wrong, in words. Refused, reset and non-HTTP answers read alike ("did not answer"),
 * so the outcome never tells an open port from a closed one.
 */
function failure(error: unknown, timeoutMs: number): string {
  if (error instanceof Refused) return error.message;
  if (error instanceof Timeout) return `No answer within ${timeoutMs / 1000} s.`;
  const codes = errorCodes(error);
  if (codes.some((code) => code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA')) return 'The site’s name does not resolve (no such site, or no network here).';
  if (codes.some((code) => code.startsWith('CERT_') || code.includes('SELF_SIGNED') || code.startsWith('ERR_TLS') || code.startsWith('UNABLE_TO_'))) return 'The site’s certificate is not valid.';
  return 'The site did not answer.';
}

/** The same page: "https://a.org" and "https://a.org/" and "#part" aside. */
function sameAddress(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  x.hash = '';
  y.hash = '';
  return x.href === y.href;
}

/** FELLOWSHIP_LINK_CHECK_ALLOW, read once. */
let configuredAllow: string[] | undefined;
function allowFromEnvironment(): string[] {
  configuredAllow ??= parseEnv().FELLOWSHIP_LINK_CHECK_ALLOW;
  return configuredAllow;
}

function withDefaults(options: LinkCheckOptions): Required<LinkCheckOptions> {
  return {
    timeoutMs: options.timeoutMs ?? LINK_TIMEOUT_MS,
    allow: options.allow ?? allowFromEnvironment(),
    resolve: options.resolve ?? systemResolver,
  };
}

/** One address: what it answers now. Never throws. */
async function checkLink(url: string, options: Required<LinkCheckOptions>): Promise<Omit<LinkCheck, 'itemId'>> {
  let answer: Answer;
  try {
    answer = await ask(url, 'HEAD', options);
    // Some sites answer HEAD with 403, 405 or 501 and GET with the page.
    if ([403, 405, 501].includes(answer.status)) answer = await ask(url, 'GET', options);
  } catch (error) {
    return { url, outcome: 'unreachable', status: null, finalUrl: null, detail: failure(error, options.timeoutMs) };
  }
  const { status, finalUrl } = answer;
  if (status >= 200 && status < 300) {
    return !sameAddress(finalUrl, url)
      ? { url, outcome: 'moved', status, finalUrl, detail: `Works, but now lives at ${finalUrl}.` }
      : { url, outcome: 'ok', status, finalUrl: null, detail: 'Works.' };
  }
  if (status === 404 || status === 410) return { url, outcome: 'broken', status, finalUrl: null, detail: `The page is gone (${status}).` };
  if (status >= 500) return { url, outcome: 'broken', status, finalUrl: null, detail: `The site answered ${status}: down, perhaps for now.` };
  return { url, outcome: 'broken', status, finalUrl: null, detail: `The site answered ${status}.` };
}

/** `work` on every entry, at most `size` at a time; the results in the list's order. */
async function withConcurrency<T, R>(list: T[], size: number, work: (entry: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(list.length);
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const index = next++;
      results[index] = await work(list[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, list.length) }, worker));
  return results;
}

const isWebLink = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url);

async function findCurriculumId(db: Db, slug: string): Promise<string> {
  const curriculum = await db.curriculum.findUnique({ where: { slug }, select: { id: true } });
  if (!curriculum) throw new AppError('NOT_FOUND', `No curriculum has the slug "${slug}".`);
  return curriculum.id;
}

/** The web links (http, https) of the given readings of one curriculum, checked, in the given order. */
export async function checkReadingLinks(
  ctx: ServiceContext,
  input: z.output<typeof checkLinksInput>,
  options: LinkCheckOptions = {},
): Promise<LinkCheck[]> {
  const { curriculum: curriculumSlug, itemIds } = input;
  const curriculumId = await findCurriculumId(ctx.db, curriculumSlug);
  const items = await ctx.db.curriculumItem.findMany({
    where: { id: { in: itemIds }, section: { week: { curriculumId } }, url: { not: null } },
    select: { id: true, url: true },
  });
  const order = new Map(itemIds.map((id, index) => [id, index]));
  const web = items.filter((item) => isWebLink(item.url)).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const settings = withDefaults(options);
  return withConcurrency(web, CONCURRENCY, async (item) => ({ itemId: item.id, ...(await checkLink(item.url!, settings)) }));
}

export type PlacedLinkCheck = LinkCheck & { title: string; week: string; section: string };

/** Every web link of a curriculum, checked, in syllabus order with where each reading is (for the CLI). */
export async function checkCurriculumLinks(
  ctx: ServiceContext,
  input: z.output<typeof curriculumRefInput>,
  options: LinkCheckOptions = {},
): Promise<PlacedLinkCheck[]> {
  const settings = withDefaults(options);
  const curriculumId = await findCurriculumId(ctx.db, input.curriculum);
  const items = await ctx.db.curriculumItem.findMany({
    where: { section: { week: { curriculumId } }, url: { not: null } },
    select: { id: true, url: true, title: true, position: true, section: { select: { title: true, position: true, week: { select: { number: true, label: true, title: true, position: true } } } } },
  });
  const web = items
    .filter((item) => isWebLink(item.url))
    .sort((a, b) => a.section.week.position - b.section.week.position || a.section.position - b.section.position || a.position - b.position);
  return withConcurrency(web, CONCURRENCY, async (item) => ({
    itemId: item.id,
    title: item.title,
    week: [item.section.week.label ?? (item.section.week.number === null ? null : `Week ${item.section.week.number}`), item.section.week.title]
      .filter(Boolean)
      .join(': '),
    section: item.section.title,
    ...(await checkLink(item.url!, settings)),
  }));
}
