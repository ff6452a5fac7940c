// The write path against a model: random sequences of batches (re-logged steps, NaN and
// infinities, replays, repeated (key, step) within a batch) must leave exactly the points and
// the per-key summaries that a plain in-memory model computes. Concurrent batches of one run
// (disjoint steps) must all land once.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runResponseSchema, metricSeriesResponseSchema } from '@/server/api/v1/schemas';
import { buildApiWorld, callApi, type ApiWorld } from './api-world';

// Hundreds of requests with one token: lift the per-minute limit for this file.
const previousLimit = process.env.FELLOWSHIP_API_REQUESTS_PER_MINUTE;
process.env.FELLOWSHIP_API_REQUESTS_PER_MINUTE = '10000000';
afterAll(() => {
  process.env.FELLOWSHIP_API_REQUESTS_PER_MINUTE = previousLimit;
});

let world: ApiWorld;
beforeAll(async () => {
  world = await buildApiWorld();
});

type Value = number | 'NaN' | 'Infinity' | '-Infinity';
type Point = { key: string; step: number; value: Value };

const toNumber = (value: Value) => (value === 'NaN' ? NaN : value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value);
const encode = (value: number): Value => (Number.isNaN(value) ? 'NaN' : value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : value);

function summaries(model: Map<string, Map<number, number>>) {
  const out: Record<string, { count: number; min: Value | null; max: Value | null; last: Value | null; last_step: number | null }> = {};
  for (const [key, steps] of model) {
    const finite = [...steps.values()].filter((value) => !Number.isNaN(value));
    const lastStep = Math.max(...steps.keys());
    out[key] = {
      count: steps.size,
      min: finite.length ? encode(Math.min(...finite)) : null,
      max: finite.length ? encode(Math.max(...finite)) : null,
      last: encode(steps.get(lastStep)!),
      last_step: lastStep,
    };
  }
  return out;
}

const value = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -1000, max: 1000 }).map((n) => n / 8) },
  { weight: 1, arbitrary: fc.constantFrom<Value>('NaN', 'Infinity', '-Infinity') },
);
const point = fc.record({ key: fc.constantFrom('a', 'b', 'c d', 'e/f'), step: fc.nat(30), value });
const batches = fc.array(fc.array(point, { minLength: 1, maxLength: 25 }), { minLength: 1, maxLength: 6 });

let runCounter = 0;
async function newRun() {
  runCounter += 1;
  const answer = await callApi('POST', '/api/v1/runs', { token: world.tokenA, body: { exercise: 'vae', client_run_id: `model-${runCounter}` } });
  return (answer.body as { run_id: string }).run_id;
}

describe('the write path matches a model', () => {
  it('for random sequences of batches with re-logged steps and replays', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(batches, fc.array(fc.nat(5), { maxLength: 3 }), async (list, replays) => {
        const runId = await newRun();
        const model = new Map<string, Map<number, number>>();
        for (const [index, batch] of list.entries()) {
          const answer = await callApi('POST', `/api/v1/runs/${runId}/metrics`, { token: world.tokenA, body: { seq: index + 1, points: batch } });
          expect(answer.status, JSON.stringify(answer.body)).toBe(200);
          for (const p of batch as Point[]) {
            if (!model.has(p.key)) model.set(p.key, new Map());
            model.get(p.key)!.set(p.step, toNumber(p.value));
          }
          // Replays of earlier batches change nothing.
          for (const replay of replays.filter((r) => r <= index)) {
            const again = await callApi('POST', `/api/v1/runs/${runId}/metrics`, { token: world.tokenA, body: { seq: replay + 1, points: list[replay] } });
            expect(again.body).toMatchObject({ duplicate: true });
          }
        }
        const run = runResponseSchema.parse((await callApi('GET', `/api/v1/runs/${runId}`, { token: world.tokenA })).body);
        expect(run.metrics).toEqual(summaries(model));
        expect(run.last_seq).toBe(list.length);
        for (const [key, steps] of model) {
          const series = metricSeriesResponseSchema.parse(
            (await callApi('GET', `/api/v1/runs/${runId}/metrics?key=${encodeURIComponent(key)}&max_points=20000`, { token: world.tokenA })).body,
          );
          expect(series.points.map((p) => [p.step, p.value])).toEqual([...steps].sort((a, b) => a[0] - b[0]).map(([step, v]) => [step, encode(v)]));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('for many concurrent batches of one run', { timeout: 120_000 }, async () => {
    const runId = await newRun();
    const count = 24;
    const answers = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        callApi('POST', `/api/v1/runs/${runId}/metrics`, {
          token: world.tokenA,
          body: { seq: index + 1, points: Array.from({ length: 50 }, (_, i) => ({ key: i % 2 ? 'odd' : 'even', step: index * 50 + i, value: index * 50 + i })) },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(count).fill(200));
    // Replays of all of them at once, too.
    const replays = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        callApi('POST', `/api/v1/runs/${runId}/metrics`, {
          token: world.tokenA,
          body: { seq: index + 1, points: Array.from({ length: 50 }, (_, i) => ({ key: i % 2 ? 'odd' : 'even', step: index * 50 + i, value: index * 50 + i })) },
        }),
      ),
    );
    expect(replays.every((answer) => (answer.body as { duplicate: boolean }).duplicate)).toBe(true);
    const run = runResponseSchema.parse((await callApi('GET', `/api/v1/runs/${runId}`, { token: world.tokenA })).body);
    expect(run.last_seq).toBe(count);
    expect(run.metrics.even).toEqual({ count: (count * 50) / 2, min: 0, max: count * 50 - 2, last: count * 50 - 2, last_step: count * 50 - 2 });
    expect(run.metrics.odd).toEqual({ count: (count * 50) / 2, min: 1, max: count * 50 - 1, last: count * 50 - 1, last_step: count * 50 - 1 });
  });
});
