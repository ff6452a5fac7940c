// The /api/v1 contract through the route handlers (real Request objects, real PostgreSQL):
// create and resume, batches (duplicates, conflicts, replacement), NaN, downsampling,
// summaries, limits and errors. Answers are checked against the same zod schemas the OpenAPI
// document is generated from.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  errorResponseSchema,
  meResponseSchema,
  metricSeriesResponseSchema,
  metricsAcceptedSchema,
  runHandleSchema,
  runResponseSchema,
} from '@/server/api/v1/schemas';
import { db } from '@/server/db/client';
import { buildApiWorld, callApi, countRows, points, type ApiWorld } from './api-world';

let world: ApiWorld;
beforeAll(async () => {
  world = await buildApiWorld();
});

let runCounter = 0;
async function newRun(token = world.tokenA, extra: Record<string, unknown> = {}) {
  runCounter += 1;
  const answer = await callApi('POST', '/api/v1/runs', {
    token,
    body: { exercise: 'vae', client_run_id: `run-${runCounter}-${Date.now()}`, name: 'beta=1', params: { lr: 0.001 }, ...extra },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return runHandleSchema.parse(answer.body).run_id;
}

const send = (runId: string, seq: number, list: unknown[], token = world.tokenA, gzip = false) =>
  callApi('POST', `/api/v1/runs/${runId}/metrics`, { token, body: { seq, points: list }, gzip });

const getRun = async (runId: string, token = world.tokenA) => {
  const answer = await callApi('GET', `/api/v1/runs/${runId}`, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return runResponseSchema.parse(answer.body);
};

const readSeries = async (runId: string, key: string, maxPoints?: number) => {
  const query = new URLSearchParams({ key, ...(maxPoints ? { max_points: String(maxPoints) } : {}) });
  const answer = await callApi('GET', `/api/v1/runs/${runId}/metrics?${query}`, { token: world.tokenA });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return metricSeriesResponseSchema.parse(answer.body);
};

function expectError(answer: { status: number; body: unknown }, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const parsed = errorResponseSchema.parse(answer.body);
  expect(parsed.error.code).toBe(code);
  return parsed.error;
}

describe('GET /api/v1/me', () => {
  it("names the token's user and cohort and lists the cohort's exercises", async () => {
    const answer = await callApi('GET', '/api/v1/me', { token: world.tokenA });
    expect(answer.status).toBe(200);
    const me = meResponseSchema.parse(answer.body);
    expect(me.user.email).toBe(world.alice.email);
    expect(me.cohort).toEqual({ slug: world.cohortA.slug, name: 'Cohort A' });
    expect(me.exercises).toEqual([
      { slug: 'vae', title: 'Full VAE derivation and implementation', primary_metric: 'elbo', higher_is_better: true, week: 5 },
    ]);
    expect(answer.headers.get('x-ratelimit-limit')).toBe('600');
  });
});

describe('POST /api/v1/runs', () => {
  it('creates a run (201), then finds it again by client_run_id (200) with last_seq and last_steps', async () => {
    const body = { exercise: 'vae', client_run_id: 'resume-me', name: 'first', params: { lr: 0.001, beta: 1 }, tags: ['a'], git_sha: 'abc', host: 'gpu1' };
    const created = await callApi('POST', '/api/v1/runs', { token: world.tokenA, body });
    expect(created.status).toBe(201);
    const handle = runHandleSchema.parse(created.body);
    expect(handle).toMatchObject({ status: 'running', last_seq: 0, last_steps: {} });

    await send(handle.run_id, 1, points(20, { keys: ['elbo', 'kl'] }));
    const resumed = await callApi('POST', '/api/v1/runs', { token: world.tokenA, body: { ...body, name: 'ignored' } });
    expect(resumed.status).toBe(200);
    expect(runHandleSchema.parse(resumed.body)).toEqual({ run_id: handle.run_id, status: 'running', last_seq: 1, last_steps: { elbo: 9, kl: 9 } });
    const run = await getRun(handle.run_id);
    expect(run).toMatchObject({ name: 'first', params: { lr: 0.001, beta: 1 }, tags: ['a'], git_sha: 'abc', host: 'gpu1', exercise: 'vae' });
    // Starting a run is the fellow's activity in the facilitator's grid.
    const membership = await db.membership.findFirst({ where: { cohortId: world.cohortA.id, userId: world.alice.id }, select: { lastActivityAt: true } });
    expect(membership?.lastActivityAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('reopens a failed run when its job resumes, and keeps a finished one finished', async () => {
    const failed = await callApi('POST', '/api/v1/runs', { token: world.tokenA, body: { exercise: 'vae', client_run_id: 'crashes' } });
    const id = runHandleSchema.parse(failed.body).run_id;
    await callApi('PATCH', `/api/v1/runs/${id}`, { token: world.tokenA, body: { status: 'failed', exit_code: 1 } });
    const again = await callApi('POST', '/api/v1/runs', { token: world.tokenA, body: { exercise: 'vae', client_run_id: 'crashes' } });
    expect(runHandleSchema.parse(again.body).status).toBe('running');
    expect((await getRun(id)).exit_code).toBeNull();

    await callApi('PATCH', `/api/v1/runs/${id}`, { token: world.tokenA, body: { status: 'finished' } });
    const synced = await callApi('POST', '/api/v1/runs', { token: world.tokenA, body: { exercise: 'vae', client_run_id: 'crashes' } });
    expect(runHandleSchema.parse(synced.body).status).toBe('finished');
  });

  it('answers 404 for an exercise the cohort does not have, naming the ones it has', async () => {
    const before = await countRows();
    const error = expectError(await callApi('POST', '/api/v1/runs', { token: world.tokenA, body: { exercise: 'vea', client_run_id: 'x1' } }), 404, 'NOT_FOUND');
    expect(error.message).toContain('vae');
    expect(await countRows()).toEqual(before);
  });

  it('answers 409 when client_run_id names a run of another exercise or cohort', async () => {
    await newRun(world.tokenA, { client_run_id: 'shared-id' });
    const other = await callApi('POST', '/api/v1/runs', { token: world.tokenB, body: { exercise: 'vae', client_run_id: 'shared-id' } });
    expectError(other, 409, 'CONFLICT');
  });

  it('answers 400 naming each invalid field', async () => {
    const answer = await callApi('POST', '/api/v1/runs', { token: world.tokenA, body: { exercise: 7, client_run_id: '', tags: 'x' } });
    const error = expectError(answer, 400, 'BAD_REQUEST');
    expect([...new Set(error.details!.map((detail) => detail.path))].sort()).toEqual(['client_run_id', 'exercise', 'tags']);
  });

  it('two creates of one client_run_id at once make one run', async () => {
    const body = { exercise: 'vae', client_run_id: 'racing' };
    const answers = await Promise.all([1, 2, 3].map(() => callApi('POST', '/api/v1/runs', { token: world.tokenA, body })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((answer) => (answer.body as { run_id: string }).run_id)).size).toBe(1);
  });
});

describe('POST /api/v1/runs/{run_id}/metrics', () => {
  it('stores a batch, answers a replay with duplicate: true and changes nothing', async () => {
    const runId = await newRun();
    const batch = points(100, { keys: ['elbo', 'kl'] });
    const first = await send(runId, 1, batch);
    expect(first.status).toBe(200);
    expect(metricsAcceptedSchema.parse(first.body)).toEqual({ duplicate: false, seq: 1, points: 100, inserted: 100, replaced: 0, last_seq: 1 });
    const before = await countRows();
    const replay = await send(runId, 1, batch);
    expect(replay.status).toBe(200);
    expect(metricsAcceptedSchema.parse(replay.body)).toMatchObject({ duplicate: true, seq: 1, last_seq: 1, inserted: 0 });
    expect(await countRows()).toEqual(before);
    // A gzip replay of the same points is the same batch too.
    expect((await send(runId, 1, batch, world.tokenA, true)).body).toMatchObject({ duplicate: true });
  });

  it('answers 409 for a used seq with other points, and changes nothing', async () => {
    const runId = await newRun();
    await send(runId, 1, points(10));
    const before = await countRows();
    const error = expectError(await send(runId, 1, points(10, { from: 100 })), 409, 'CONFLICT');
    expect(error.message).toMatch(/already stored with different points/);
    expect(await countRows()).toEqual(before);
  });

  it('replaces a point at an existing (key, step), and keeps the summaries right', async () => {
    const runId = await newRun();
    // steps 0..9 with values 0..9 for "loss"
    await send(runId, 1, points(10, { key: 'loss', value: (step) => step }));
    let run = await getRun(runId);
    expect(run.metrics.loss).toEqual({ count: 10, min: 0, max: 9, last: 9, last_step: 9 });

    // Re-log steps 5..9 (a resume from a checkpoint) with lower values: the max (9) is replaced.
    const replaced = await send(runId, 2, points(5, { key: 'loss', from: 5, value: (step) => step - 100 }));
    expect(replaced.body).toMatchObject({ inserted: 0, replaced: 5 });
    run = await getRun(runId);
    expect(run.metrics.loss).toEqual({ count: 10, min: -95, max: 4, last: -91, last_step: 9 });
    expect(run.last_seq).toBe(2);

    // Re-logging a step in the middle that is no extreme, and going on past the end.
    await send(runId, 3, [
      { key: 'loss', step: 2, value: 2.5 },
      { key: 'loss', step: 12, value: 1 },
    ]);
    run = await getRun(runId);
    expect(run.metrics.loss).toEqual({ count: 11, min: -95, max: 4, last: 1, last_step: 12 });
    const series = await readSeries(runId, 'loss');
    expect(series.points.map((point) => [point.step, point.value])).toEqual([
      [0, 0], [1, 1], [2, 2.5], [3, 3], [4, 4], [5, -95], [6, -94], [7, -93], [8, -92], [9, -91], [12, 1],
    ]);
    expect(await db.metricPoint.count({ where: { series: { runId } } })).toBe(11);
  });

  it('keeps the later of two points at one (key, step) within a batch', async () => {
    const runId = await newRun();
    await send(runId, 1, [
      { key: 'epoch', step: 23, value: 0 },
      { key: 'epoch', step: 23, value: 1 },
    ]);
    expect((await readSeries(runId, 'epoch')).points).toEqual([{ step: 23, value: 1, time: null }]);
    expect((await getRun(runId)).metrics.epoch!.count).toBe(1);
  });

  it('stores NaN and infinities and gives them back as strings; min and max leave NaN out', async () => {
    const runId = await newRun();
    const batch = [
      { key: 'elbo', step: 0, value: -44.5 },
      { key: 'elbo', step: 1, value: 'NaN' },
      { key: 'elbo', step: 2, value: 'Infinity' },
      { key: 'elbo', step: 3, value: '-Infinity' },
      { key: 'elbo', step: 4, value: 'NaN' },
    ];
    await send(runId, 1, batch);
    const series = await readSeries(runId, 'elbo');
    expect(series.points.map((point) => point.value)).toEqual([-44.5, 'NaN', 'Infinity', '-Infinity', 'NaN']);
    expect((await getRun(runId)).metrics.elbo).toEqual({ count: 5, min: '-Infinity', max: 'Infinity', last: 'NaN', last_step: 4 });
    const stored = await db.$queryRaw<{ nan: number }[]>`SELECT count(*)::int AS nan FROM "MetricPoint" p JOIN "MetricSeries" s ON s.id = p."seriesId" WHERE s."runId" = ${runId} AND p.value = 'NaN'`;
    expect(stored[0]!.nan).toBe(2);
  });

  it('keeps times (Unix seconds or ISO) to the millisecond', async () => {
    const runId = await newRun();
    await send(runId, 1, [
      { key: 'a', step: 0, value: 1, time: 1795693720.6308353 },
      { key: 'a', step: 1, value: 1, time: '2026-11-26T12:00:00.123+02:00' },
    ]);
    expect((await readSeries(runId, 'a')).points.map((point) => point.time)).toEqual(['2026-11-26T11:48:40.631Z', '2026-11-26T10:00:00.123Z']);
  });

  it('accepts gzip bodies, and refuses bad gzip with 400 and other encodings with 415', async () => {
    const runId = await newRun();
    expect((await send(runId, 1, points(1000), world.tokenA, true)).body).toMatchObject({ inserted: 1000 });
    const before = await countRows();
    const bad = await callApi('POST', `/api/v1/runs/${runId}/metrics`, {
      token: world.tokenA,
      rawBody: Buffer.from('this is not gzip'),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expectError(bad, 400, 'BAD_REQUEST');
    const brotli = await callApi('POST', `/api/v1/runs/${runId}/metrics`, {
      token: world.tokenA,
      rawBody: '{}',
      headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
    });
    expectError(brotli, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await countRows()).toEqual(before);
  });

  it('answers 413 for 5,001 points, for more than 1 MB, and for a gzip bomb', async () => {
    const runId = await newRun();
    const before = await countRows();
    const many = await send(runId, 1, points(5001));
    expect(expectError(many, 413, 'PAYLOAD_TOO_LARGE').message).toContain('5001 points');
    const big = await send(runId, 1, points(10, { key: 'x'.repeat(200) }).map((point) => ({ ...point, pad: 'y'.repeat(120_000) })));
    expectError(big, 413, 'PAYLOAD_TOO_LARGE');
    const bomb = await callApi('POST', `/api/v1/runs/${runId}/metrics`, {
      token: world.tokenA,
      rawBody: JSON.stringify({ seq: 1, points: [], pad: ' '.repeat(20 * 1024 * 1024) }),
      gzip: true,
      headers: { 'content-type': 'application/json' },
    });
    expect(expectError(bomb, 413, 'PAYLOAD_TOO_LARGE').message).toContain('unpacked');
    expect(await countRows()).toEqual(before);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const runId = await newRun();
    const answer = await callApi('POST', `/api/v1/runs/${runId}/metrics`, {
      token: world.tokenA,
      rawBody: 'seq=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400 naming the field for a bad point', async () => {
    const runId = await newRun();
    const answer = await send(runId, 1, [
      { key: 'ok', step: 0, value: 1 },
      { key: 'bad key!', step: -1, value: 'nan' },
    ]);
    const error = expectError(answer, 400, 'BAD_REQUEST');
    expect(error.details!.map((detail) => detail.path)).toEqual(['points.1.key', 'points.1.step', 'points.1.value']);
    expect(error.message).toContain('points.1.key');
  });

  it('accepts at most 1,000 keys per run: 400 for a batch with more, 409 past the run total', async () => {
    const runId = await newRun();
    const keys = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
    expectError(await send(runId, 1, points(1001, { keys: keys(1001, 'k') })), 400, 'BAD_REQUEST');
    expect((await send(runId, 1, points(990, { keys: keys(990, 'k') }))).status).toBe(200);
    const before = await countRows();
    const over = await send(runId, 2, points(20, { keys: keys(20, 'other') }));
    expect(expectError(over, 409, 'CONFLICT').message).toContain('1000');
    expect(await countRows()).toEqual(before);
    // Keys it already has are still fine.
    expect((await send(runId, 2, points(10, { keys: keys(10, 'k'), from: 1 }))).status).toBe(200);
  });

  it('serialises concurrent batches of one run: every point once, seq and summaries right', async () => {
    const runId = await newRun();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) => send(runId, index + 1, points(500, { keys: ['a', 'b'], from: index * 250 }))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    const run = await getRun(runId);
    expect(run.last_seq).toBe(8);
    expect(run.metrics.a).toMatchObject({ count: 2000, last_step: 1999 });
    expect(await db.metricPoint.count({ where: { series: { runId } } })).toBe(4000);
  });
});

describe('PATCH and GET /api/v1/runs/{run_id}', () => {
  it('finishes a run with a summary and exit code, merges params, and shows it', async () => {
    const runId = await newRun();
    await send(runId, 1, points(10));
    const answer = await callApi('PATCH', `/api/v1/runs/${runId}`, {
      token: world.tokenA,
      body: { status: 'finished', summary: { elbo: -24.1, note: 'NaN' }, exit_code: 0, params: { epochs: 5 } },
    });
    expect(answer.status).toBe(200);
    const run = runResponseSchema.parse(answer.body);
    expect(run).toMatchObject({ status: 'finished', stale: false, summary: { elbo: -24.1, note: 'NaN' }, exit_code: 0, params: { lr: 0.001, epochs: 5 } });
    expect(run.finished_at).not.toBeNull();
    expectError(await callApi('PATCH', `/api/v1/runs/${runId}`, { token: world.tokenA, body: { status: 'done' } }), 400, 'BAD_REQUEST');
    expectError(await callApi('PATCH', `/api/v1/runs/${runId}`, { token: world.tokenA, body: {} }), 400, 'BAD_REQUEST');
  });

  it('shows a running run without data for 5 minutes as stale', async () => {
    const runId = await newRun();
    expect((await getRun(runId)).stale).toBe(false);
    await db.run.update({ where: { id: runId }, data: { createdAt: new Date(Date.now() - 6 * 60_000) } });
    expect((await getRun(runId)).stale).toBe(true);
    await send(runId, 1, points(1));
    expect((await getRun(runId)).stale).toBe(false);
    await db.run.update({ where: { id: runId }, data: { lastDataAt: new Date(Date.now() - 6 * 60_000) } });
    expect((await getRun(runId)).stale).toBe(true);
    await callApi('PATCH', `/api/v1/runs/${runId}`, { token: world.tokenA, body: { status: 'killed' } });
    expect((await getRun(runId)).stale).toBe(false);
  });
});

describe('GET /api/v1/runs/{run_id}/metrics', () => {
  it('downsamples a long series, keeping the first and last point and a one-step spike', async () => {
    const runId = await newRun();
    const total = 20_000;
    const spikeStep = 12_345;
    for (let seq = 1; seq <= 4; seq++) {
      const from = (seq - 1) * 5000;
      const answer = await send(runId, seq, points(5000, { key: 'loss', from, value: (step) => (step === spikeStep ? 1e6 : step === 777 ? -1e6 : Math.sin(step / 50)) }), world.tokenA, true);
      expect(answer.status).toBe(200);
    }
    const series = await readSeries(runId, 'loss', 400);
    expect(series).toMatchObject({ count: total, downsampled: true });
    expect(series.points.length).toBeLessThanOrEqual(400);
    expect(series.points.length).toBeGreaterThan(150);
    const steps = series.points.map((point) => point.step);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(total - 1);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(series.points.find((point) => point.step === spikeStep)?.value).toBe(1e6);
    expect(series.points.find((point) => point.step === 777)?.value).toBe(-1e6);

    // The default cap is 1,500 points.
    expect((await readSeries(runId, 'loss')).points.length).toBeLessThanOrEqual(1500);
  });

  it('keeps NaN in a downsampled series', async () => {
    const runId = await newRun();
    await send(runId, 1, points(3000, { key: 'elbo', value: (step) => (step === 0 ? -44 : step === 1500 ? 'NaN' : step > 2500 ? 'NaN' : -40 + step / 1000) }));
    const series = await readSeries(runId, 'elbo', 100);
    expect(series.points[0]).toMatchObject({ step: 0, value: -44 });
    expect(series.points.at(-1)).toMatchObject({ step: 2999, value: 'NaN' });
    expect(series.points.some((point) => point.step === 1500 && point.value === 'NaN')).toBe(true);
  });

  it('answers 404 for a key the run lacks, 400 without a key or with a bad max_points', async () => {
    const runId = await newRun();
    await send(runId, 1, points(3));
    expectError(await callApi('GET', `/api/v1/runs/${runId}/metrics?key=nope`, { token: world.tokenA }), 404, 'NOT_FOUND');
    expectError(await callApi('GET', `/api/v1/runs/${runId}/metrics`, { token: world.tokenA }), 400, 'BAD_REQUEST');
    expectError(await callApi('GET', `/api/v1/runs/${runId}/metrics?key=elbo&max_points=3`, { token: world.tokenA }), 400, 'BAD_REQUEST');
    expectError(await callApi('GET', `/api/v1/runs/${runId}/metrics?key=elbo&max_points=abc`, { token: world.tokenA }), 400, 'BAD_REQUEST');
  });
});
