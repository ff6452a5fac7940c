// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the route handlers
// validate with (./schemas.ts). Served at GET /api/v1/openapi.json and rendered as the
// reference page at /docs/api.
import { z } from 'zod';
import { APP_VERSION } from '@/lib/app-version';
import { DEFAULT_MAX_POINTS, MAX_KEYS_PER_RUN, MAX_POINTS_PER_REQUEST } from '@/lib/schemas/runs';
import {
  MAX_ARTIFACT_BYTES,
  readMetricsQuerySchema,
  requestSchemas,
  responseSchemas,
  runIdParamsSchema,
  uploadArtifactQuerySchema,
} from './schemas';

type JsonSchema = Record<string, unknown>;

export type OpenApiOperation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: {
    name: string;
    in: 'path' | 'query' | 'header';
    required: boolean;
    description?: string;
    schema: JsonSchema;
  }[];
  requestBody?: {
    required: boolean;
    description?: string;
    content: Record<string, { schema: JsonSchema; examples?: Record<string, { summary?: string; value: unknown }> }>;
  };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: JsonSchema; example?: unknown }> } | { $ref: string }>;
};

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    securitySchemes: Record<string, unknown>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
  };
};

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function componentSchemas(): Record<string, JsonSchema> {
  const uri = (id: string) => `#/components/schemas/${id}`;
  const requests = z.toJSONSchema(requestSchemas, { io: 'input', uri }).schemas;
  const responses = z.toJSONSchema(responseSchemas, { io: 'output', uri }).schemas;
  const all: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries({ ...requests, ...responses })) {
    // Components sit inside the document: no $schema or $id of their own.
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
    all[id] = rest;
  }
  return all;
}

/**
 * One OpenAPI parameter per property of a zod object (path segments, query string). Their
 * values are text that the schema turns into its output (e.g. digits into an integer), so the
 * output describes each value, and the input tells which ones may be left out.
 */
function parametersOf(schema: z.ZodObject, where: 'path' | 'query', rename: Record<string, string> = {}) {
  type Shape = { properties: Record<string, JsonSchema>; required?: string[] };
  const input = z.toJSONSchema(schema, { io: 'input' }) as Shape;
  const json = z.toJSONSchema(schema, { io: 'output' }) as Shape;
  return Object.entries(json.properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name: rename[name] ?? name,
      in: where,
      required: where === 'path' || (input.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const json = (schema: JsonSchema, example?: unknown) => ({ 'application/json': { schema, ...(example === undefined ? {} : { example }) } });

const errorResponse = (description: string, example: { code: string; message: string }, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: json(ref('Error'), { error: example }),
});

const rateLimitHeaders = {
  'X-RateLimit-Limit': { description: 'Requests this token may make per minute.', schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'Requests left in the current minute.', schema: { type: 'integer' } },
};

function errors(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 429)[]) {
  const names = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType', 429: 'TooManyRequests' } as const;
  return Object.fromEntries(statuses.map((status) => [String(status), { $ref: `#/components/responses/${names[status]}` }]));
}

const runIdParameter = () => parametersOf(runIdParamsSchema, 'path', { runId: 'run_id' });

const EXAMPLE_RUN_ID = 'cmabc123def456ghi789';

export function buildOpenApiDocument(serverUrl?: string): OpenApiDocument {
  const common = errors(401, 403, 429);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fellowship API',
      version: APP_VERSION,
      description: [
        'Training jobs report their metrics here. Every request carries an API token of one person in one cohort: `Authorization: Bearer fsk_…` (make one on your account page, or with `fellowship token create`).',
        '',
        'Quick start with the Python client (standard library only):',
        '',
        '```python',
        'import fellowship_client as fc',
        'run = fc.init(exercise="vae", name="beta=1", params={"lr": 1e-3})',
        '```',
        '',
        `Errors are JSON \`{ "error": { "code", "message", "details"? } }\`. Each token may make a limited number of requests per minute (429 with Retry-After past it). Batches hold at most ${MAX_POINTS_PER_REQUEST} points and 1 MB of JSON (gzip bodies with \`Content-Encoding: gzip\` are welcome); a run has at most ${MAX_KEYS_PER_RUN} metric keys.`,
      ].join('\n'),
    },
    servers: [{ url: serverUrl ?? '/', description: 'This server' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'Token', description: 'Who the token is.' },
      { name: 'Runs', description: 'Training runs and their metrics.' },
      { name: 'Document', description: 'This document, and public syllabi.' },
    ],
    paths: {
      '/api/v1/me': {
        get: {
          operationId: 'getMe',
          summary: 'The token, its user and cohort, and the exercises',
          description: "The token's user and cohort, and the cohort's exercises: their slugs (what `exercise` names when creating a run), primary metric and whether higher is better.",
          tags: ['Token'],
          responses: {
            '200': {
              description: 'Who the token is.',
              headers: rateLimitHeaders,
              content: json(ref('Me'), {
                user: { id: 'cmuser1', email: 'fellow1@example.com', name: 'Priya Raman' },
                cohort: { slug: 'demo', name: 'Demo' },
                token: { id: 'cmtoken1', name: 'lab GPU', prefix: 'fsk_3kd9a2bq', expires_at: '2027-03-01T12:00:00.000Z' },
                exercises: [{ slug: 'vae', title: 'Full VAE derivation and implementation', primary_metric: 'elbo', higher_is_better: true, week: 5 }],
              }),
            },
            ...common,
          },
        },
      },
      '/api/v1/runs': {
        post: {
          operationId: 'createRun',
          summary: 'Start a run, or resume it',
          description:
            'Creates a run of an exercise. With a `client_run_id` this user already used, answers 200 with that run instead (a job resumed from a checkpoint, or a repeated `sync`); a run that had failed or been killed is reopened. `last_seq` and `last_steps` tell a resumed job where the server is.',
          tags: ['Runs'],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('CreateRun'),
                examples: {
                  vae: {
                    summary: 'A VAE run',
                    value: { exercise: 'vae', client_run_id: '3f2b9c1e8a7d4e5f9a0b1c2d3e4f5a6b', name: 'beta=1', params: { lr: 0.001, beta: 1 }, tags: ['baseline'], host: 'gpu-node-7' },
                  },
                },
              },
            },
          },
          responses: {
            '201': { description: 'A new run.', content: json(ref('RunHandle'), { run_id: EXAMPLE_RUN_ID, status: 'running', last_seq: 0, last_steps: {} }) },
            '200': {
              description: 'The run this client_run_id already names (resume).',
              content: json(ref('RunHandle'), { run_id: EXAMPLE_RUN_ID, status: 'running', last_seq: 42, last_steps: { elbo: 990, kl: 990 } }),
            },
            ...errors(400, 404, 409, 413, 415),
            ...common,
          },
        },
      },
      '/api/v1/runs/{run_id}': {
        get: {
          operationId: 'getRun',
          summary: 'A run, with a summary of every metric',
          description:
            'The run: status (and `stale`: running without data for 5 minutes), params, summary, and per metric key `{ count, min, max, last, last_step }`, kept up to date as points arrive.',
          tags: ['Runs'],
          parameters: runIdParameter(),
          responses: {
            '200': {
              description: 'The run.',
              content: json(ref('Run'), {
                run_id: EXAMPLE_RUN_ID,
                client_run_id: '3f2b9c1e8a7d4e5f9a0b1c2d3e4f5a6b',
                exercise: 'vae',
                cohort: 'demo',
                name: 'beta=1',
                status: 'finished',
                stale: false,
                params: { lr: 0.001, beta: 1 },
                summary: { elbo: -24.1 },
                tags: ['baseline'],
                git_sha: null,
                host: 'gpu-node-7',
                exit_code: 0,
                last_seq: 2,
                last_steps: { elbo: 1990 },
                created_at: '2026-11-26T12:00:00.000Z',
                updated_at: '2026-11-26T12:30:00.000Z',
                last_data_at: '2026-11-26T12:29:58.000Z',
                finished_at: '2026-11-26T12:30:00.000Z',
                metrics: { elbo: { count: 200, min: -44.57, max: -24.1, last: -24.1, last_step: 1990 } },
              }),
            },
            ...errors(400, 404),
            ...common,
          },
        },
        patch: {
          operationId: 'updateRun',
          summary: 'End a run (or update it)',
          description: 'Sets the status (`finished`, `failed`, `killed`, or `running` to reopen), the final summary, the exit code, or adds params. Answers the run.',
          tags: ['Runs'],
          parameters: runIdParameter(),
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('UpdateRun'),
                examples: { finished: { summary: 'Finished', value: { status: 'finished', summary: { elbo: -24.1 }, exit_code: 0 } } },
              },
            },
          },
          responses: { '200': { description: 'The run, updated.', content: json(ref('Run')) }, ...errors(400, 404, 413, 415), ...common },
        },
      },
      '/api/v1/runs/{run_id}/metrics': {
        post: {
          operationId: 'logMetrics',
          summary: 'Send a batch of points',
          description: [
            `At most ${MAX_POINTS_PER_REQUEST} points and 1 MB of JSON per request; send \`Content-Encoding: gzip\` to compress (the 1 MB then applies unpacked too).`,
            'Number batches 1, 2, 3… per run (`seq`). Sending a batch again answers 200 `{ "duplicate": true }` and changes nothing, so retries are always safe; a used `seq` with different points answers 409.',
            'A point at a (key, step) the run already has replaces the earlier value (a job resumed from a checkpoint re-logs steps). Within one batch the later of two points at one (key, step) wins.',
            `Keys: letters, digits, \`_ - . /\` and inner spaces, up to 250 characters; a run may have at most ${MAX_KEYS_PER_RUN} keys (400 for a batch with more, 409 for one that would take the run past it).`,
          ].join('\n\n'),
          tags: ['Runs'],
          parameters: [
            ...runIdParameter(),
            { name: 'Content-Encoding', in: 'header', required: false, description: 'gzip to send a compressed body.', schema: { type: 'string', enum: ['gzip', 'identity'] } },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('MetricsBatch'),
                examples: {
                  batch: {
                    summary: 'Two steps of two metrics',
                    value: {
                      seq: 1,
                      points: [
                        { key: 'elbo', step: 0, value: -44.57, time: 1795693720.64 },
                        { key: 'kl', step: 0, value: 0.072, time: 1795693720.64 },
                        { key: 'elbo', step: 10, value: 'NaN', time: 1795693720.67 },
                        { key: 'kl', step: 10, value: 0.19, time: 1795693720.67 },
                      ],
                    },
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'Stored (or, with `duplicate: true`, stored before).',
              content: json(ref('MetricsAccepted'), { duplicate: false, seq: 1, points: 4, inserted: 4, replaced: 0, last_seq: 1 }),
            },
            ...errors(400, 404, 409, 413, 415),
            ...common,
          },
        },
        get: {
          operationId: 'readMetrics',
          summary: "Read one metric's points",
          description: `One key's points in step order, or with \`min_step\` and \`max_step\` those of a range of steps (what a zoomed chart shows). More than \`max_points\` (default ${DEFAULT_MAX_POINTS}) are downsampled: the range's steps are cut into max_points / 4 buckets, each keeping its first, last, lowest and highest point, so the first and last point of the range and every spike survive. NaN comes back as "NaN".`,
          tags: ['Runs'],
          parameters: [...runIdParameter(), ...parametersOf(readMetricsQuerySchema, 'query')],
          responses: {
            '200': {
              description: 'The points.',
              content: json(ref('MetricSeries'), {
                run_id: EXAMPLE_RUN_ID,
                key: 'elbo',
                count: 3,
                downsampled: false,
                points: [
                  { step: 0, value: -44.57, time: '2026-11-26T12:00:00.640Z' },
                  { step: 10, value: -39.86, time: '2026-11-26T12:00:00.668Z' },
                  { step: 20, value: 'NaN', time: '2026-11-26T12:00:00.701Z' },
                ],
              }),
            },
            ...errors(400, 404),
            ...common,
          },
        },
      },
      '/api/v1/runs/{run_id}/artifacts': {
        post: {
          operationId: 'uploadArtifact',
          summary: 'Upload an image (a sample grid)',
          description: `The raw image is the body: PNG or JPEG, at most ${MAX_ARTIFACT_BYTES / 1024 / 1024} MB, with its Content-Type. The type is checked from the bytes (415 when they are neither, or not what Content-Type says). A second upload with the same name and step replaces the first, so retries are safe. Width and height come from the image header.`,
          tags: ['Runs'],
          parameters: [...runIdParameter(), ...parametersOf(uploadArtifactQuerySchema, 'query')],
          requestBody: {
            required: true,
            content: {
              'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
              'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
            },
          },
          responses: {
            '201': {
              description: 'Stored (or replaced the image with this name and step).',
              content: json(ref('Artifact'), { artifact_id: 'cmart123def456', name: 'samples', step: 1000, content_type: 'image/png', size: 48213, width: 256, height: 256 }),
            },
            ...errors(400, 404, 413, 415),
            ...common,
          },
        },
      },
      '/api/v1/curricula/{slug}': {
        get: {
          operationId: 'getCurriculum',
          summary: 'A syllabus',
          description: 'A whole curriculum (syllabus), weeks in order, with their sections, items and learning goals. Public: no token needed.',
          tags: ['Document'],
          security: [],
          parameters: [{ name: 'slug', in: 'path', required: true, description: 'The curriculum slug.', schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', maxLength: 120 } }],
          responses: {
            '200': { description: 'The curriculum.', content: json({ type: 'object', additionalProperties: true }) },
            ...errors(400, 404),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          description: 'The OpenAPI 3.1 document of this API. No token needed.',
          tags: ['Document'],
          security: [],
          responses: { '200': { description: 'The document.', content: json({ type: 'object' }) } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'fsk_ and 32 base32 characters', description: 'An API token from your account page.' },
      },
      schemas: componentSchemas(),
      responses: {
        BadRequest: errorResponse('Invalid input; `details` names each field.', { code: 'BAD_REQUEST', message: 'The request is not valid. points.3.value: must be a finite number, or "NaN", "Infinity" or "-Infinity".' }),
        Unauthorized: errorResponse('The token is missing, unknown, expired or revoked (the message says which).', { code: 'UNAUTHORIZED', message: 'This API token was revoked on 2026-11-26T12:00:00.000Z. Make a new one on your account page (or with `fellowship token create`).' }),
        Forbidden: errorResponse("The token's account is disabled, or no longer a member of the token's cohort.", { code: 'FORBIDDEN', message: 'The account this API token belongs to is no longer a member of Demo.' }),
        NotFound: errorResponse('No such run or exercise for this token (never another user’s data).', { code: 'NOT_FOUND', message: 'No exercise "vea" in Demo. Its exercises are: vae.' }),
        Conflict: errorResponse('A used batch number with other points, a client_run_id of another exercise, or too many keys.', { code: 'CONFLICT', message: 'Batch 3 of this run was already stored with different points.' }),
        PayloadTooLarge: errorResponse(`More than ${MAX_POINTS_PER_REQUEST} points, or a body over 1 MB (packed or unpacked).`, { code: 'PAYLOAD_TOO_LARGE', message: `This batch has 5001 points; send at most ${MAX_POINTS_PER_REQUEST} per request.` }),
        UnsupportedMediaType: errorResponse('The body is not JSON, or its Content-Encoding is not gzip.', { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as JSON with "Content-Type: application/json".' }),
        TooManyRequests: errorResponse(
          'This token sent too many requests this minute; wait Retry-After seconds.',
          { code: 'TOO_MANY_REQUESTS', message: 'This token made more than 600 requests in a minute.' },
          { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
        ),
      },
    },
  };
}
