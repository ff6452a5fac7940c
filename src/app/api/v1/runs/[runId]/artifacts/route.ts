import { jsonResponse, methodNotAllowed } from '@/server/api/rest';
import { readBinaryBody } from '@/server/api/v1/binary-body';
import { MAX_ARTIFACT_BYTES, runIdParamsSchema, uploadArtifactQuerySchema } from '@/server/api/v1/schemas';
import { defineTokenRoute } from '@/server/api/v1/token-route';
import { uploadArtifact } from '@/server/services/runs/artifacts';

/** POST /api/v1/runs/<run_id>/artifacts?name=N&step=S: a PNG or JPEG image as the body (201). */
export const POST = defineTokenRoute({
  params: runIdParamsSchema,
  query: uploadArtifactQuerySchema,
  handler: async ({ request, ctx, params, query }) => {
    const bytes = await readBinaryBody(request, MAX_ARTIFACT_BYTES);
    const artifact = await uploadArtifact(ctx, {
      runId: params.runId,
      name: query.name,
      step: query.step,
      contentType: request.headers.get('content-type'),
      bytes,
    });
    return jsonResponse(artifact, 201);
  },
});

const otherMethod = methodNotAllowed(['POST']);
export { otherMethod as GET, otherMethod as PUT, otherMethod as PATCH, otherMethod as DELETE };
