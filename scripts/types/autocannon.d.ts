// The part of autocannon's API the benchmark scripts use (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p97_5: number; p99: number };

  export type Result = {
    requests: Histogram & { total: number; sent: number };
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    '2xx': number;
  };

  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    method?: string;
    /** Requests in turn; setupRequest returns each one's fields (a fresh body per request). */
    requests?: { method?: string; setupRequest?: (request: Record<string, unknown>) => Record<string, unknown> }[];
  };

  export type Instance = EventEmitter & Promise<Result>;

  function autocannon(options: Options): Instance;
  export default autocannon;
}
