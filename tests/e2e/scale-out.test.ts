// Several app servers on one database, as a programme that outgrows one machine runs them:
// PgBouncer in transaction mode, HAProxy in front, a worker apart (tests/support/cluster.ts).
// Three servers start together on an empty database; two stay behind the balancer.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '@/server/db/embedded';
import { readMigrationList } from '@/server/db/migrations';
import { adminQuery, makeTempDir, uniqueDatabaseName, withDatabase } from '../setup/test-postgres';
import {
  clusterTools,
  demoApiTokenAt,
  demoCookie,
  demoWorkload,
  trpcAt,
  launchApp,
  launchWorker,
  runCommand,
  startHaproxy,
  startPgBouncer,
  waitUntilServing,
  type AppEnv,
  type Service,
} from '../support/cluster';
import { waitForMailTo } from './support';

const METRICS_TOKEN = 'scale-out-metrics-token-0123456789';
const haveTools = Boolean(clusterTools.pgbouncer && clusterTools.haproxy);

type Cluster = {
  directUrl: string;
  env: AppEnv;
  apps: Service[];
  lb: Service & { url: string };
  bouncer: Service & { url: string };
  worker: Service;
  startupOutputs: string[];
};

let cluster: Cluster;
const databaseName = uniqueDatabaseName('fellowship_cluster');
const adminUrl = withDatabase(inject('databaseUrl'), 'postgres');

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.directUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const at = (app: Service) => `http://127.0.0.1:${app.port}`;

async function api(site: string, method: string, pathname: string, token: string, body?: unknown) {
  const response = await fetch(`${site}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

/** Polls `check` every 20 ms; returns how many milliseconds it took to hold. */
async function millisecondsUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Infinity;
}

async function templateSlug(): Promise<string> {
  return (await demoWorkload(cluster.directUrl)).slug;
}

describe.skipIf(!haveTools)('several app servers behind a load balancer, through PgBouncer', () => {
  beforeAll(async () => {
    await adminQuery(adminUrl, `CREATE DATABASE "${databaseName}"`);
    const directUrl = withDatabase(adminUrl, databaseName);
    const bouncer = await startPgBouncer(directUrl);
    const [lbPort, ...ports] = await Promise.all([findFreePort(), findFreePort(), findFreePort(), findFreePort()]);
    const env: AppEnv = {
      ...inject('appAuthEnv'),
      DATABASE_URL: bouncer.url,
      DIRECT_DATABASE_URL: directUrl,
      NEXTAUTH_URL: `http://127.0.0.1:${lbPort}`,
      FELLOWSHIP_DEMO_DATA: '1',
      // Longer than HAProxy takes to see a draining server's 503s (three checks 250 ms apart).
      FELLOWSHIP_DRAIN_SECONDS: '2',
      METRICS_TOKEN,
    };
    // Three servers on an empty database at once: one migrates and seeds, the others wait for it.
    const apps = ports.map((port) => launchApp(port!, env));
    await Promise.all(apps.map((app) => waitUntilServing(app)));
    const startupOutputs = apps.map((app) => app.output());
    await apps[2]!.stop();
    const worker = launchWorker(env);
    const lb = await startHaproxy(lbPort!, [ports[0]!, ports[1]!]);
    cluster = { directUrl, env, apps: apps.slice(0, 2), lb, bouncer, worker, startupOutputs };
  }, 400_000);

  afterAll(async () => {
    if (!cluster) return;
    await Promise.all([...cluster.apps.map((app) => app.stop()), cluster.worker.stop(), cluster.lb.stop()]);
    await cluster.bouncer.stop();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  }, 120_000);

  it('three servers started together on an empty database migrated and seeded it once', async () => {
    const migrations = await query<{ migration_name: string; n: number }>(
      'SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY 1',
    );
    expect(migrations).toHaveLength(readMigrationList().migrationDirectories.length);
    expect(migrations.every((row) => row.n === 1)).toBe(true);
    const seeded = cluster.startupOutputs.filter((output) => output.includes('added the demo data'));
    expect(seeded).toHaveLength(1);
    const migrated = cluster.startupOutputs.filter((output) => output.includes('Applied migrations'));
    expect(migrated).toHaveLength(1);
    expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM "User" WHERE email = 'admin@example.com'`))[0]!.n).toBe(1);
  });

  it('a sign-in on one server is valid on the other', async () => {
    const [a, b] = cluster.apps as [Service, Service];
    const cookie = await demoCookie(at(a), 'admin');
    const page = await fetch(`${at(b)}/account`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('admin@example.com');
    const signedOut = await fetch(`${at(b)}/account`, { redirect: 'manual' });
    expect(signedOut.status).not.toBe(200);
  });

  it("an edit through server A is on server B's cached page within a second", async () => {
    const [a, b] = cluster.apps as [Service, Service];
    const slug = await templateSlug();
    // B renders and caches the page.
    await fetch(`${at(b)}/syllabus/${slug}`);
    expect((await fetch(`${at(b)}/syllabus/${slug}`)).headers.get('x-nextjs-cache')).toBe('HIT');
    const title = `Renamed through A ${Date.now()}`;
    await trpcAt(at(a), 'curriculumEditor.updateCurriculum', { curriculum: slug, title }, await demoCookie(at(a), 'admin'));
    const delay = await millisecondsUntil(async () => (await (await fetch(`${at(b)}/syllabus/${slug}`)).text()).includes(title), 5000);
    console.log(`cache invalidation across servers: the edit showed on B after ${delay.toFixed(0)} ms`);
    expect(delay).toBeLessThan(1000);
  });

  it('a change made with the CLI reaches both servers', async () => {
    const slug = await templateSlug();
    for (const app of cluster.apps) await fetch(`${at(app)}/syllabus/${slug}`);
    const file = path.join(makeTempDir('fellowship-cli-'), 'syllabus.md');
    const exported = await runCommand(['syllabus', 'export', slug, '--out', file], cluster.env);
    expect(exported.code, exported.output).toBe(0);
    const title = `Renamed by the CLI ${Date.now()}`;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^# .*$/m, `# ${title}`));
    const imported = await runCommand(['syllabus', 'import', file, '--slug', slug, '--replace'], cluster.env);
    expect(imported.code, imported.output).toBe(0);
    for (const app of cluster.apps) {
      const delay = await millisecondsUntil(async () => (await (await fetch(`${at(app)}/syllabus/${slug}`)).text()).includes(title), 5000);
      expect(delay).toBeLessThan(1000);
    }
  });

  it("one token's rate limit counts its requests on every server", async () => {
    const [a, b] = cluster.apps as [Service, Service];
    const token = await demoApiTokenAt(at(a), 'fellow', 'rate-limit');
    const first = await api(at(a), 'GET', '/api/v1/me', token);
    const second = await api(at(b), 'GET', '/api/v1/me', token);
    const third = await api(at(a), 'GET', '/api/v1/me', token);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    const remaining = [first, second, third].map((response) => Number(response.headers.get('x-ratelimit-remaining')));
    expect(remaining[1]).toBe(remaining[0]! - 1);
    expect(remaining[2]).toBe(remaining[0]! - 2);
  });

  it('a run whose batches alternate between the servers, each sent twice, is stored exactly once', async () => {
    const servers = cluster.apps.map(at);
    const token = await demoApiTokenAt(servers[0]!, 'fellow', 'alternating');
    const created = await api(servers[0]!, 'POST', '/api/v1/runs', token, { exercise: 'vae', client_run_id: `alternate-${Date.now()}` });
    expect(created.status).toBe(201);
    const runId = created.json.run_id as string;
    for (let seq = 1; seq <= 20; seq++) {
      const batch = { seq, points: Array.from({ length: 100 }, (_, i) => ({ key: 'elbo', step: seq * 100 + i, value: -seq })) };
      const sent = await api(servers[seq % 2]!, 'POST', `/api/v1/runs/${runId}/metrics`, token, batch);
      expect(sent.json).toMatchObject({ duplicate: false, inserted: 100 });
      const replay = await api(servers[(seq + 1) % 2]!, 'POST', `/api/v1/runs/${runId}/metrics`, token, batch);
      expect(replay.json).toMatchObject({ duplicate: true });
    }
    const [points] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "MetricPoint" p JOIN "MetricSeries" s ON s.id = p."seriesId" WHERE s."runId" = $1`,
      [runId],
    );
    expect(points!.n).toBe(2000);
    const [batches] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "IngestBatch" WHERE "runId" = $1`, [runId]);
    expect(batches!.n).toBe(20);
  });

  it('the worker, apart from the servers, sends what a server queued through the pooler', async () => {
    const email = `cluster-invite-${Date.now()}@example.org`;
    await trpcAt(cluster.lb.url, 'members.invite', { cohort: 'demo', emails: email, role: 'FELLOW' }, await demoCookie(cluster.lb.url, 'admin'));
    const mail = await waitForMailTo(email, /invit/i, 60_000);
    expect(mail.subject).toMatch(/invit/i);
  });

  it('serves Prometheus metrics a parser reads, and logs one line per request with its id', async () => {
    const [a] = cluster.apps as [Service];
    expect((await fetch(`${at(a)}/metrics`)).status).toBe(401);
    const response = await fetch(`${at(a)}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    const families = parsePrometheus(text);
    const names = families.map((family) => family.name);
    for (const name of [
      'fellowship_http_request_duration_seconds',
      'fellowship_ingest_batches_total',
      'fellowship_ingested_points_total',
      'fellowship_cache_events_total',
      'fellowship_db_pool_connections',
      'process_cpu_seconds_total',
    ]) {
      expect(names).toContain(name);
    }
    expect(families.find((family) => family.name === 'fellowship_ingest_batches_total')!.metrics.map((metric) => metric.labels?.outcome)).toEqual(
      expect.arrayContaining(['stored', 'duplicate']),
    );
    // The parser keeps no labels of histograms: read the request counts' route labels from the text.
    const routes = new Set([...text.matchAll(/^fellowship_http_request_duration_seconds_count\{[^}]*route="([^"]*)"/gm)].map((match) => match[1]));
    expect([...routes]).toContain('/api/v1/runs/[runId]/metrics');
    // Patterns, never paths with ids in them.
    expect([...routes].filter((route) => /[0-9a-f]{8}-|c[a-z0-9]{20,}/.test(route ?? ''))).toEqual([]);

    const probe = await fetch(`${at(a)}/api/health/live`, { headers: { 'x-request-id': 'probe-request-0001' } });
    expect(probe.headers.get('x-request-id')).toBe('probe-request-0001');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const line = a.output().split('\n').find((text) => text.includes('"probe-request-0001"'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ requestId: 'probe-request-0001', route: '/api/health/live', status: 200, method: 'GET' });
    // Signed-in requests name their user; nothing of the cookie or the tokens is in the lines.
    expect(a.output()).toMatch(/"userId":"c[a-z0-9]+"/);
    expect(a.output()).not.toMatch(/fsk_[a-z2-7]{20,}|session-token=/i);
    expect(a.output()).not.toContain(METRICS_TOKEN);
  });

  it('a rolling restart under load fails no request that is safe to retry and stores every point once', async () => {
    const lb = cluster.lb.url;
    const { slug, readings, meetingId, membershipId } = await demoWorkload(cluster.directUrl);
    const [fellowCookie, facilitatorCookie] = [await demoCookie(lb, 'fellow'), await demoCookie(lb, 'facilitator')];
    const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => demoApiTokenAt(lb, 'fellow', `job-${i}`)));
    const runs = await Promise.all(
      tokens.map(async (token, i) => (await api(lb, 'POST', '/api/v1/runs', token, { exercise: 'vae', client_run_id: `rolling-${i}-${Date.now()}` })).json.run_id as string),
    );

    const failures: string[] = [];
    let requests = 0;
    let retried = 0;
    const retriedFor = new Map<string, number>();
    let loading = true;
    // What a careful client does: retry a read, or a batch (stored once by its number), when the
    // answer never came or said "unavailable"; retry a mutation only when it was never sent.
    const send = async (what: string, url: string, init: RequestInit, idempotent: boolean) => {
      for (let attempt = 1; ; attempt++) {
        requests++;
        let status: number;
        try {
          const response = await fetch(url, { ...init, redirect: 'manual' });
          await response.arrayBuffer();
          status = response.status;
        } catch (error) {
          status = 0;
          if (attempt < 6) {
            retried++;
            retriedFor.set(`${what.split(' ')[0]} network`, (retriedFor.get(`${what.split(' ')[0]} network`) ?? 0) + 1);
            await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
            continue;
          }
          failures.push(`${what}: ${(error as Error).message}`);
          return;
        }
        if (status < 400) return;
        const retryable = status === 503 || (idempotent && (status === 502 || status === 504));
        if (retryable && attempt < 6) {
          retried++;
          retriedFor.set(`${what.split(' ')[0]} ${status}`, (retriedFor.get(`${what.split(' ')[0]} ${status}`) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
          continue;
        }
        failures.push(`${what}: ${status}`);
        return;
      }
    };
    const loop = async (step: (i: number) => Promise<void>, pauseMs: number) => {
      for (let i = 0; loading; i++) {
        await step(i);
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    };
    const sentBatches = runs.map(() => 0);
    const users = [
      ...[0, 1].map(() =>
        loop(async (i) => {
          await send('fellow week', `${lb}/cohorts/demo`, { headers: { cookie: fellowCookie } }, true);
          await send(
            'tick',
            `${lb}/api/trpc/progress.setReadingDone`,
            { method: 'POST', headers: { 'content-type': 'application/json', cookie: fellowCookie }, body: JSON.stringify({ json: { cohort: 'demo', itemId: readings[i % readings.length], done: i % 2 === 0 } }) },
            false,
          );
        }, 50),
      ),
      loop(async (i) => {
        await send('grid', `${lb}/cohorts/demo/progress`, { headers: { cookie: facilitatorCookie } }, true);
        await send(
          'attendance',
          `${lb}/api/trpc/attendance.mark`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: facilitatorCookie },
            body: JSON.stringify({ json: { cohort: 'demo', meetingId, membershipId, status: i % 2 ? 'PRESENT' : 'ABSENT' } }),
          },
          false,
        );
      }, 100),
      loop(async () => send('syllabus', `${lb}/syllabus/${slug}`, {}, true), 50),
      ...runs.map((runId, job) =>
        loop(async (i) => {
          const seq = i + 1;
          const points = Array.from({ length: 50 }, (_, p) => ({ key: 'loss', step: seq * 50 + p, value: 1 / seq }));
          await send(
            `batch ${job}/${seq}`,
            `${lb}/api/v1/runs/${runId}/metrics`,
            { method: 'POST', headers: { authorization: `Bearer ${tokens[job]}`, 'content-type': 'application/json' }, body: JSON.stringify({ seq, points }) },
            true,
          );
          sentBatches[job] = seq;
        }, 200),
      ),
    ];

    const exitCodes: (number | null)[] = [];
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      for (let index = 0; index < cluster.apps.length; index++) {
        const old = cluster.apps[index]!;
        exitCodes.push(await old.stop('SIGTERM'));
        const restarted = launchApp(old.port, cluster.env);
        cluster.apps[index] = restarted;
        await waitUntilServing(restarted);
        // HAProxy puts it back after two good checks.
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      loading = false;
      await Promise.all(users);
    }
    // Each server stopped by itself, after draining (not killed at the timeout).
    expect(exitCodes).toEqual([0, 0]);

    console.log(`rolling restart: ${requests} requests (${retried} retried), ${sentBatches.reduce((a, b) => a + b, 0)} batches, failures: ${failures.length}`, Object.fromEntries(retriedFor));
    expect(failures).toEqual([]);
    for (const [job, runId] of runs.entries()) {
      const [stored] = await query<{ points: number; batches: number }>(
        `SELECT (SELECT count(*)::int FROM "MetricPoint" p JOIN "MetricSeries" s ON s.id = p."seriesId" WHERE s."runId" = $1) AS points,
                (SELECT count(*)::int FROM "IngestBatch" WHERE "runId" = $1) AS batches`,
        [runId],
      );
      expect(stored).toEqual({ points: sentBatches[job]! * 50, batches: sentBatches[job]! });
    }
  }, 400_000);
});
