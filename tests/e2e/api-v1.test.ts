// /api/v1 over real HTTP against `next start`: a token made on the account page's procedure,
// the demo's `vae` exercise, a create → log (plain and gzip) → finish cycle, the limits and the
// JSON errors as the real server sends them, and the reference page.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoApiToken, demoSessionCookie } from './support';
import { hasPython, runPython } from '../support/python';

let token: string;
beforeAll(async () => {
  token = await demoApiToken('fellow', 'api-v1 e2e');
});

async function api(method: string, path: string, options: { body?: unknown; raw?: BodyInit; headers?: Record<string, string>; auth?: boolean } = {}) {
  const headers: Record<string, string> = { ...(options.auth === false ? {} : { authorization: `Bearer ${token}` }), ...options.headers };
  let body = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = { notJson: text.slice(0, 200) };
  }
  return { status: response.status, json: json as Record<string, unknown> & { error?: { code: string; message: string } }, headers: response.headers };
}

describe('/api/v1 over HTTP', () => {
  it("lists the demo cohort's vae exercise", async () => {
    const me = await api('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      cohort: { slug: 'demo' },
      exercises: expect.arrayContaining([expect.objectContaining({ slug: 'vae', primary_metric: 'elbo', higher_is_better: true, week: 5 })]),
    });
  });

  it('creates, logs (plain and gzip), finishes and reads back a run', async () => {
    const clientRunId = `e2e-${Date.now()}`;
    const created = await api('POST', '/api/v1/runs', { body: { exercise: 'vae', client_run_id: clientRunId, params: { lr: 0.001 } } });
    expect(created.status).toBe(201);
    const runId = created.json.run_id as string;

    const batch1 = { seq: 1, points: Array.from({ length: 1000 }, (_, step) => ({ key: 'elbo', step, value: step === 500 ? 'NaN' : -50 + step / 100, time: 1795693720 + step })) };
    expect((await api('POST', `/api/v1/runs/${runId}/metrics`, { body: batch1 })).json).toMatchObject({ duplicate: false, inserted: 1000 });

    const batch2 = { seq: 2, points: Array.from({ length: 1000 }, (_, i) => ({ key: 'kl', step: i, value: i / 1000 })) };
    const gzipped = await api('POST', `/api/v1/runs/${runId}/metrics`, {
      raw: gzipSync(JSON.stringify(batch2)),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(gzipped.status, JSON.stringify(gzipped.json)).toBe(200);
    expect(gzipped.json).toMatchObject({ inserted: 1000 });
    // A retry of batch 2 (the answer was lost): nothing changes.
    expect((await api('POST', `/api/v1/runs/${runId}/metrics`, { body: batch2 })).json).toMatchObject({ duplicate: true });

    const resumed = await api('POST', '/api/v1/runs', { body: { exercise: 'vae', client_run_id: clientRunId } });
    expect(resumed.status).toBe(200);
    expect(resumed.json).toMatchObject({ run_id: runId, last_seq: 2, last_steps: { elbo: 999, kl: 999 } });

    const finished = await api('PATCH', `/api/v1/runs/${runId}`, { body: { status: 'finished', summary: { elbo: -40.01 }, exit_code: 0 } });
    expect(finished.status).toBe(200);
    expect(finished.json).toMatchObject({ status: 'finished', metrics: { elbo: { count: 1000, min: -50, max: -40.01, last: -40.01, last_step: 999 }, kl: { count: 1000 } } });

    const series = await api('GET', `/api/v1/runs/${runId}/metrics?key=elbo&max_points=100`);
    expect(series.status).toBe(200);
    const points = series.json.points as { step: number; value: number | string }[];
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points[0]!.step).toBe(0);
    expect(points.at(-1)!.step).toBe(999);
    expect(points.find((point) => point.step === 500)?.value).toBe('NaN');
  });

  it('answers every failure as JSON, with the right status', async () => {
    expect(await api('GET', '/api/v1/me', { auth: false })).toMatchObject({ status: 401, json: { error: { code: 'UNAUTHORIZED' } } });
    expect(await api('GET', `/api/v1/runs/nope`)).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
    expect(await api('DELETE', '/api/v1/runs')).toMatchObject({ status: 405, json: { error: { code: 'METHOD_NOT_ALLOWED' } } });
    expect(await api('GET', '/api/v1/nothing/here')).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
    expect(await api('POST', '/api/v1/runs', { raw: 'exercise=vae', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toMatchObject({
      status: 415,
      json: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } },
    });
    const runId = ((await api('POST', '/api/v1/runs', { body: { exercise: 'vae', client_run_id: `e2e-limits-${Date.now()}` } })).json.run_id) as string;
    const big = await api('POST', `/api/v1/runs/${runId}/metrics`, { raw: JSON.stringify({ seq: 1, points: [], pad: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(big).toMatchObject({ status: 413, json: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    const badGzip = await api('POST', `/api/v1/runs/${runId}/metrics`, { raw: 'not gzip', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(badGzip).toMatchObject({ status: 400, json: { error: { code: 'BAD_REQUEST' } } });
    const many = await api('POST', `/api/v1/runs/${runId}/metrics`, { body: { seq: 1, points: Array.from({ length: 5001 }, (_, step) => ({ key: 'a', step, value: 1 })) } });
    expect(many).toMatchObject({ status: 413, json: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('serves the OpenAPI document and the reference page', async () => {
    const document = await api('GET', '/api/v1/openapi.json', { auth: false });
    expect(document.status).toBe(200);
    expect(document.json).toMatchObject({ openapi: '3.1.0', servers: [{ url: baseUrl }] });

    const page = await fetch(`${baseUrl}/docs/api`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('POST</code><code>/api/v1/runs/{run_id}/metrics');
    expect(html).toContain('import fellowship_client as fc');
    expect(html).not.toMatch(/<script[^>]+src="https?:\/\//);
  });

  it('shows the API tokens section on the account page', async () => {
    const response = await fetch(`${baseUrl}/account`, { headers: { cookie: await demoSessionCookie('fellow') } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('API tokens for training jobs');
    expect(html).toContain('api-v1 e2e');
  });

  // The contract's main consumer: the stdlib-only Python client (clients/python), its two
  // lines, gzip batches past 16 KB, NaN, and finish. (Its replay, fault and offline tests
  // live with the client.)
  it.skipIf(!hasPython)('works with the Python client', async () => {
    const clientDir = fileURLToPath(new URL('../../clients/python', import.meta.url));
    const spool = mkdtempSync(path.join(os.tmpdir(), 'fellowship-py-'));
    const script = [
      'import math, fellowship_client as fc',
      'run = fc.init(exercise="vae", name="python smoke", params={"lr": 1e-3}, client_run_id="py-smoke-' + Date.now() + '")',
      'for step in range(1500):',
      '    run.log({"elbo": float("nan") if step == 700 else -50 + step / 100, "kl": step / 1500}, step=step)',
      'run.finish(summary={"elbo": -35.01})',
      'print(run.run_id)',
    ].join('\n');
    try {
      const result = runPython(['-c', script], {
        cwd: clientDir,
        timeout: 60_000,
        env: { ...process.env, FELLOWSHIP_URL: baseUrl, FELLOWSHIP_TOKEN: token, FELLOWSHIP_SPOOL_DIR: spool, PYTHONPATH: clientDir },
      });
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
      const runId = result.stdout.trim().split('\n').at(-1)!;
      const run = await api('GET', `/api/v1/runs/${runId}`);
      expect(run.json).toMatchObject({
        status: 'finished',
        name: 'python smoke',
        params: { lr: 0.001 },
        summary: { elbo: -35.01 },
        metrics: { elbo: { count: 1500, min: -50, max: -35.01, last: -35.01, last_step: 1499 }, kl: { count: 1500 } },
      });
      const series = await api('GET', `/api/v1/runs/${runId}/metrics?key=elbo&max_points=20000`);
      expect((series.json.points as { step: number; value: unknown }[]).find((point) => point.step === 700)?.value).toBe('NaN');
    } finally {
      rmSync(spool, { recursive: true, force: true });
    }
  });
});
