// Quotas on what a training job may store: images per run and per person (count and bytes),
// and active API tokens per person. Small quotas are set for this file through the same
// environment variables an operator sets. Each refusal says which quota it hit; concurrent
// uploads cannot pass a quota together.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '@/server/api/v1/schemas';
import { db } from '@/server/db/client';
import { encodeGreyPng } from '@/server/services/demo/demo-png';
import { createApiToken } from '@/server/services/api-tokens/api-tokens';
import { createMembership, createUser } from '../../factories';
import { expectAppError } from '../../support/app-errors';
import { buildApiWorld, callApi, type ApiWorld } from './api-world';

let world: ApiWorld;

beforeAll(async () => {
  // Read once, at the first upload (src/server/quotas.ts).
  process.env.FELLOWSHIP_ARTIFACTS_PER_RUN = '3';
  process.env.FELLOWSHIP_ARTIFACT_MB_PER_RUN = '1';
  process.env.FELLOWSHIP_ARTIFACTS_PER_USER = '5';
  process.env.FELLOWSHIP_ARTIFACT_MB_PER_USER = '2';
  process.env.FELLOWSHIP_API_TOKENS_PER_USER = '4';
  world = await buildApiWorld();
});

const smallPng = () => encodeGreyPng(8, 8, new Uint8Array(64).fill(100));
/** Random pixels do not compress: a PNG of about `kb` kilobytes. */
const bigPng = (kb: number) => encodeGreyPng(256, (kb * 1024) / 256, new Uint8Array(randomBytes(kb * 1024)));

async function newRun(token: string, name: string): Promise<string> {
  const created = await callApi('POST', '/api/v1/runs', { token, body: { exercise: 'vae', client_run_id: name } });
  return (created.body as { run_id: string }).run_id;
}

const upload = (token: string, runId: string, name: string, bytes: Uint8Array, step = 0) =>
  callApi('POST', `/api/v1/runs/${runId}/artifacts?name=${name}&step=${step}`, { token, rawBody: bytes, headers: { 'content-type': 'image/png' } });

function refusal(answer: { status: number; body: unknown }, status: number) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return errorResponseSchema.parse(answer.body).error;
}

describe('image quotas', () => {
  it('refuses a run’s fourth image (429, per run), while replacing an image does not count', async () => {
    const runId = await newRun(world.tokenA, 'count');
    for (const name of ['a', 'b', 'c']) expect((await upload(world.tokenA, runId, name, smallPng())).status).toBe(201);
    const error = refusal(await upload(world.tokenA, runId, 'd', smallPng()), 429);
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/3 per run/);
    // The same name and step replaces: still three images.
    expect((await upload(world.tokenA, runId, 'a', smallPng())).status).toBe(201);
    expect(await db.runArtifact.count({ where: { runId } })).toBe(3);
  });

  it('refuses an image that takes a run past its megabytes (413, per run)', async () => {
    const runId = await newRun(world.tokenA, 'bytes');
    expect((await upload(world.tokenA, runId, 'big1', bigPng(600))).status).toBe(201);
    const error = refusal(await upload(world.tokenA, runId, 'big2', bigPng(600)), 413);
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/quota of 1 MB/);
    expect(await db.runArtifact.count({ where: { runId } })).toBe(1);
  });

  it('counts a person’s images across runs and cohorts (429, per person)', async () => {
    // Alice holds 3 + 1 images from the tests above; a run in her other cohort adds the fifth.
    const runId = await newRun(world.tokenB, 'other-cohort');
    expect((await upload(world.tokenB, runId, 'x', smallPng())).status).toBe(201);
    const error = refusal(await upload(world.tokenB, runId, 'y', smallPng()), 429);
    expect(error.message).toMatch(/5 per person/);
  });

  it('lets only as many concurrent uploads through as the quota allows', async () => {
    const runId = await newRun(world.bobToken, 'race');
    const answers = await Promise.all(['p', 'q', 'r', 's', 't', 'u'].map((name) => upload(world.bobToken, runId, name, smallPng())));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 201, 429, 429, 429]);
    expect(await db.runArtifact.count({ where: { runId } })).toBe(3);
  });
});

describe('API token quota', () => {
  it('refuses a person’s fifth active token, also when asked for at once, and says so', async () => {
    const carol = await createUser({ name: 'Carol', email: `carol-${Date.now()}@api.test` });
    await createMembership(world.cohortA.id, 'FELLOW', { userId: carol.id });
    const ask = (name: string) => createApiToken({ db, user: null }, { userId: carol.id, cohort: world.cohortA.slug, name, expiresInDays: null });
    const results = await Promise.allSettled(['1', '2', '3', '4', '5', '6'].map(ask));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(4);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    await expectAppError(Promise.reject(refused.reason), 'TOO_MANY_REQUESTS', /most one person may hold \(4\)/);
  });
});
