// A client generated from the OpenAPI document (openapi-typescript types in ./generated, kept
// current by `npm run api:types` and a unit test; openapi-fetch) runs the create → log →
// finish cycle against the real server. If the document and the server disagreed, either the
// types would not compile or these calls would fail.
import createClient from 'openapi-fetch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { paths } from './generated/api-v1';
import { baseUrl, demoApiToken } from './support';

let client: ReturnType<typeof createClient<paths>>;
beforeAll(async () => {
  client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${await demoApiToken('fellow', 'generated client')}` } });
});

describe('a client generated from /api/v1/openapi.json', () => {
  it('creates a run, logs metrics and finishes it', async () => {
    const me = await client.GET('/api/v1/me');
    expect(me.response.status).toBe(200);
    const exercise = me.data!.exercises.find((candidate) => candidate.slug === 'vae')!;
    expect(exercise.primary_metric).toBe('elbo');

    const created = await client.POST('/api/v1/runs', {
      body: { exercise: exercise.slug, client_run_id: `generated-${Date.now()}`, name: 'typed', params: { lr: 0.001 }, tags: ['generated'] },
    });
    expect(created.response.status).toBe(201);
    const runId = created.data!.run_id;

    const logged = await client.POST('/api/v1/runs/{run_id}/metrics', {
      params: { path: { run_id: runId } },
      body: {
        seq: 1,
        points: [
          { key: 'elbo', step: 0, value: -44.5, time: 1795693720 },
          { key: 'elbo', step: 1, value: 'NaN' },
          { key: 'elbo', step: 2, value: -30.25 },
        ],
      },
    });
    expect(logged.data).toMatchObject({ duplicate: false, inserted: 3, last_seq: 1 });

    const finished = await client.PATCH('/api/v1/runs/{run_id}', {
      params: { path: { run_id: runId } },
      body: { status: 'finished', summary: { elbo: -30.25 }, exit_code: 0 },
    });
    expect(finished.data).toMatchObject({ status: 'finished', exit_code: 0, metrics: { elbo: { count: 3, min: -44.5, max: -30.25, last: -30.25, last_step: 2 } } });

    const series = await client.GET('/api/v1/runs/{run_id}/metrics', { params: { path: { run_id: runId }, query: { key: 'elbo', max_points: 100 } } });
    expect(series.data!.points.map((point) => point.value)).toEqual([-44.5, 'NaN', -30.25]);

    const refused = await client.POST('/api/v1/runs/{run_id}/metrics', {
      params: { path: { run_id: runId } },
      body: { seq: 1, points: [{ key: 'elbo', step: 5, value: 1 }] },
    });
    expect(refused.response.status).toBe(409);
    expect(refused.error!.error.code).toBe('CONFLICT');
  });
});
