// The reference VAE exercise (exercises/vae): its offline spool in tests/fixtures/vae-spool,
// made by train.py, synced into the real server twice; and train.py itself, where a Python
// with torch is at hand (VAE_PYTHON, else python3), so CI without torch skips it cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../setup/test-postgres';
import { baseUrl, demoApiToken, sql } from './support';
import { hasPython } from '../support/python';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = path.join(root, 'tests/fixtures/vae-spool');
const trainScript = path.join(root, 'exercises/vae/train.py');
const artifactsRoute = path.join(root, 'src/app/api/v1/runs/[runId]/artifacts/route.ts');
const torchPython = [process.env.VAE_PYTHON, 'python3'].find(
  (candidate) => candidate && spawnSync(candidate, ['-c', 'import torch']).status === 0,
);

/**
 * Runs a command without blocking the event loop: a blocking spawnSync of several seconds let
 * the server close fetch's idle keep-alive socket unnoticed, and the next request failed.
 */
function runProcess(command: string, args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, 120_000);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

type SpoolRecord = { type: string; [field: string]: unknown };
type SpoolPoint = { key: string; step: number; value: number };
type RunBody = {
  run_id: string;
  status: string;
  name: string | null;
  params: Record<string, unknown>;
  summary: Record<string, number> | null;
  metrics: Record<string, { count: number; last: number | null; last_step: number | null }>;
};

function readSpool(file: string): SpoolRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as SpoolRecord);
}

function spoolFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => path.join(dir, name));
}

/** Each key's points as the server should keep them: a later point at the same step replaces. */
function pointsByKey(records: SpoolRecord[]): Map<string, SpoolPoint[]> {
  const byKey = new Map<string, Map<number, SpoolPoint>>();
  for (const record of records.filter((r) => r.type === 'batch')) {
    for (const point of record.points as SpoolPoint[]) {
      if (!byKey.has(point.key)) byKey.set(point.key, new Map());
      byKey.get(point.key)!.set(point.step, point);
    }
  }
  return new Map([...byKey].map(([key, steps]) => [key, [...steps.values()].sort((a, b) => a.step - b.step)]));
}

describe.skipIf(!hasPython)('the VAE spool fixture synced into the server', () => {
  let token: string;
  const spoolDir = makeTempDir('vae-spool-');
  const [spoolFile] = spoolFiles(fixture);
  const records = readSpool(spoolFile!);
  const expected = pointsByKey(records);
  const images = records.filter((r) => r.type === 'image');

  beforeAll(async () => {
    token = await demoApiToken('fellow', 'vae spool test');
    // sync may write into the spool folder: work on a copy, never on the fixture.
    cpSync(fixture, spoolDir, { recursive: true });
  });

  async function sync() {
    const result = await runProcess('python3', ['-m', 'fellowship_client', 'sync', spoolDir], {
      cwd: path.join(root, 'clients/python'),
      env: { FELLOWSHIP_URL: baseUrl, FELLOWSHIP_TOKEN: token },
    });
    expect(result.status, result.stderr).toBe(0);
    const runId = /: run (\S+), /.exec(result.stdout)?.[1];
    expect(runId, result.stdout).toBeTruthy();
    return runId!;
  }

  async function api<T>(pathname: string): Promise<T> {
    const response = await fetch(`${baseUrl}${pathname}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${pathname} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function series(runId: string, key: string) {
    const body = await api<{ points: { step: number; value: number }[] }>(`/api/v1/runs/${runId}/metrics?key=${key}&max_points=20000`);
    return body.points;
  }

  async function storedState(runId: string) {
    const [points] = await sql<{ count: string }>(
      'SELECT count(*) FROM "MetricPoint" p JOIN "MetricSeries" s ON s.id = p."seriesId" WHERE s."runId" = $1',
      [runId],
    );
    const run = await api<RunBody>(`/api/v1/runs/${runId}`);
    return { points: Number(points!.count), counts: Object.fromEntries(Object.entries(run.metrics).map(([key, m]) => [key, m.count])) };
  }

  it('the fixture is a small, finished spool of elbo, recon and kl', () => {
    expect(readFileSync(spoolFile!).length).toBeLessThan(1024 * 1024);
    expect(records[0]).toMatchObject({ type: 'run', exercise: 'vae' });
    expect([...expected.keys()].sort()).toEqual(['elbo', 'kl', 'recon']);
    expect(records.at(-1)).toMatchObject({ type: 'finish', status: 'finished' });
    // The kept spool is the reference run on a GPU (see the fixture's README).
    expect(records[0]).toMatchObject({ params: { device: 'cuda' }, tags: ['cuda'] });
  });

  it('after sync the run is finished with every point of the spool; a second sync adds nothing', async () => {
    const runId = await sync();
    const run = await api<RunBody>(`/api/v1/runs/${runId}`);
    const header = records[0]!;
    const finish = records.at(-1)!;
    expect(run.status).toBe('finished');
    expect(run.name).toBe(header.name);
    expect(run.params).toEqual(header.params);
    expect(run.summary).toEqual(finish.summary);
    for (const [key, points] of expected) {
      expect(run.metrics[key]!.count).toBe(points.length);
      expect(run.metrics[key]!.last_step).toBe(points.at(-1)!.step);
      const stored = await series(runId, key);
      expect(stored.map((p) => p.step)).toEqual(points.map((p) => p.step));
      stored.forEach((point, i) => expect(point.value).toBeCloseTo(points[i]!.value, 9));
    }
    // elbo is -(recon + kl) at every reported step.
    const [elbo, recon, kl] = ['elbo', 'recon', 'kl'].map((key) => expected.get(key)!);
    elbo!.forEach((point, i) => expect(point.value).toBeCloseTo(-(recon![i]!.value + kl![i]!.value), 6));

    const before = await storedState(runId);
    expect(before.points).toBe([...expected.values()].reduce((total, points) => total + points.length, 0));
    expect(await sync()).toBe(runId);
    expect(await storedState(runId)).toEqual(before);
    expect((await api<RunBody>(`/api/v1/runs/${runId}`)).status).toBe('finished');
  });

  it.skipIf(images.length === 0 || !existsSync(artifactsRoute))('the sample grids arrive once each, as PNG', async () => {
    const runId = await sync(); // a third sync: images are keyed by name and step, so still one each
    const artifacts = await sql<{ name: string; step: number; contentType: string; size: number }>(
      'SELECT name, step, "contentType", size FROM "RunArtifact" WHERE "runId" = $1 ORDER BY step',
      [runId],
    );
    expect(artifacts).toEqual(
      images.map((image) => ({
        name: image.name,
        step: image.step,
        contentType: 'image/png',
        size: Buffer.from(image.data as string, 'base64').length,
      })),
    );
  });
});

describe.skipIf(!torchPython)('exercises/vae/train.py', () => {
  let token: string;

  beforeAll(async () => {
    token = await demoApiToken('fellow', 'vae train test');
  });

  it('--help lists its flags', async () => {
    const result = await runProcess(torchPython!, [trainScript, '--help']);
    expect(result.status, result.stderr).toBe(0);
    for (const flag of ['--steps', '--batch-size', '--lr', '--latent-dim', '--beta', '--seed', '--device', '--offline', '--spool-dir', '--name']) {
      expect(result.stdout).toContain(flag);
    }
  });

  it('a 30-step offline run on the CPU writes a finished spool with elbo, recon, kl and PNG samples', async () => {
    const spoolDir = makeTempDir('vae-train-');
    const result = await runProcess(
      torchPython!,
      [trainScript, '--offline', '--spool-dir', spoolDir, '--steps', '30', '--log-every', '10', '--sample-every', '20', '--device', 'cpu'],
      { env: { FELLOWSHIP_URL: '', FELLOWSHIP_TOKEN: '' } },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/30 steps on cpu in [\d.]+ s; held-out ELBO -[\d.]+/);
    const written = readSpool(spoolFiles(spoolDir)[0]!);
    expect(written[0]).toMatchObject({ type: 'run', exercise: 'vae', params: { steps: 30, seed: 0, device: 'cpu' } });
    const points = pointsByKey(written);
    for (const key of ['elbo', 'recon', 'kl']) expect(points.get(key)!.map((p) => p.step)).toEqual([0, 10, 20, 29]);
    const samples = written.filter((r) => r.type === 'image');
    if (samples.length > 0) {
      expect(samples.map((r) => r.step)).toEqual([0, 20, 29]);
      for (const sample of samples) expect(Buffer.from(sample.data as string, 'base64').subarray(1, 4).toString()).toBe('PNG');
    }
    expect(written.at(-1)).toMatchObject({ type: 'finish', status: 'finished', summary: { test_elbo: expect.any(Number) } });
  });

  it('online, a 30-step run reaches the server finished, with its points and sample grids', async () => {
    const result = await runProcess(
      torchPython!,
      [trainScript, '--steps', '30', '--log-every', '10', '--sample-every', '20', '--device', 'cpu', '--name', 'train.py e2e'],
      { cwd: makeTempDir('vae-online-'), env: { FELLOWSHIP_URL: baseUrl, FELLOWSHIP_TOKEN: token } },
    );
    expect(result.status, result.stderr).toBe(0);
    const [run] = await sql<{ id: string; status: string }>(
      `SELECT r.id, r.status FROM "Run" r JOIN "ApiToken" t ON t."userId" = r."userId" WHERE t.name = 'vae train test' AND r.name = 'train.py e2e'
       ORDER BY r."createdAt" DESC LIMIT 1`,
    );
    expect(run?.status).toBe('FINISHED');
    const series = await sql<{ key: string; count: number }>('SELECT key, count FROM "MetricSeries" WHERE "runId" = $1 ORDER BY key', [run!.id]);
    expect(series).toEqual([{ key: 'elbo', count: 4 }, { key: 'kl', count: 4 }, { key: 'recon', count: 4 }]);
    if (existsSync(artifactsRoute)) {
      const artifacts = await sql<{ step: number }>('SELECT step FROM "RunArtifact" WHERE "runId" = $1 ORDER BY step', [run!.id]);
      expect(artifacts.map((a) => a.step)).toEqual([0, 20, 29]);
    }
  });
});
