// The part of parse-prometheus-text-format the tests use (the package ships no types).
declare module 'parse-prometheus-text-format' {
  type Metric = { labels?: Record<string, string>; value?: string; buckets?: Record<string, string>; count?: string; sum?: string };
  type Family = { name: string; help: string; type: string; metrics: Metric[] };
  export default function parsePrometheusTextFormat(text: string): Family[];
}
