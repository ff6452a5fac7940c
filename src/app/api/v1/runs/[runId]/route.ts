import { methodNotAllowed } from '@/server/api/rest';
import { runIdParamsSchema, updateRunBodySchema } from '@/server/api/v1/schemas';
import { defineTokenRoute } from '@/server/api/v1/token-route';
import { getRun, updateRun } from '@/server/services/runs/runs';

/** GET /api/v1/runs/<run_id>: the run, its status (and staleness) and per-key summaries. */
export const GET = defineTokenRoute({
  params: runIdParamsSchema,
  handler: ({ ctx, params }) => getRun(ctx, { runId: params.runId }),
});

/** PATCH /api/v1/runs/<run_id>: status (finished, failed, killed, running), summary, exit code. */
export const PATCH = defineTokenRoute({
  params: runIdParamsSchema,
  body: updateRunBodySchema,
  handler: ({ ctx, params, body }) => updateRun(ctx, { runId: params.runId, changes: body }),
});

const otherMethod = methodNotAllowed(['GET', 'PATCH']);
export { otherMethod as POST, otherMethod as PUT, otherMethod as DELETE };
