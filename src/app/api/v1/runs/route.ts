import { jsonResponse, methodNotAllowed } from '@/server/api/rest';
import { createRunBodySchema } from '@/server/api/v1/schemas';
import { defineTokenRoute } from '@/server/api/v1/token-route';
import { createOrResumeRun } from '@/server/services/runs/runs';

/** POST /api/v1/runs: 201 with a new run, or 200 with the caller's run of that client_run_id. */
export const POST = defineTokenRoute({
  body: createRunBodySchema,
  handler: async ({ ctx, body }) => {
    const { created, run } = await createOrResumeRun(ctx, body);
    return jsonResponse(run, created ? 201 : 200);
  },
});

const otherMethod = methodNotAllowed(['POST']);
export { otherMethod as GET, otherMethod as PUT, otherMethod as PATCH, otherMethod as DELETE };
