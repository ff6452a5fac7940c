// "Check links" in the curriculum editor: asks each reading's address whether it still
// answers, so an admin finds the dead links of last quarter's syllabus before fellows do.
//
// One request per link from the server (browsers may not read other sites' answers): HEAD,
// then GET for sites that refuse HEAD, redirects followed, the body never read, at most
// LINK_TIMEOUT_MS each, a few at a time. Admins only; the answer says no more than the status.
import type { z } from 'zod';
import type { checkLinksInput, curriculumRefInput } from '@/lib/schemas/curriculum-editor';
import { AppError } from '@/server/errors';
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

async function ask(url: string, method: 'HEAD' | 'GET', timeoutMs: number): Promise<Answer> {
  const response = await fetch(url, {
    method,
    redirect: 'follow',
    signal: AbortSignal.timeout(timeoutMs),
    headers: { 'user-agent': 'Fellowship link check', accept: 'text/html,*/*;q=0.8' },
  });
  // Only the status matters: let go of the body without reading it.
  await response.body?.cancel().catch(() => {});
  return { status: response.status, finalUrl: response.url || url };
}

/** The system error codes anywhere in a failed fetch's chain of causes (ECONNREFUSED, ENOTFOUND…). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  return [
    ...(typeof code === 'string' ? [code] : []),
    ...errorCodes(cause, depth + 1),
    ...(Array.isArray(errors) ? errors.flatMap((inner) => errorCodes(inner, depth + 1)) : []),
  ];
}

function failure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `No answer within ${timeoutMs / 1000} s.`;
  const codes = errorCodes(error);
  if (codes.some((code) => code === 'ENOTFOUND' || code === 'EAI_AGAIN')) return 'The site’s name does not resolve (no such site, or no network here).';
  if (codes.includes('ECONNREFUSED')) return 'The site refused the connection.';
  if (codes.some((code) => code.startsWith('CERT_') || code.includes('SELF_SIGNED') || code.startsWith('ERR_TLS'))) return 'The site’s certificate is not valid.';
  if (codes.some((code) => code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')) return `No answer within ${timeoutMs / 1000} s.`;
  // fetch, as browsers do, refuses ports of other protocols (25, 110, …).
  if ((error as { cause?: { message?: string } }).cause?.message === 'bad port') return 'Browsers refuse that port number, so fellows could not open it either.';
  return 'The site could not be reached.';
}

/** The same page: fetch writes "https://a.org" as "https://a.org/" and drops "#part". */
function sameAddress(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  x.hash = '';
  y.hash = '';
  return x.href === y.href;
}

/** One address: what it answers now. Never throws. */
async function checkLink(url: string, timeoutMs = LINK_TIMEOUT_MS): Promise<Omit<LinkCheck, 'itemId'>> {
  let answer: Answer;
  try {
    answer = await ask(url, 'HEAD', timeoutMs);
    // Some sites answer HEAD with 403, 405 or 501 and GET with the page.
    if ([403, 405, 501].includes(answer.status)) answer = await ask(url, 'GET', timeoutMs);
  } catch (error) {
    return { url, outcome: 'unreachable', status: null, finalUrl: null, detail: failure(error, timeoutMs) };
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
  timeoutMs = LINK_TIMEOUT_MS,
): Promise<LinkCheck[]> {
  const { curriculum: curriculumSlug, itemIds } = input;
  const curriculumId = await findCurriculumId(ctx.db, curriculumSlug);
  const items = await ctx.db.curriculumItem.findMany({
    where: { id: { in: itemIds }, section: { week: { curriculumId } }, url: { not: null } },
    select: { id: true, url: true },
  });
  const order = new Map(itemIds.map((id, index) => [id, index]));
  const web = items.filter((item) => isWebLink(item.url)).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return withConcurrency(web, CONCURRENCY, async (item) => ({ itemId: item.id, ...(await checkLink(item.url!, timeoutMs)) }));
}

export type PlacedLinkCheck = LinkCheck & { title: string; week: string; section: string };

/** Every web link of a curriculum, checked, in syllabus order with where each reading is (for the CLI). */
export async function checkCurriculumLinks(
  ctx: ServiceContext,
  input: z.output<typeof curriculumRefInput>,
  timeoutMs = LINK_TIMEOUT_MS,
): Promise<PlacedLinkCheck[]> {
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
    ...(await checkLink(item.url!, timeoutMs)),
  }));
}
