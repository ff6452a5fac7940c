import { methodNotAllowed } from '@/server/api/rest';
import { metricsBodySchema, readMetricsQuerySchema, runIdParamsSchema } from '@/server/api/v1/schemas';
import { defineTokenRoute } from '@/server/api/v1/token-route';
import { assertBatchSize } from '@/server/services/runs/batch-size';
import { ingestMetrics } from '@/server/services/runs/ingest-metrics';
import { readMetricSeries } from '@/server/services/runs/read-metrics';
import { recordIngestedBatch } from '@/server/observability/metrics';

/** POST /api/v1/runs/<run_id>/metrics: a numbered batch of points, stored exactly once. */
export const POST = defineTokenRoute({
  params: runIdParamsSchema,
  body: metricsBodySchema,
  inspectBody: assertBatchSize,
  handler: async ({ ctx, params, body }) => {
    const accepted = await ingestMetrics(ctx, { runId: params.runId, batch: body });
    recordIngestedBatch(accepted);
    return accepted;
  },
});

/** GET /api/v1/runs/<run_id>/metrics?key=K&max_points=N&min_step=A&max_step=B: one key's points, downsampled. */
export const GET = defineTokenRoute({
  params: runIdParamsSchema,
  query: readMetricsQuerySchema,
  handler: ({ ctx, params, query }) =>
    readMetricSeries(ctx, { runId: params.runId, key: query.key, maxPoints: query.max_points, minStep: query.min_step, maxStep: query.max_step }),
});

const otherMethod = methodNotAllowed(['GET', 'POST']);
export { otherMethod as PUT, otherMethod as PATCH, otherMethod as DELETE };
