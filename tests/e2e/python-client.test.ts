// The stdlib-only Python client against the real server: the real GPU logs in
// ../shared/fixtures/gpu-runs replayed through it, offline spools synced twice, and a fault test
// (a proxy dropping requests and responses, and the server killed and restarted mid-run).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '@/server/db/embedded';
import { makeTempDir } from '../setup/test-postgres';
import { baseUrl, demoApiToken } from './support';
import { hasSharedData, sharedPath } from '../support/shared-data';
import { hasPython, runPython } from '../support/python';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = sharedPath('fixtures/gpu-runs');
const hasGpuLogs = hasSharedData('fixtures/gpu-runs', 'the Python client replaying the real GPU logs in ../shared/fixtures/gpu-runs');

type MetricValue = number | 'NaN' | 'Infinity' | '-Infinity';
type RunBody = {
  run_id: string;
  status: string;
  params: Record<string, unknown>;
  metrics: Record<string, { count: number; min: MetricValue | null; max: MetricValue | null; last: MetricValue | null; last_step: number | null }>;
};

let token: string;

function runScript(script: string, args: string[], env: Record<string, string>, timeoutMs = 240_000) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('python3', [path.join(root, 'tests/python', script), ...args], {
      cwd: makeTempDir('fellowship-job-'),
      env: { ...process.env, PYTHONUNBUFFERED: '1', FELLOWSHIP_URL: baseUrl, FELLOWSHIP_TOKEN: token, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function api<T>(pathname: string, site = baseUrl): Promise<T> {
  const response = await fetch(`${site}${pathname}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${pathname} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function series(runId: string, key: string) {
  const body = await api<{ count: number; downsampled: boolean; points: { step: number; value: MetricValue }[] }>(
    `/api/v1/runs/${runId}/metrics?key=${encodeURIComponent(key)}&max_points=20000`,
  );
  expect(body.downsampled).toBe(false);
  return body.points;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)!.trim();
}

function readJsonl(name: string): Record<string, unknown>[] {
  return readFileSync(path.join(fixtures, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** "nan" in the logs is NaN; the API answers "NaN". */
function expected(value: unknown): MetricValue {
  if (value === 'nan' || (typeof value === 'number' && Number.isNaN(value))) return 'NaN';
  if (value === 'inf') return 'Infinity';
  if (value === '-inf') return '-Infinity';
  return value as number;
}

describe.skipIf(!hasPython)('Python client against the real server', () => {
  beforeAll(async () => {
    token = await demoApiToken('fellow', 'python client tests');
  });

  describe.skipIf(!hasGpuLogs)('real GPU logs replayed', () => {
    it('vae-sklearn-digits-h200: every point arrives once and the run is finished', async () => {
      const result = await runScript('replay.py', ['plain', path.join(fixtures, 'vae-sklearn-digits-h200.jsonl'), `digits-${Date.now()}`], {});
      expect(result.code, result.stderr).toBe(0);
      const runId = lastLine(result.stdout);
      const run = await api<RunBody>(`/api/v1/runs/${runId}`);
      const source = readJsonl('vae-sklearn-digits-h200.jsonl');
      expect(run.status).toBe('finished');
      for (const key of ['elbo', 'recon', 'kl']) {
        expect(run.metrics[key]!.count).toBe(source.length);
        expect(run.metrics[key]!.last_step).toBe(source.at(-1)!.step);
        expect(run.metrics[key]!.last).toBeCloseTo(source.at(-1)![key] as number, 6);
        const points = await series(runId, key);
        expect(points.map((p) => p.step)).toEqual(source.map((line) => line.step));
        points.forEach((point, i) => expect(point.value).toBeCloseTo(source[i]![key] as number, 6));
      }
    });

    it('vae-crash-resume: one run whose steps 800–990 hold the resumed values, no duplicates', async () => {
      const clientRunId = `crash-${Date.now()}`;
      const file = path.join(fixtures, 'vae-crash-resume.jsonl');
      const crashed = await runScript('replay.py', ['crash', file, clientRunId], {});
      expect(crashed.code).toBe(3);
      const resumed = await runScript('replay.py', ['resume', file, clientRunId], {});
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(lastLine(resumed.stdout)).toBe(lastLine(crashed.stdout));
      const runId = lastLine(resumed.stdout);

      const lines = readJsonl('vae-crash-resume.jsonl');
      const expectedByStep = new Map<number, number>();
      for (const line of lines) if (typeof line.step === 'number' && !('event' in line)) expectedByStep.set(line.step, line.elbo as number);
      const points = await series(runId, 'elbo');
      expect(points.length).toBe(expectedByStep.size);
      expect(new Set(points.map((p) => p.step)).size).toBe(points.length);
      for (const point of points) expect(point.value).toBeCloseTo(expectedByStep.get(point.step)!, 6);
      const secondStart = lines.findIndex((line, i) => line.event === 'start' && i > 0);
      const resumedAt800 = lines.slice(secondStart).find((line) => line.step === 800)!;
      expect(points.find((p) => p.step === 800)!.value).toBeCloseTo(resumedAt800.elbo as number, 6);
      expect((await api<RunBody>(`/api/v1/runs/${runId}`)).status).toBe('finished');
    });

    it('vae-diverging-lr: NaN values are stored and returned as NaN', async () => {
      const result = await runScript('replay.py', ['plain', path.join(fixtures, 'vae-diverging-lr.jsonl'), `nan-${Date.now()}`], {});
      expect(result.code, result.stderr).toBe(0);
      const runId = lastLine(result.stdout);
      const source = readJsonl('vae-diverging-lr.jsonl').filter((line) => !('event' in line));
      const points = await series(runId, 'elbo');
      expect(points.length).toBe(source.length);
      points.forEach((point, i) => {
        const want = expected(source[i]!.elbo);
        if (want === 'NaN') expect(point.value).toBe('NaN');
        else expect(point.value).toBeCloseTo(want as number, 6);
      });
      expect(points.filter((p) => p.value === 'NaN').length).toBe(source.filter((l) => l.elbo === 'nan').length);
      expect(points.some((p) => p.value === 0)).toBe(false);
    });

    it('lightning-vae-trace through FellowshipLogger: the metrics, steps, hyperparameters and status Lightning reported', async () => {
      const result = await runScript('replay.py', ['lightning', path.join(fixtures, 'lightning-vae-trace.jsonl'), `lightning-${Date.now()}`], {});
      expect(result.code, result.stderr).toBe(0);
      const run = await api<RunBody>(`/api/v1/runs/${lastLine(result.stdout)}`);
      const calls = readJsonl('lightning-vae-trace.jsonl');
      expect(run.status).toBe('finished');
      expect(run.params).toMatchObject((calls.find((c) => c.call === 'log_hyperparams')!.params as Record<string, unknown>));
      const wanted = new Map<string, Map<number, number>>();
      for (const call of calls.filter((c) => c.call === 'log_metrics')) {
        for (const [key, value] of Object.entries(call.metrics as Record<string, number>)) {
          if (!wanted.has(key)) wanted.set(key, new Map());
          wanted.get(key)!.set(call.step as number, value);
        }
      }
      expect(Object.keys(run.metrics).sort()).toEqual([...wanted.keys()].sort());
      for (const [key, steps] of wanted) {
        const points = await series(run.run_id, key);
        expect(points.map((p) => p.step)).toEqual([...steps.keys()].sort((a, b) => a - b));
        for (const point of points) expect(point.value).toBeCloseTo(steps.get(point.step)!, 6);
      }
    });

    it('lightning hyperparameters logged after the first metrics still reach the run', async () => {
      const result = await runScript('replay.py', ['lightning-late-hparams', path.join(fixtures, 'lightning-vae-trace.jsonl'), `lightning-late-${Date.now()}`], {});
      expect(result.code, result.stderr).toBe(0);
      const run = await api<RunBody>(`/api/v1/runs/${lastLine(result.stdout)}`);
      const calls = readJsonl('lightning-vae-trace.jsonl');
      expect(run.status).toBe('finished');
      expect(run.params).toMatchObject((calls.find((c) => c.call === 'log_hyperparams')!.params as Record<string, unknown>));
    });

    it('hf-trainer-trace through FellowshipCallback: the logged values at their global steps, finished', async () => {
      const result = await runScript('replay.py', ['hf', path.join(fixtures, 'hf-trainer-trace.jsonl'), `hf-${Date.now()}`], {});
      expect(result.code, result.stderr).toBe(0);
      const run = await api<RunBody>(`/api/v1/runs/${lastLine(result.stdout)}`);
      const logs = readJsonl('hf-trainer-trace.jsonl').filter((c) => c.call === 'on_log');
      expect(run.status).toBe('finished');
      expect(run.params).toMatchObject({ learning_rate: 5e-4, max_steps: 60 });
      const wanted = new Map<string, Map<number, number>>();
      for (const call of logs) {
        for (const [key, value] of Object.entries(call.logs as Record<string, unknown>)) {
          if (typeof value !== 'number') continue;
          if (!wanted.has(key)) wanted.set(key, new Map());
          wanted.get(key)!.set(call.global_step as number, value);
        }
      }
      expect(Object.keys(run.metrics).sort()).toEqual([...wanted.keys()].sort());
      for (const [key, steps] of wanted) {
        const points = await series(run.run_id, key);
        expect(points.map((p) => p.step)).toEqual([...steps.keys()].sort((a, b) => a - b));
        for (const point of points) expect(point.value).toBeCloseTo(steps.get(point.step)!, 6);
      }
    });
  });

  it('offline mode, then sync twice: one copy of each point', async () => {
    const spoolDir = makeTempDir('fellowship-spool-');
    const clientRunId = `offline-${Date.now()}`;
    const job = await runScript('synthetic.py', [clientRunId, '0', '1500', '0'], { FELLOWSHIP_MODE: 'offline', FELLOWSHIP_SPOOL_DIR: spoolDir });
    expect(job.code, job.stderr).toBe(0);
    const client = path.join(root, 'clients/python');
    for (let round = 0; round < 2; round++) {
      const synced = runPython(['-m', 'fellowship_client', 'sync', spoolDir], {
        cwd: client,
        env: { ...process.env, FELLOWSHIP_URL: baseUrl, FELLOWSHIP_TOKEN: token },
      });
      expect(synced.status, synced.stderr).toBe(0);
    }
    const handle = await fetch(`${baseUrl}/api/v1/runs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ exercise: 'vae', client_run_id: clientRunId }),
    });
    expect(handle.status).toBe(200);
    const { run_id: runId } = (await handle.json()) as { run_id: string };
    const run = await api<RunBody>(`/api/v1/runs/${runId}`);
    expect(run.status).toBe('finished');
    expect(run.metrics.loss!.count).toBe(1500);
    expect(run.metrics.acc!.count).toBe(1500);
    const steps = (await series(runId, 'loss')).map((p) => p.step);
    expect(new Set(steps).size).toBe(1500);
  });

  describe('faults: a proxy that drops 10% of requests and 10% of responses, and a server killed with SIGKILL mid-run', () => {
    let appPort: number;
    let proxyPort: number;
    let app: ChildProcess | undefined;
    let proxy: http.Server;
    const dropped = { requests: 0, responses: 0 };

    function startApp() {
      app = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(appPort)], {
        cwd: root,
        env: { ...process.env, ...inject('appAuthEnv'), NODE_ENV: 'production', DATABASE_URL: inject('databaseUrl') },
        stdio: 'ignore',
      });
    }

    beforeAll(async () => {
      appPort = await findFreePort();
      proxyPort = await findFreePort();
      startApp();
      // One request in ten dropped, and one response in ten: by count, not chance, so even a run
      // that batches its points into few requests meets both (chance once dropped nothing).
      let seen = 0;
      proxy = http.createServer((request, response) => {
        seen++;
        if (seen % 10 === 3) {
          dropped.requests++;
          request.socket.destroy();
          return;
        }
        const dropResponse = seen % 10 === 7;
        const upstream = http.request(
          { host: '127.0.0.1', port: appPort, path: request.url, method: request.method, headers: request.headers },
          (answer) => {
            if (dropResponse) {
              // The server did the work; the client never hears about it and must retry.
              dropped.responses++;
              answer.resume();
              answer.on('end', () => request.socket.destroy());
              return;
            }
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        upstream.on('error', () => request.socket.destroy());
        request.pipe(upstream);
      });
      await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
      for (let i = 0; i < 200; i++) {
        if (await fetch(`http://127.0.0.1:${appPort}/api/health`).then((r) => r.ok, () => false)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

    afterAll(async () => {
      app?.kill('SIGKILL');
      await new Promise((resolve) => proxy.close(resolve));
    });

    it('every point arrives exactly once, also for a run resumed from step 500', async () => {
      const site = `http://127.0.0.1:${proxyPort}`;
      const plainId = `fault-plain-${Date.now()}`;
      const resumedId = `fault-resumed-${Date.now()}`;
      const plain = runScript('synthetic.py', [plainId, '0', '3000', '0'], { FELLOWSHIP_URL: site });
      const firstPhase = runScript('synthetic.py', [resumedId, '0', '1000', '0', '999'], { FELLOWSHIP_URL: site });

      // Kill the server without warning while both jobs send, and bring it back.
      await new Promise((resolve) => setTimeout(resolve, 800));
      app!.kill('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      startApp();

      const crashed = await firstPhase;
      expect(crashed.code, crashed.stderr).toBe(3);
      const secondPhase = await runScript('synthetic.py', [resumedId, '500', '3000', '1000'], { FELLOWSHIP_URL: site });
      expect(secondPhase.code, secondPhase.stderr).toBe(0);
      const finished = await plain;
      expect(finished.code, finished.stderr).toBe(0);
      expect(dropped.requests + dropped.responses).toBeGreaterThan(0);
      // The jobs noticed the outage and retried (the client says so once, on stderr).
      expect(finished.stderr + crashed.stderr).toContain('retrying');

      const value = (key: string, step: number, offset: number) =>
        Math.round(((key === 'loss' ? Math.sin(step / 37) : Math.cos(step / 53)) + offset) * 1e6) / 1e6;
      const checks = [
        { runId: lastLine(finished.stdout), expect: (key: string, step: number) => value(key, step, 0) },
        { runId: lastLine(secondPhase.stdout), expect: (key: string, step: number) => value(key, step, step >= 500 ? 1000 : 0) },
      ];
      for (const check of checks) {
        const run = await api<RunBody>(`/api/v1/runs/${check.runId}`);
        expect(run.status).toBe('finished');
        for (const key of ['loss', 'acc']) {
          const points = await series(check.runId, key);
          expect(points.length).toBe(3000);
          expect(points.map((p) => p.step)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
          const sum = points.reduce((total, p) => total + (p.value as number), 0);
          const wanted = Array.from({ length: 3000 }, (_, step) => check.expect(key, step)).reduce((a, b) => a + b, 0);
          expect(sum).toBeCloseTo(wanted, 3);
          expect(run.metrics[key]!.count).toBe(3000);
        }
      }
    }, 300_000);
  });
});
