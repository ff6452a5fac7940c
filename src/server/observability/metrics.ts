// The app's Prometheus metrics (prom-client), read at /metrics (src/cli/serve.ts) and, for job
// workers, on FELLOWSHIP_WORKER_METRICS_PORT.
//
// One registry per process: prom-client is a server-external package (next.config.ts), so the
// serving process and the app code Next bundled load the same prom-client, and with it the same
// global registry. This module itself may be loaded twice (bundled and not), so each metric is
// looked up before it is made.
import client, { type Counter, type Gauge, type Histogram } from 'prom-client';

const registry = client.register;

function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (registry.getSingleMetric(name) as Counter<L> | undefined) ?? new client.Counter({ name, help, labelNames });
}

function histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
  return (registry.getSingleMetric(name) as Histogram<L> | undefined) ?? new client.Histogram({ name, help, labelNames, buckets });
}

/** Requests by route (Next's route pattern, never the raw path), method and status. */
export const httpRequestSeconds = histogram(
  'fellowship_http_request_duration_seconds',
  'Time to answer an HTTP request, by route pattern, method and status.',
  ['route', 'method', 'status'],
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);

export const ingestedPoints = counter('fellowship_ingested_points_total', 'Metric points stored from training jobs.', []);

/** Batches from training jobs: stored, duplicate (a replay answered without writing) or rejected (4xx). */
export const ingestedBatches = counter('fellowship_ingest_batches_total', 'Metric batches received, by outcome.', ['outcome']);

/** A batch a training job sent that was answered 200: stored, or a replay of one stored before. */
export function recordIngestedBatch(accepted: { duplicate: boolean; inserted: number; replaced: number }): void {
  ingestedBatches.inc({ outcome: accepted.duplicate ? 'duplicate' : 'stored' });
  if (!accepted.duplicate) ingestedPoints.inc(accepted.inserted + accepted.replaced);
}

/** Page and data cache lookups (hit, miss, stale) and invalidations (sent, received). */
export const cacheEvents = counter('fellowship_cache_events_total', 'Cache lookups and invalidations, by cache and event.', ['cache', 'event']);

export const jobSeconds = histogram(
  'fellowship_job_duration_seconds',
  'Time a job ran, by task and outcome.',
  ['task', 'outcome'],
  [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
);

export const jobWaitSeconds = histogram(
  'fellowship_job_wait_seconds',
  'Time from when a job was due to when a worker started it, by task.',
  ['task'],
  [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
);

/**
 * A gauge read when /metrics is scraped (queue depth, pool use). `read` returns the values by
 * label set; a failure leaves the gauge empty for that scrape rather than failing it.
 */
export function gaugeReadAtScrape<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  read: () => Promise<{ labels: Partial<Record<L, string>>; value: number }[]> | { labels: Partial<Record<L, string>>; value: number }[],
): Gauge<L> {
  const existing = registry.getSingleMetric(name) as Gauge<L> | undefined;
  if (existing) registry.removeSingleMetric(name);
  return new client.Gauge<L>({
    name,
    help,
    labelNames,
    async collect() {
      this.reset();
      try {
        for (const { labels, value } of await read()) this.set(labels, value);
      } catch {
        // The database is away: /metrics still answers, and readiness says the rest.
      }
    },
  });
}

let defaultsCollected = false;

/** Process metrics (CPU, memory, event-loop lag, GC), once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected || registry.getSingleMetric('process_cpu_seconds_total')) return;
  defaultsCollected = true;
  client.collectDefaultMetrics({ register: registry });
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
