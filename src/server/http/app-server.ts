// The HTTP server around Next's request handler: what `next start` does, plus what an operator
// behind a load balancer needs (docs/decisions/0030-serving.md):
// - a request id on every request (X-Request-Id, taken from a proxy when well-formed) and one
//   JSON log line per request with its route pattern, status, duration and user id;
// - Prometheus metrics: /metrics with METRICS_TOKEN, or on METRICS_PORT without one;
// - readiness and liveness apart: /api/health (the database) goes 503 as soon as a shutdown
//   begins, /api/health/live answers while the process does;
// - a graceful shutdown: on SIGTERM it stays in service for FELLOWSHIP_DRAIN_SECONDS so the
//   load balancer sees the 503 and stops sending, then stops accepting, lets the requests in
//   flight finish (an ingest batch commits or was never applied), and exits;
// - caches that agree across servers: it LISTENs for expired cache tags (cache-broadcast.ts).
import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { EVERYTHING_TAG, expireLocalTags, listenForExpiredTags, type CacheListener } from '@/server/cache/cache-broadcast';
import { databasePoolUse } from '@/server/db/pool-use';
import { logger } from '@/server/observability/logger';
import {
  cacheEvents,
  collectProcessMetrics,
  gaugeReadAtScrape,
  httpRequestSeconds,
  ingestedBatches,
  renderMetrics,
} from '@/server/observability/metrics';
import { listenForMetrics } from '@/server/observability/metrics-server';
import { runWithRequestContext, type RequestContext } from '@/server/observability/request-context';
import { systemContext } from '@/server/services/context';
import { readQueueDepth, type QueueDepth } from '@/server/services/jobs/queue-depth';
import { loadRoutePatterns, type RoutePatterns } from './route-patterns';

export type AppServerOptions = {
  dir: string;
  port: number;
  hostname?: string;
  /** Next's config, for the standalone output (which has no next.config.ts to read). */
  conf?: Record<string, unknown>;
  distDir?: string;
  directUrl?: string;
  drainSeconds: number;
  shutdownTimeoutSeconds: number;
  metricsToken?: string;
  metricsPort?: number;
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const INGEST_ROUTE = '/api/v1/runs/[runId]/metrics';

export async function startAppServer(options: AppServerOptions): Promise<{ close(signal: NodeJS.Signals): Promise<void> }> {
  const log = logger();
  const app = next({ dev: false, dir: options.dir, hostname: options.hostname, port: options.port, conf: options.conf as never });
  await app.prepare();
  const handle = app.getRequestHandler();
  const routeOf: RoutePatterns = loadRoutePatterns(path.resolve(options.dir, options.distDir ?? '.next'));

  collectProcessMetrics();
  registerScrapeGauges();

  let draining = false;
  let listener: CacheListener | undefined;
  if (options.directUrl) {
    listener = listenForExpiredTags(
      options.directUrl,
      (tags) => {
        expireLocalTags(tags);
        cacheEvents.inc({ cache: tags.includes(EVERYTHING_TAG) ? 'all' : 'tags', event: 'invalidation-received' }, tags.length);
      },
      (message, error) => log.warn({ err: error }, message),
    );
  }

  const answerMetrics = async (res: http.ServerResponse) => {
    const { contentType, body } = await renderMetrics();
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(body);
  };

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('X-Request-Id', requestId);
    if (draining) res.setHeader('Connection', 'close');
    const pathname = (req.url ?? '/').split('?', 1)[0]!;
    const context: RequestContext = { requestId };

    res.once('close', () => {
      const route = pathname === '/metrics' ? '/metrics' : routeOf(pathname);
      const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
      const seconds = (performance.now() - started) / 1000;
      httpRequestSeconds.observe({ route, method: req.method ?? 'GET', status: String(status) }, seconds);
      const cache = res.getHeader('x-nextjs-cache');
      if (typeof cache === 'string') cacheEvents.inc({ cache: 'page', event: cache.toLowerCase() });
      if (route === INGEST_ROUTE && req.method === 'POST' && status >= 400) ingestedBatches.inc({ outcome: 'rejected' });
      log.info(
        { requestId, method: req.method, route, status, ms: Math.round(seconds * 10_000) / 10, userId: context.userId },
        'request',
      );
    });

    if (pathname === '/metrics') {
      if (!options.metricsToken || !bearerMatches(req.headers.authorization, options.metricsToken)) {
        res.writeHead(options.metricsToken ? 401 : 404, { 'Content-Type': 'text/plain' }).end(
          options.metricsToken ? 'Send Authorization: Bearer <METRICS_TOKEN>.\n' : 'Not found\n',
        );
        return;
      }
      void answerMetrics(res);
      return;
    }
    if (draining && pathname === '/api/health') {
      res.writeHead(503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify({ status: 'draining' }));
      return;
    }
    runWithRequestContext(context, () => void handle(req, res));
  });
  // Longer than a load balancer's idle keep-alive (60 s is common), so the server never closes a
  // connection the balancer is about to reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => resolve());
  });

  const metricsServer = options.metricsPort ? await listenForMetrics(options.metricsPort, options.hostname) : undefined;

  return {
    async close(signal) {
      if (draining) return;
      draining = true;
      // SIGTERM comes from an orchestrator with a load balancer to tell; Ctrl-C from a person.
      const drainMs = signal === 'SIGTERM' ? options.drainSeconds * 1000 : 0;
      log.info({ signal, drainSeconds: drainMs / 1000 }, 'shutting down: readiness answers 503');
      await new Promise((resolve) => setTimeout(resolve, drainMs));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timedOut = await Promise.race([
        closed.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), options.shutdownTimeoutSeconds * 1000).unref()),
      ]);
      if (timedOut) {
        log.warn({ seconds: options.shutdownTimeoutSeconds }, 'requests still running at the shutdown timeout: closing them');
        server.closeAllConnections();
      }
      metricsServer?.close();
      metricsServer?.closeAllConnections();
      await listener?.close();
      log.info('stopped');
    },
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function registerScrapeGauges(): void {
  // The queue's depth is read once per scrape, for both gauges that show it.
  let depth: { at: number; rows: Promise<QueueDepth[]> } | undefined;
  const queueDepth = () => {
    if (!depth || performance.now() - depth.at > 1000) depth = { at: performance.now(), rows: readQueueDepth(systemContext()) };
    return depth.rows;
  };
  gaugeReadAtScrape('fellowship_db_pool_connections', "Connections of this server's database pool, by state.", ['state'], () => {
    const use = databasePoolUse();
    return [
      { labels: { state: 'open' }, value: use.total },
      { labels: { state: 'idle' }, value: use.idle },
      { labels: { state: 'waiting' }, value: use.waiting },
    ];
  });
  gaugeReadAtScrape('fellowship_jobs', 'Jobs in the queue (all workers), by task and state.', ['task', 'state'], async () =>
    (await queueDepth()).flatMap((row) =>
      (['ready', 'scheduled', 'running', 'failed'] as const).map((state) => ({ labels: { task: row.task, state }, value: row[state] })),
    ),
  );
  gaugeReadAtScrape('fellowship_job_oldest_ready_seconds', 'How long the oldest job ready to run has waited, by task.', ['task'], async () =>
    (await queueDepth()).map((row) => ({ labels: { task: row.task }, value: row.oldestReadySeconds })),
  );
}
