// The job queue's depth by task, for /metrics: jobs ready to run, scheduled for later, running,
// and failed for good (kept for inspection), and how long the oldest ready job has waited.
import type { ServiceContext } from '@/server/services/context';

export type QueueDepth = { task: string; ready: number; scheduled: number; running: number; failed: number; oldestReadySeconds: number };

export async function readQueueDepth(ctx: ServiceContext): Promise<QueueDepth[]> {
  return ctx.db.$queryRaw<QueueDepth[]>`
    SELECT task_identifier AS task,
           count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now())::int AS ready,
           count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at > now())::int AS scheduled,
           count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS running,
           count(*) FILTER (WHERE attempts >= max_attempts)::int AS failed,
           coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now())), 0)::float8
             AS "oldestReadySeconds"
    FROM graphile_worker.jobs
    GROUP BY task_identifier`;
}
