// `npm run bench:syllabus`: how fast the cohort syllabus page is served by `next start`, next
// to two baselines measured in the same run (docs/architecture.md: benchmarks print numbers
// and a ratio against a baseline, they do not assert):
//
//   a. /cohorts/demo/syllabus, signed out, for a public cohort: the page under test
//   b. /about, a fully static page of the same build: Next's own ceiling
//   c. the bytes of (a) served by a bare node:http server: the machine's limit
//   d. (extra) a members-only cohort's syllabus with a member's session cookie: rendered per
//      request from cached data, reading the session and the membership
//   e. (extra) a public cohort whose syllabus is one short week: the same route and cache as
//      (a) with a page the size of (b), to tell the cost of the route from the cost of bytes
//
// Each for ~10 s (BENCH_DURATION_S) with 50 connections (autocannon); a, b, c and e in rounds
// (BENCH_ROUNDS, 5): a, b, c, e, a, b, c, e… so that other work on the machine weighs on them
// alike; d, much slower, on its own afterwards.
// The goal is a ≥ 0.8 × b: a cache hit costs no database query and no render. PostgreSQL logs every
// statement, so the table shows the queries each measurement cost; at the end PostgreSQL is
// stopped and (a) is asked for again, and still served.
import http from 'node:http';
import os from 'node:os';
import autocannon, { type Result } from 'autocannon';
import { findFreePort } from '@/server/db/embedded';
import { log, startSyllabusServer, warmUp, type SyllabusServer } from './lib/syllabus-server';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const CONNECTIONS = 50;

type Target = { name: string; url: string; headers?: Record<string, string> };
type Measurement = {
  name: string;
  requestsPerSecond: number;
  requests: number;
  p95: number;
  p99: number;
  failed: number;
  statements: number;
};

let server: SyllabusServer | undefined;
let bare: http.Server | undefined;

async function main() {
  server = await startSyllabusServer();
  const { base, pages, memberCookie } = server;
  await warmUp(server, [{ path: pages.cohort }, { path: pages.about }, { path: pages.small }, { path: pages.members, cookie: memberCookie }]);

  const html = Buffer.from(await (await fetch(`${base}${pages.cohort}`)).arrayBuffer());
  const barePort = await findFreePort();
  bare = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': html.byteLength });
    response.end(html);
  });
  await new Promise<void>((resolve) => bare!.listen(barePort, '127.0.0.1', resolve));

  const targets: Target[] = [
    { name: 'a. cohort syllabus (signed out, public)', url: `${base}${pages.cohort}` },
    { name: 'b. static page /about', url: `${base}${pages.about}` },
    { name: 'c. bytes of (a), bare node:http', url: `http://127.0.0.1:${barePort}/` },
    { name: 'e. one-week cohort syllabus (signed out)', url: `${base}${pages.small}` },
    { name: 'd. members-only syllabus (signed in)', url: `${base}${pages.members}`, headers: { cookie: memberCookie } },
  ];
  const measured = [...(await measureInRounds(server, targets.slice(0, 4), ROUNDS)), ...(await measureInRounds(server, targets.slice(4), 1))];
  const [a, b, c, e, d] = measured as [Measurement, Measurement, Measurement, Measurement, Measurement];
  const results = [a, b, c, d, e];
  const smallBytes = (await (await fetch(`${base}${pages.small}`)).arrayBuffer()).byteLength;

  console.log('');
  console.log(
    `autocannon -c ${CONNECTIONS}, ${DURATION_S} s per page in ${ROUNDS} rounds · ${os.cpus().length} CPUs · Node ${process.version} · build ${server.distDir} · page (a) ${(html.byteLength / 1024).toFixed(0)} KB`,
  );
  console.log('');
  const row = (cells: string[]) => console.log(cells[0]!.padEnd(42) + cells.slice(1).map((cell) => cell.padStart(11)).join(''));
  row(['', 'req/s', 'p95 ms', 'p99 ms', 'failed', 'DB queries']);
  for (const m of results) {
    row([m.name, m.requestsPerSecond.toFixed(0), m.p95.toFixed(1), m.p99.toFixed(1), String(m.failed), String(m.statements)]);
  }
  const ratio = (x: Measurement, y: Measurement) => x.requestsPerSecond / y.requestsPerSecond;
  console.log('');
  console.log(`a / b  cohort syllabus vs static page:     ${ratio(a, b).toFixed(2)}   (goal ≥ 0.80: ${ratio(a, b) >= 0.8 ? 'met' : 'NOT met'})`);
  console.log(`a / c  cohort syllabus vs bare node:http:  ${ratio(a, c).toFixed(3)}`);
  console.log(`d / b  members-only (signed in) vs static: ${ratio(d, b).toFixed(2)}`);
  console.log(`e / b  one-week cohort syllabus (${(smallBytes / 1024).toFixed(0)} KB) vs static page: ${ratio(e, b).toFixed(2)}   (the route and cache alone)`);
  const perRequest = (m: Measurement) => (m.statements / Math.max(1, m.requests)).toFixed(2);
  console.log(`DB queries per request: a ${perRequest(a)}, b ${perRequest(b)}, e ${perRequest(e)}, d ${perRequest(d)} (d: the session and its user; the membership; the header's cohorts, memberships and curricula)`);
  console.log('Latencies: exact percentiles of every response time autocannon reported.');

  // The proof that a cache hit needs no database: stop it, and ask again.
  await server.stopDatabase();
  const cached = await fetch(`${base}${pages.cohort}`);
  const signedIn = await fetch(`${base}${pages.members}`, { headers: { cookie: memberCookie }, signal: AbortSignal.timeout(15_000) }).catch(() => null);
  console.log('');
  console.log(`PostgreSQL stopped: ${pages.cohort} → ${cached.status} (x-nextjs-cache: ${cached.headers.get('x-nextjs-cache')}),`);
  console.log(`                    ${pages.members} signed in → ${signedIn?.status ?? 'no answer'} (reads the session and membership from the database)`);
}

/** Each target for DURATION_S in all, a slice of it per round, the targets taking turns. */
async function measureInRounds(target: SyllabusServer, targets: Target[], rounds: number): Promise<Measurement[]> {
  const slice = DURATION_S / rounds;
  const totals = targets.map(() => ({ times: [] as number[], requests: 0, seconds: 0, failed: 0, statements: 0 }));
  for (let round = 1; round <= rounds; round++) {
    log(`Round ${round} of ${rounds}: ${targets.map((t) => t.name.slice(0, 1)).join(', ')}, ${slice} s each…`);
    for (const [index, { url, headers }] of targets.entries()) {
      const total = totals[index]!;
      const before = target.statements();
      const instance = autocannon({ url, connections: CONNECTIONS, duration: slice, headers: headers ?? {} });
      instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
        if (statusCode >= 200 && statusCode < 300) total.times.push(responseTime);
      });
      const result: Result = await instance;
      total.requests += result['2xx'];
      total.seconds += result.duration;
      total.failed += result.non2xx + result.errors + result.timeouts;
      await settle(target);
      total.statements += target.statements() - before;
    }
  }
  return targets.map(({ name }, index) => {
    const total = totals[index]!;
    const times = total.times.sort((x, y) => x - y);
    const percentile = (p: number) => (times.length ? times[Math.min(times.length - 1, Math.ceil(times.length * p) - 1)]! : Number.NaN);
    return {
      name,
      requestsPerSecond: total.requests / total.seconds,
      requests: total.requests,
      p95: percentile(0.95),
      p99: percentile(0.99),
      failed: total.failed,
      statements: total.statements,
    };
  });
}

/** Waits until the server has finished what the last run left in flight and the log is quiet. */
async function settle(target: SyllabusServer) {
  let last = -1;
  for (let i = 0; i < 40 && target.statements() !== last; i++) {
    last = target.statements();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function stopAll() {
  bare?.close();
  await server?.stop();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stopAll().then(() => process.exit(130)));
}

main()
  .then(stopAll)
  .catch(async (error: unknown) => {
    console.error(`[syllabus] ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(1);
  });
