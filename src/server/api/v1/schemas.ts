// The /api/v1 contract as zod schemas. The route handlers validate requests with these, and
// the OpenAPI document (./openapi.ts) is generated from the very same objects, so the
// documentation cannot drift from what the server accepts.
import { z } from 'zod';
import {
  createRunBodySchema,
  DEFAULT_MAX_POINTS,
  MAX_INT,
  metricKeySchema,
  metricsBodySchema,
  metricValueSchema,
  pointSchema,
  runIdSchema,
  updateRunBodySchema,
} from '@/lib/schemas/runs';
import type * as Responses from '@/server/services/runs/run-responses';

/** Request bodies and parameters (documented as the input zod accepts). */
export const requestSchemas = z.registry<{ id: string; description?: string }>();
/** Response bodies (documented as the output). */
export const responseSchemas = z.registry<{ id: string; description?: string }>();

// The limits and the request bodies are shared with tRPC and the services
// (src/lib/schemas/runs.ts); here they are registered for the OpenAPI document (in this order:
// it is the document's).
export { createRunBodySchema, metricsBodySchema, updateRunBodySchema };

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

pointSchema.register(requestSchemas, { id: 'MetricPoint', description: 'One value of one metric at one step.' });
metricsBodySchema.register(requestSchemas, { id: 'MetricsBatch', description: 'A numbered batch of points (at most 5,000, and 1 MB as JSON).' });
createRunBodySchema.register(requestSchemas, { id: 'CreateRun', description: 'Starts a run, or finds it again by `client_run_id`.' });
updateRunBodySchema.register(requestSchemas, { id: 'UpdateRun', description: 'Ends (or updates) a run.' });

export const runIdParamsSchema = z.object({
  runId: runIdSchema.meta({ description: 'The run id from `POST /api/v1/runs`.' }),
});

export const readMetricsQuerySchema = z.object({
  key: metricKeySchema,
  // Query strings are text: plain decimal digits only (no "0x10", "1e3" or spaces).
  max_points: z
    .string()
    .regex(/^[0-9]{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.int().min(10, 'must be at least 10').max(20_000, 'must be at most 20000'))
    .default(DEFAULT_MAX_POINTS)
    .meta({ description: 'At most this many points come back (default 1,500); longer series are downsampled.' }),
  min_step: queryStepSchema('Only points at this step or later (a zoomed chart asks for the steps it shows, at full detail).'),
  max_step: queryStepSchema('Only points at this step or earlier.'),
}).refine((query) => query.min_step === undefined || query.max_step === undefined || query.min_step <= query.max_step, {
  message: 'min_step must not be greater than max_step',
  path: ['min_step'],
});

/** A step in a query string: plain decimal digits, 0 to 2,147,483,647. */
function queryStep() {
  return z
    .string()
    .regex(/^[0-9]{1,10}$/, 'must be a whole number, 0 or more')
    .transform(Number)
    .pipe(z.int().min(0).max(MAX_INT, `must be at most ${MAX_INT}`));
}

function queryStepSchema(description: string) {
  return queryStep().optional().meta({ description });
}

export const MAX_ARTIFACT_BYTES = 5 * 1024 * 1024;

export const artifactNameSchema = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_\-./ ]+$/, 'may hold only letters (A-Z, a-z), digits, "_", "-", ".", "/" and spaces')
  .meta({ description: 'What the image shows: letters, digits, `_ - . /` and spaces, 1–100 characters.', examples: ['samples'] });

export const uploadArtifactQuerySchema = z.object({
  name: artifactNameSchema,
  step: queryStep().default(0).meta({ description: 'The training step the image belongs to (default 0).' }),
});

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

const runStatusOutput = z.enum(['running', 'finished', 'failed', 'killed']);

const lastStepsSchema = z
  .record(z.string(), z.int())
  .meta({ description: 'Per metric key, the highest step stored: a resumed job can skip what the server has.', examples: [{ elbo: 990 }] });

export const exerciseSchema = z
  .object({
    slug: z.string().meta({ examples: ['vae'] }),
    title: z.string().meta({ examples: ['Full VAE derivation and implementation'] }),
    primary_metric: z.string().nullable().meta({ examples: ['elbo'] }),
    higher_is_better: z.boolean().nullable().meta({ examples: [true] }),
    week: z.int().nullable().meta({ description: 'The syllabus week the exercise belongs to.', examples: [5] }),
  })
  .register(responseSchemas, { id: 'Exercise' });

export const meResponseSchema = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
    cohort: z.object({ slug: z.string(), name: z.string() }),
    token: z.object({ id: z.string(), name: z.string(), prefix: z.string(), expires_at: z.string().nullable() }),
    exercises: z.array(exerciseSchema),
  })
  .register(responseSchemas, { id: 'Me', description: "The token's user and cohort, and the cohort's exercises." });

export const runHandleSchema = z
  .object({
    run_id: z.string().meta({ examples: ['cmabc123def456'] }),
    status: runStatusOutput,
    last_seq: z.int().meta({ description: 'The highest batch number stored; a resumed job sends last_seq + 1 next.', examples: [0] }),
    last_steps: lastStepsSchema,
  })
  .register(responseSchemas, { id: 'RunHandle', description: 'What a job needs to (re)start sending.' });

export const metricSummarySchema = z
  .object({
    count: z.int(),
    min: metricValueSchema.nullable(),
    max: metricValueSchema.nullable(),
    last: metricValueSchema.nullable(),
    last_step: z.int().nullable(),
  })
  .meta({ description: 'Kept up to date on every write. min and max leave NaN out; last is the value at last_step (the highest step).' })
  .register(responseSchemas, { id: 'MetricSummary' });

export const runResponseSchema = z
  .object({
    run_id: z.string(),
    client_run_id: z.string(),
    exercise: z.string().meta({ examples: ['vae'] }),
    cohort: z.string().meta({ examples: ['demo'] }),
    name: z.string().nullable(),
    status: runStatusOutput,
    stale: z.boolean().meta({ description: 'True for a running run that has sent no data for 5 minutes.' }),
    params: z.record(z.string(), z.unknown()),
    summary: z.record(z.string(), z.unknown()).nullable(),
    tags: z.array(z.string()),
    git_sha: z.string().nullable(),
    host: z.string().nullable(),
    exit_code: z.int().nullable(),
    last_seq: z.int(),
    last_steps: lastStepsSchema,
    created_at: z.string(),
    updated_at: z.string(),
    last_data_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    metrics: z.record(z.string(), metricSummarySchema),
  })
  .register(responseSchemas, { id: 'Run' });

export const metricsAcceptedSchema = z
  .object({
    duplicate: z.boolean().meta({ description: 'True when this batch was stored before: nothing changed.' }),
    seq: z.int(),
    points: z.int().meta({ description: 'Points in the batch.' }),
    inserted: z.int().meta({ description: 'New (key, step) pairs.' }),
    replaced: z.int().meta({ description: 'Points that replaced an earlier value at the same step.' }),
    last_seq: z.int(),
  })
  .register(responseSchemas, { id: 'MetricsAccepted' });

export const metricSeriesResponseSchema = z
  .object({
    run_id: z.string(),
    key: z.string(),
    count: z.int().meta({ description: 'Points stored for this key.' }),
    downsampled: z.boolean(),
    points: z.array(
      z.object({ step: z.int(), value: metricValueSchema, time: z.string().nullable() }),
    ),
  })
  .register(responseSchemas, {
    id: 'MetricSeries',
    description:
      'The points of one key in step order. A series longer than max_points is cut into max_points / 4 buckets of steps, each keeping its first, last, lowest and highest point (NaN counts as the highest), so spikes, the first and the last point always survive.',
  });

export const artifactResponseSchema = z
  .object({
    artifact_id: z.string().meta({ examples: ['cmart123def456'] }),
    name: z.string().meta({ examples: ['samples'] }),
    step: z.int().meta({ examples: [1000] }),
    content_type: z.enum(['image/png', 'image/jpeg']),
    size: z.int().meta({ description: 'Bytes.', examples: [48213] }),
    width: z.int().nullable().meta({ description: 'Pixels, read from the image header.', examples: [256] }),
    height: z.int().nullable().meta({ examples: [256] }),
  })
  .register(responseSchemas, {
    id: 'Artifact',
    description: 'A stored image. A later upload with the same name and step replaces it (same id).',
  });

export const errorCodes = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_REQUESTS',
  'METHOD_NOT_ALLOWED',
  'INTERNAL',
] as const;

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string().meta({ description: 'Written for people; safe to show as is.' }),
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'For invalid input: one entry per problem, `path` naming the field ("points.3.value").' }),
    }),
  })
  .register(responseSchemas, { id: 'Error' });

// What the runs services return (src/server/services/runs/run-responses.ts) must be what
// these schemas document: each pair is checked both ways at compile time.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const responsesMatch: [
  Same<z.output<typeof meResponseSchema>, Responses.MeResponse>,
  Same<z.output<typeof runHandleSchema>, Responses.RunHandle>,
  Same<z.output<typeof runResponseSchema>, Responses.RunResponse>,
  Same<z.output<typeof metricsAcceptedSchema>, Responses.MetricsAccepted>,
  Same<z.output<typeof metricSeriesResponseSchema>, Responses.MetricSeriesResponse>,
  Same<z.output<typeof artifactResponseSchema>, Responses.ArtifactResponse>,
] = [true, true, true, true, true, true];
void responsesMatch;

export type {
  ArtifactResponse,
  MeResponse,
  MetricsAccepted,
  MetricSeriesResponse,
  RunHandle,
  RunResponse,
} from '@/server/services/runs/run-responses';
