// `npm run bench:floor`: what Next.js itself costs per request on this machine, apart from the
// app (issue 18). Two tiny fixture apps in scripts/next-floor are built and served with
// `next start`, and each request below runs under 20 connections (autocannon), next to the
// baseline measured on the same server in the same run: a route handler answering per request
// with no database (/api/ping; the app's /api/health also runs one SQL statement).
//
//   plain             Next as the app uses it: /static (prerendered), /empty (the least a page
//                     rendered per request can be), /list (a page-sized list rendered per
//                     request), and /list again as a client-side navigation asks for it (the
//                     RSC payload alone, no HTML)
//   cache-components  cacheComponents (partial prerendering): /shell-list (the list in the
//                     prerendered shell, one line per request) and /hole-list (an empty shell,
//                     the list rendered per request: what a page behind an access check becomes)
//
// Prints requests/s, the ratio to the baseline, p50/p97.5, the server's CPU per request (from
// /proc) and the response's size. Options (env): BENCH_DURATION_S (default 10), BENCH_WARMUP_S
// (default 3). See docs/decisions/0033-signed-in-page-cost.md.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '@/cli/next-process';
import { findFreePort } from '@/server/db/embedded';
import { processCpuMs } from './lib/process-cpu';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const CONNECTIONS = 20;
const nextBin = path.join(projectRoot, 'node_modules/next/dist/bin/next');

type Target = { name: string; path: string; rsc?: boolean };
type Fixture = { name: string; dir: string; targets: Target[] };
type Row = { fixture: string; name: string; rps: number; ratio: number; p50: number; p975: number; cpuMs: number; kb: number; errors: number };

const fixtures: Fixture[] = [
  {
    name: 'plain',
    dir: 'scripts/next-floor/plain',
    targets: [
      { name: 'static page', path: '/static' },
      { name: 'empty page, per request', path: '/empty' },
      { name: 'list page, per request', path: '/list' },
      { name: 'list page, client navigation (RSC only)', path: '/list', rsc: true },
    ],
  },
  {
    name: 'cache-components',
    dir: 'scripts/next-floor/cache-components',
    targets: [
      { name: 'list in the prerendered shell, one line per request', path: '/shell-list' },
      { name: 'empty shell, list per request', path: '/hole-list' },
    ],
  },
];

function log(message: string) {
  console.log(`[bench] ${message}`);
}

function run(args: string[], stdio: 'inherit' | 'ignore'): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', stdio, 'inherit'],
  });
}

async function measure(fixture: Fixture): Promise<Row[]> {
  log(`building ${fixture.dir}…`);
  const build = run(['build', fixture.dir], 'ignore');
  const code = await new Promise<number | null>((resolve) => build.on('exit', resolve));
  if (code !== 0) throw new Error(`next build ${fixture.dir} failed (${code})`);

  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const server = run(['start', fixture.dir, '--port', String(port), '--hostname', '127.0.0.1'], 'ignore');
  try {
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`${base}/api/ping`).then((response) => response.ok, () => false))) {
      if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
      if (Date.now() > deadline) throw new Error('next start did not answer in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const rows: Row[] = [];
    const baseline: Target = { name: '/api/ping (baseline)', path: '/api/ping' };
    for (const target of [baseline, ...fixture.targets]) {
      // A client-side navigation asks for the RSC payload alone, with `rsc: 1` and a cache-busting
      // `_rsc` parameter (empty when no router-state headers are sent).
      const url = `${base}${target.path}${target.rsc ? '?_rsc' : ''}`;
      const headers: Record<string, string> = target.rsc ? { rsc: '1' } : {};
      const response = await fetch(url, { headers, redirect: 'manual' });
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${target.name}: ${response.status}`);
      const load = (duration: number) => autocannon({ url, connections: CONNECTIONS, duration, headers });
      if (WARMUP_S > 0) await load(WARMUP_S);
      const cpuBefore = processCpuMs(server.pid);
      const result = await load(DURATION_S);
      const cpuMs = ((processCpuMs(server.pid) ?? 0) - (cpuBefore ?? 0)) / Math.max(1, result.requests.total);
      rows.push({
        fixture: fixture.name,
        name: target.name,
        rps: result.requests.average,
        ratio: result.requests.average / (rows[0]?.rps ?? result.requests.average),
        p50: result.latency.p50,
        p975: result.latency.p97_5,
        cpuMs,
        kb: body.byteLength / 1024,
        errors: result.errors + result.non2xx,
      });
      log(`${fixture.name} ${target.name}: ${result.requests.average.toFixed(0)} req/s`);
    }
    return rows;
  } finally {
    server.kill('SIGTERM');
  }
}

async function main() {
  const rows: Row[] = [];
  for (const fixture of fixtures) rows.push(...(await measure(fixture)));
  console.log(`\nNext.js alone, ${CONNECTIONS} connections, ${DURATION_S} s each, ${os.cpus().length} CPUs, next start:`);
  console.log('| fixture | request | requests/s | × baseline | p50 ms | p97.5 ms | server CPU ms/request | size KB | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    console.log(
      `| ${row.fixture} | ${row.name} | ${row.rps.toFixed(0)} | ${row.ratio.toFixed(2)} | ${row.p50} | ${row.p975} | ${row.cpuMs.toFixed(1)} | ${row.kb.toFixed(1)} | ${row.errors} |`,
    );
  }
  console.log("The baseline of each fixture is its own /api/ping, measured on the same server. Issue 18's goal for a page is ≥ 0.30× a baseline that also runs one SQL statement.");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
