import { MAX_POINTS_PER_REQUEST } from '@/lib/schemas/runs';
import { AppError } from '@/server/errors';

/** Too many points is a 413 (split the batch), not a 400: checked before the schema. */
export function assertBatchSize(raw: unknown): void {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
  const points = (raw as { points?: unknown }).points;
  if (Array.isArray(points) && points.length > MAX_POINTS_PER_REQUEST) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `This batch has ${points.length} points; send at most ${MAX_POINTS_PER_REQUEST} per request (split it into several batches).`,
    );
  }
}
