// What the runs use cases answer a training job with: the REST API's wire format (snake_case,
// metric values as numbers or "NaN"/"Infinity"/"-Infinity"). The REST layer documents the same
// shapes as zod schemas for its OpenAPI document (src/server/api/v1/schemas.ts), which checks
// at compile time that the two agree.
import type { MetricValue } from '@/lib/schemas/runs';

export type ApiRunStatus = 'running' | 'finished' | 'failed' | 'killed';

export type MeResponse = {
  user: { id: string; email: string; name: string | null };
  cohort: { slug: string; name: string };
  token: { id: string; name: string; prefix: string; expires_at: string | null };
  exercises: {
    slug: string;
    title: string;
    primary_metric: string | null;
    higher_is_better: boolean | null;
    week: number | null;
  }[];
};

export type RunHandle = {
  run_id: string;
  status: ApiRunStatus;
  last_seq: number;
  last_steps: Record<string, number>;
};

export type MetricSummary = {
  count: number;
  min: MetricValue | null;
  max: MetricValue | null;
  last: MetricValue | null;
  last_step: number | null;
};

export type RunResponse = {
  run_id: string;
  client_run_id: string;
  exercise: string;
  cohort: string;
  name: string | null;
  status: ApiRunStatus;
  stale: boolean;
  params: Record<string, unknown>;
  summary: Record<string, unknown> | null;
  tags: string[];
  git_sha: string | null;
  host: string | null;
  exit_code: number | null;
  last_seq: number;
  last_steps: Record<string, number>;
  created_at: string;
  updated_at: string;
  last_data_at: string | null;
  finished_at: string | null;
  metrics: Record<string, MetricSummary>;
};

export type MetricsAccepted = {
  duplicate: boolean;
  seq: number;
  points: number;
  inserted: number;
  replaced: number;
  last_seq: number;
};

export type MetricSeriesResponse = {
  run_id: string;
  key: string;
  count: number;
  downsampled: boolean;
  points: { step: number; value: MetricValue; time: string | null }[];
};

export type ArtifactResponse = {
  artifact_id: string;
  name: string;
  step: number;
  content_type: 'image/png' | 'image/jpeg';
  size: number;
  width: number | null;
  height: number | null;
};
