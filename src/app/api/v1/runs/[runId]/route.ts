import { methodNotAllowed } from '@/server/api/rest';
import { runIdParamsSchema, updateRunBodySchema } from '@/lib/schemas/runs';
import { defineTokenRoute } from '@/server/api/v1/token-route';
import { db } from '@/server/db/client';
import { getRun, updateRun } from '@/server/services/runs/runs';

/** GET /api/v1/runs/<run_id>: the run, its status (and staleness) and per-key summaries. */
export const GET = defineTokenRoute({
  params: runIdParamsSchema,
  handler: ({ auth, params }) => getRun(db, auth, params.runId),
});

/** PATCH /api/v1/runs/<run_id>: status (finished, failed, killed, running), summary, exit code. */
export const PATCH = defineTokenRoute({
  params: runIdParamsSchema,
  body: updateRunBodySchema,
  handler: ({ auth, params, body }) => updateRun(db, auth, params.runId, body),
});

const otherMethod = methodNotAllowed(['GET', 'PATCH']);
export { otherMethod as POST, otherMethod as PUT, otherMethod as DELETE };
