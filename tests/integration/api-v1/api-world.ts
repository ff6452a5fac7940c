// A small world for the /api/v1 tests: a curriculum with a `vae` exercise (and a cohort copy
// for cohort B with its own), members with tokens, and a way to call the route handlers with
// real Request objects, exactly as Next calls them.
import { gzipSync } from 'node:zlib';
import * as meRoute from '@/app/api/v1/me/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import * as runRoute from '@/app/api/v1/runs/[runId]/route';
import * as metricsRoute from '@/app/api/v1/runs/[runId]/metrics/route';
import * as artifactsRoute from '@/app/api/v1/runs/[runId]/artifacts/route';
import * as notFoundRoute from '@/app/api/v1/[[...notFound]]/route';
import { db } from '@/server/db/client';
import { createApiToken } from '@/server/services/api-tokens/api-tokens';
import { createCohort, createMembership, createUser } from '../../factories';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export const ORIGIN = 'http://fellowship.test';

export async function createExerciseCurriculum(slug: string, exerciseSlug = 'vae') {
  return db.curriculum.create({
    data: {
      slug,
      title: `Curriculum ${slug}`,
      weeks: {
        create: [
          {
            position: 1,
            number: 5,
            title: 'VAEs',
            sections: {
              create: [
                {
                  position: 1,
                  title: 'Practical',
                  kind: 'PRACTICAL',
                  items: {
                    create: [
                      { position: 1, title: 'A reading', kind: 'READING' },
                      {
                        position: 2,
                        title: 'Full VAE derivation and implementation',
                        kind: 'EXERCISE',
                        exerciseSlug,
                        primaryMetric: 'elbo',
                        higherIsBetter: true,
                      },
                      { position: 3, title: 'Unslugged exercise', kind: 'EXERCISE' },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  });
}

export async function buildApiWorld() {
  const suffix = Math.random().toString(36).slice(2, 8);
  const curriculumA = await createExerciseCurriculum(`api-a-${suffix}`);
  const curriculumB = await createExerciseCurriculum(`api-b-${suffix}`, 'vae');
  const cohortA = await createCohort({ slug: `api-a-${suffix}`, name: 'Cohort A', status: 'ACTIVE', curriculumId: curriculumA.id });
  const cohortB = await createCohort({ slug: `api-b-${suffix}`, name: 'Cohort B', status: 'ACTIVE', curriculumId: curriculumB.id });
  const alice = await createUser({ name: 'Alice', email: `alice-${suffix}@api.test` });
  const bob = await createUser({ name: 'Bob', email: `bob-${suffix}@api.test` });
  await createMembership(cohortA.id, 'FELLOW', { userId: alice.id });
  await createMembership(cohortB.id, 'FELLOW', { userId: alice.id });
  await createMembership(cohortA.id, 'FELLOW', { userId: bob.id });
  const tokenA = await createApiToken({ db, user: null }, { userId: alice.id, cohort: cohortA.slug, name: 'alice A', expiresInDays: null });
  const tokenB = await createApiToken({ db, user: null }, { userId: alice.id, cohort: cohortB.slug, name: 'alice B', expiresInDays: null });
  const bobToken = await createApiToken({ db, user: null }, { userId: bob.id, cohort: cohortA.slug, name: 'bob A', expiresInDays: 30 });
  return { cohortA, cohortB, curriculumA, curriculumB, alice, bob, tokenA: tokenA.token, tokenB: tokenB.token, bobToken: bobToken.token, tokenAId: tokenA.id };
}

export type ApiWorld = Awaited<ReturnType<typeof buildApiWorld>>;

export type CallOptions = {
  token?: string | null;
  body?: unknown;
  /** Sent as is (a string or bytes), instead of JSON.stringify(body). */
  rawBody?: string | Uint8Array;
  gzip?: boolean;
  headers?: Record<string, string>;
};

export type ApiAnswer = { status: number; body: unknown; headers: Headers };

const ROUTES: { pattern: RegExp; module: Record<string, unknown>; params: string[] }[] = [
  { pattern: /^\/api\/v1\/me$/, module: meRoute, params: [] },
  { pattern: /^\/api\/v1\/runs$/, module: runsRoute, params: [] },
  { pattern: /^\/api\/v1\/runs\/([^/]+)$/, module: runRoute, params: ['runId'] },
  { pattern: /^\/api\/v1\/runs\/([^/]+)\/metrics$/, module: metricsRoute, params: ['runId'] },
  { pattern: /^\/api\/v1\/runs\/([^/]+)\/artifacts$/, module: artifactsRoute, params: ['runId'] },
  // Anything else under /api/v1 (e.g. a run id of "." that the URL resolves away).
  { pattern: /^\/api\/v1(?:\/.*)?$/, module: notFoundRoute, params: [] },
];

/** Calls the route handler for `method path` with a real Request; returns status and JSON. */
export async function callApi(method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const url = new URL(path, ORIGIN);
  const route = ROUTES.find((candidate) => candidate.pattern.test(url.pathname));
  if (!route) throw new Error(`No route for ${url.pathname}`);
  const match = route.pattern.exec(url.pathname)!;
  const params = Object.fromEntries(route.params.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
  const handler = route.module[method] as Handler | undefined;
  if (!handler) throw new Error(`No ${method} handler for ${url.pathname}`);

  const headers = new Headers(options.headers);
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  let payload: string | Uint8Array | undefined = options.rawBody;
  if (payload === undefined && options.body !== undefined) {
    payload = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  if (options.gzip && payload !== undefined) {
    payload = gzipSync(typeof payload === 'string' ? Buffer.from(payload) : payload);
    headers.set('content-encoding', 'gzip');
  }
  const request = new Request(url, { method, headers, body: payload as BodyInit | undefined });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // left as text: the tests say that every answer must be JSON
  }
  return { status: response.status, body, headers: response.headers };
}

export function points(count: number, options: { key?: string; keys?: string[]; from?: number; value?: (step: number, key: string) => number | string } = {}) {
  const keys = options.keys ?? [options.key ?? 'elbo'];
  const from = options.from ?? 0;
  const value = options.value ?? ((step: number) => -50 + step / 100);
  const list: { key: string; step: number; value: number | string; time: number }[] = [];
  for (let i = 0; list.length < count; i++) {
    for (const key of keys) {
      if (list.length >= count) break;
      list.push({ key, step: from + i, value: value(from + i, key), time: 1795693720 + i / 10 });
    }
  }
  return list;
}

/** Row counts of everything the API may write, to show that a refused request wrote nothing. */
export async function countRows() {
  const [runs, series, points, batches, tokens, artifacts] = await Promise.all([
    db.run.count(),
    db.metricSeries.count(),
    db.metricPoint.count(),
    db.ingestBatch.count(),
    db.apiToken.count(),
    db.runArtifact.count(),
  ]);
  const runState = await db.run.findMany({ select: { id: true, lastSeq: true, status: true, summary: true, params: true }, orderBy: { id: 'asc' } });
  const seriesState = await db.$queryRaw<{ s: string }[]>`
    SELECT coalesce(string_agg(concat_ws(':', id, count, min::text, max::text, last::text, "lastStep"), ',' ORDER BY id), '') AS s FROM "MetricSeries"`;
  return { runs, series, points, batches, tokens, artifacts, runState: JSON.stringify(runState), seriesState: seriesState[0]!.s };
}
