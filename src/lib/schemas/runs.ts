// Training runs' input schemas and limits, shared by the REST API (src/server/api/v1, whose
// OpenAPI document registers and documents these very objects), the tRPC runs router and the
// runs services: a metric key or a batch is checked by the same rules whichever way it comes.
// The REST request bodies are snake_case because that is their wire format (Python clients).
import { z } from 'zod';
import { singleLine } from '@/lib/schemas/text';

export const MAX_POINTS_PER_REQUEST = 5000;
export const MAX_KEYS_PER_RUN = 1000;
export const MAX_KEY_LENGTH = 250;
export const MAX_INT = 2_147_483_647;
export const DEFAULT_MAX_POINTS = 1500;

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
  .object({ key: metricKeySchema, step: stepSchema, value: metricValueSchema, time: pointTimeSchema });

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
  });

export const createRunBodySchema = z
  .object({
    exercise: exerciseSlugSchema,
    client_run_id: clientRunIdSchema,
    name: singleLine().max(200, 'must be at most 200 characters').nullable().optional().meta({ examples: ['beta=1'] }),
    params: jsonObjectSchema('Hyperparameters, any JSON object (at most 64 KB).', { lr: 0.001, beta: 1 }).optional(),
    tags: z
      .array(singleLine().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
      .max(50, 'must hold at most 50 tags')
      .optional()
      .meta({ examples: [['baseline']] }),
    git_sha: singleLine().max(100, 'must be at most 100 characters').nullable().optional().meta({ examples: ['4f2a9c1'] }),
    host: singleLine().max(255, 'must be at most 255 characters').nullable().optional().meta({ examples: ['gpu-node-7'] }),
  });

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
  });

export type CreateRunBody = z.output<typeof createRunBodySchema>;
export type UpdateRunBody = z.output<typeof updateRunBodySchema>;
export type MetricsBody = z.output<typeof metricsBodySchema>;
export type MetricPointInput = z.output<typeof pointSchema>;
export type MetricValue = z.output<typeof metricValueSchema>;

// ---------------------------------------------------------------------------
// The web UI (tRPC runs router)
// ---------------------------------------------------------------------------

/** Runs one comparison may hold. */
export const MAX_COMPARED_RUNS = 8;

export const runIdSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'is not a run id');
const chartStepSchema = z.int().min(0).max(MAX_INT);

export const runInput = z.object({ runId: runIdSchema });
export type RunInput = z.output<typeof runInput>;

export const seriesInput = z
  .object({
    runId: runIdSchema,
    key: metricKeySchema,
    minStep: chartStepSchema.optional(),
    maxStep: chartStepSchema.optional(),
    maxPoints: z.int().min(10).max(5000).default(1500),
  })
  .refine((input) => input.minStep === undefined || input.maxStep === undefined || input.minStep <= input.maxStep, {
    message: 'minStep must not be greater than maxStep',
    path: ['minStep'],
  });
export type SeriesInput = z.output<typeof seriesInput>;

export const compareRunsInput = z.object({
  runIds: z.array(runIdSchema).min(1, 'Pick at least one run.').max(MAX_COMPARED_RUNS, `Compare at most ${MAX_COMPARED_RUNS} runs at once.`),
  key: metricKeySchema.nullish(),
});
export type CompareRunsInput = z.output<typeof compareRunsInput>;

export const exerciseBoardInput = z.object({
  exercise: z.string().min(1).max(120).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'is not an exercise slug'),
});
export type ExerciseBoardInput = z.output<typeof exerciseBoardInput>;
