// One run for its page: what it is (exercise, params, tags, host, git sha, summary), how it
// went (status, duration), one entry per metric key with its summary, and its images.
import { displayName } from '@/lib/format';
import { displayRunStatus } from '@/lib/run-status';
import type { RunInput } from '@/lib/schemas/runs';
import { fromFloat8Text } from '@/server/services/runs/metric-values';
import { runDurationSeconds } from './list-runs';
import { runNotVisible, runSummarySelect, visibleRunsWhere } from './run-access';
import { nowOf, type MemberContext } from '@/server/services/context';

type SeriesRow = { key: string; count: number; min: string | null; max: string | null; last: string | null; lastStep: number | null };

export async function getRunDetail(ctx: MemberContext, input: RunInput) {
  const { db } = ctx;
  const { runId } = input;
  const now = nowOf(ctx);
  const run = await db.run.findFirst({
    where: { AND: [{ id: runId }, visibleRunsWhere(ctx)] },
    select: {
      ...runSummarySelect,
      params: true,
      tags: true,
      host: true,
      gitSha: true,
      summary: true,
      exitCode: true,
      artifacts: {
        orderBy: [{ name: 'asc' }, { step: 'asc' }],
        select: { id: true, name: true, step: true, contentType: true, width: true, height: true, size: true, createdAt: true },
      },
    },
  });
  if (!run) throw runNotVisible();
  const series = await db.$queryRaw<SeriesRow[]>`
    SELECT key, count, min::text AS min, max::text AS max, last::text AS last, "lastStep"
    FROM "MetricSeries" WHERE "runId" = ${run.id} ORDER BY key`;
  const primary = run.exercise.primaryMetric;
  return {
    id: run.id,
    name: run.name,
    status: displayRunStatus(run, now),
    /** True while the job may still send points: the page refreshes its charts. */
    live: run.status === 'RUNNING',
    params: asObject(run.params) ?? {},
    summary: asObject(run.summary),
    tags: run.tags,
    host: run.host,
    gitSha: run.gitSha,
    exitCode: run.exitCode,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    lastDataAt: run.lastDataAt,
    durationSeconds: runDurationSeconds(run),
    owner: { name: displayName(run.user), isViewer: run.userId === ctx.user.id },
    exercise: {
      slug: run.exercise.exerciseSlug,
      title: run.exercise.title,
      primaryMetric: primary,
      higherIsBetter: run.exercise.higherIsBetter,
    },
    // The primary metric first, then the others by name.
    metrics: series
      .map((row) => ({
        key: row.key,
        count: row.count,
        min: fromFloat8Text(row.min),
        max: fromFloat8Text(row.max),
        last: fromFloat8Text(row.last),
        lastStep: row.lastStep,
      }))
      .sort((a, b) => Number(b.key === primary) - Number(a.key === primary) || a.key.localeCompare(b.key)),
    artifacts: run.artifacts,
  };
}

export type RunDetail = Awaited<ReturnType<typeof getRunDetail>>;

function asObject(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
