// The runs domain's contract as zod schemas: the /api/v1 request and response bodies and the
// limits on metrics, shared by the REST routes, the web UI's runs procedures and the runs
// services. The OpenAPI document (src/server/api/v1/openapi.ts) is generated from the very same
// objects, so the documentation cannot drift from what the server accepts.
import { z } from 'zod';

/** Request bodies and parameters (documented as the input zod accepts). */
export const requestSchemas = z.registry<{ id: string; description?: string }>();
/** Response bodies (documented as the output). */
export const responseSchemas = z.registry<{ id: string; description?: string }>();

export const MAX_POINTS_PER_REQUEST = 5000;
export const MAX_KEYS_PER_RUN = 1000;
export const MAX_KEY_LENGTH = 250;
export const MAX_INT = 2_147_483_647;
export const DEFAULT_MAX_POINTS = 1500;
/** A running run without new data for this long is shown as stale (the web UI says so too). */
export { STALE_AFTER_MS } from '@/lib/run-status';

const NON_FINITE = ['NaN', 'Infinity', '-Infinity'] as const;
export type NonFinite = (typeof NON_FINITE)[number];

// ---------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------

export const metricKeySchema = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(MAX_KEY_LENGTH, `must be at most ${MAX_KEY_LENGTH} characters`)
  .regex(
    /^[A-Za-z0-9_\-./](?:[A-Za-z0-9_\-./ ]*[A-Za-z0-9_\-./])?$/,
    'may hold only letters (A-Z, a-z), digits, "_", "-", ".", "/" and spaces (not at either end)',
  )
  .meta({ description: 'A metric name: letters, digits, `_ - . /` and inner spaces, up to 250 characters.', examples: ['elbo', 'train/loss'] });

export const metricValueSchema = z
  .union([z.number(), z.enum(NON_FINITE)], { error: 'must be a finite number, or "NaN", "Infinity" or "-Infinity"' })
  .meta({
    description: 'A finite number, or one of the strings "NaN", "Infinity", "-Infinity" (JSON has no such numbers).',
    examples: [-24.03, 'NaN'],
  });

const stepSchema = z
  .int({ error: 'must be a whole number' })
  .min(0, 'must be 0 or more')
  .max(MAX_INT, `must be at most ${MAX_INT}`)
  .meta({ description: 'The training step (or epoch, or any increasing counter).', examples: [100] });

const YEAR_3000 = 32_503_680_000;
const pointTimeSchema = z
  .union(
    [
      z.number().min(0).max(YEAR_3000),
      z.iso.datetime({ offset: true }),
    ],
    { error: 'must be Unix seconds (a number) or an ISO 8601 date-time' },
  )
  .nullable()
  .optional()
  .meta({ description: 'When the value was measured: Unix seconds, or an ISO 8601 date-time.', examples: [1795693717.73] });

const clientRunIdSchema = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'may hold only printable ASCII characters without spaces')
  .meta({
    description: 'Chosen by the job (e.g. a UUID). The same value finds the same run again: a resumed job continues its run.',
    examples: ['3f2b9c1e8a7d4e5f9a0b1c2d3e4f5a6b'],
  });

const exerciseSlugSchema = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'may contain only letters, digits, "-" and "_"')
  .meta({ description: 'The exercise slug, as `GET /api/v1/me` lists them.', examples: ['vae'] });

/** Free-form JSON objects (params, summary): bounded so that they stay small. */
const MAX_JSON_OBJECT_BYTES = 64 * 1024;
function jsonObjectSchema(description: string, example: Record<string, unknown>) {
  return z
    .record(z.string().max(MAX_KEY_LENGTH, `names must be at most ${MAX_KEY_LENGTH} characters`), z.unknown())
    .superRefine((value, ctx) => {
      if (JSON.stringify(value).length > MAX_JSON_OBJECT_BYTES) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_JSON_OBJECT_BYTES / 1024} KB as JSON` });
      }
    })
    .meta({ description, examples: [example] });
}

const runStatusInput = z.enum(['running', 'finished', 'failed', 'killed'], {
  error: 'must be one of running, finished, failed, killed',
});

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

export const pointSchema = z
  .object({ key: metricKeySchema, step: stepSchema, value: metricValueSchema, time: pointTimeSchema })
  .register(requestSchemas, { id: 'MetricPoint', description: 'One value of one metric at one step.' });

export const metricsBodySchema = z
  .object({
    seq: z
      .int({ error: 'must be a whole number' })
      .min(1, 'must be 1 or more')
      .max(MAX_INT, `must be at most ${MAX_INT}`)
      .meta({
        description:
          'The batch number, from 1, one per batch of a run. Sending a batch again under the same number changes nothing (200 `{ "duplicate": true }`); different points under a used number are refused (409).',
        examples: [1],
      }),
    points: z
      .array(pointSchema, { error: 'must be an array of points' })
      .min(1, 'must hold at least one point')
      .max(MAX_POINTS_PER_REQUEST, `must hold at most ${MAX_POINTS_PER_REQUEST} points`),
  })
  .register(requestSchemas, { id: 'MetricsBatch', description: 'A numbered batch of points (at most 5,000, and 1 MB as JSON).' });

export const createRunBodySchema = z
  .object({
    exercise: exerciseSlugSchema,
    client_run_id: clientRunIdSchema,
    name: z.string().trim().max(200, 'must be at most 200 characters').nullable().optional().meta({ examples: ['beta=1'] }),
    params: jsonObjectSchema('Hyperparameters, any JSON object (at most 64 KB).', { lr: 0.001, beta: 1 }).optional(),
    tags: z
      .array(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
      .max(50, 'must hold at most 50 tags')
      .optional()
      .meta({ examples: [['baseline']] }),
    git_sha: z.string().trim().max(100, 'must be at most 100 characters').nullable().optional().meta({ examples: ['4f2a9c1'] }),
    host: z.string().trim().max(255, 'must be at most 255 characters').nullable().optional().meta({ examples: ['gpu-node-7'] }),
  })
  .register(requestSchemas, { id: 'CreateRun', description: 'Starts a run, or finds it again by `client_run_id`.' });

export const updateRunBodySchema = z
  .object({
    status: runStatusInput.optional().meta({ description: 'The new status: `running` reopens a run.' }),
    summary: jsonObjectSchema('Final results, e.g. `{ "elbo": -24.1 }` (replaces the previous summary).', { elbo: -24.1 })
      .nullable()
      .optional(),
    exit_code: z.int({ error: 'must be a whole number' }).min(-MAX_INT - 1).max(MAX_INT).nullable().optional().meta({ examples: [0] }),
    params: jsonObjectSchema('Hyperparameters to add (merged into the run\'s params).', { epochs: 5 }).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'send at least one of status, summary, exit_code, params',
  })
  .register(requestSchemas, { id: 'UpdateRun', description: 'Ends (or updates) a run.' });

export const runIdParamsSchema = z.object({
  runId: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'is not a run id').meta({ description: 'The run id from `POST /api/v1/runs`.' }),
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

export type CreateRunBody = z.output<typeof createRunBodySchema>;
export type UpdateRunBody = z.output<typeof updateRunBodySchema>;
export type MetricsBody = z.output<typeof metricsBodySchema>;
export type MetricPointInput = z.output<typeof pointSchema>;
export type MetricValue = z.output<typeof metricValueSchema>;
export type RunHandle = z.output<typeof runHandleSchema>;
export type RunResponse = z.output<typeof runResponseSchema>;
export type MetricSeriesResponse = z.output<typeof metricSeriesResponseSchema>;
export type MeResponse = z.output<typeof meResponseSchema>;
export type MetricsAccepted = z.output<typeof metricsAcceptedSchema>;
export type ArtifactResponse = z.output<typeof artifactResponseSchema>;
