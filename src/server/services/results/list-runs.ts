// The runs page: the runs the viewer may open (a fellow's own; a facilitator's groups'; an
// admin's all), newest first, with the exercise's primary metric from the per-key summaries
// (MetricSeries, kept up to date on write: a list never scans points).
import { displayName } from '@/lib/format';
import type { PrismaClient } from '@/generated/prisma/client';
import { displayRunStatus, type RunDisplayStatus } from '@/lib/run-status';
import { fromFloat8Text } from '@/server/services/runs/metric-values';
import { runSummarySelect, visibleRunsWhere } from './run-access';
import { nowOf, type MemberContext } from '@/server/services/context';

export type RunListItem = {
  id: string;
  name: string | null;
  exercise: { slug: string | null; title: string; primaryMetric: string | null; higherIsBetter: boolean | null };
  owner: { name: string; isViewer: boolean };
  status: RunDisplayStatus;
  createdAt: Date;
  /** Seconds from start to the end (finished runs) or to the last data (running ones). */
  durationSeconds: number | null;
  primary: { last: number | null; best: number | null } | null;
};

const MAX_RUNS = 500;

export async function listRuns(ctx: MemberContext): Promise<RunListItem[]> {
  const { db } = ctx;
  const now = nowOf(ctx);
  const runs = await db.run.findMany({
    where: visibleRunsWhere(ctx),
    orderBy: { createdAt: 'desc' },
    take: MAX_RUNS,
    select: runSummarySelect,
  });
  const primaryKeys = await listPrimarySeries(db, runs.map((run) => run.id));
  return runs.map((run) => {
    const series = primaryKeys.get(run.id);
    const higher = run.exercise.higherIsBetter !== false;
    return {
      id: run.id,
      name: run.name,
      exercise: {
        slug: run.exercise.exerciseSlug,
        title: run.exercise.title,
        primaryMetric: run.exercise.primaryMetric,
        higherIsBetter: run.exercise.higherIsBetter,
      },
      owner: { name: displayName(run.user), isViewer: run.userId === ctx.user.id },
      status: displayRunStatus(run, now),
      createdAt: run.createdAt,
      durationSeconds: runDurationSeconds(run),
      primary: series ? { last: series.last, best: higher ? series.max : series.min } : null,
    };
  });
}

export function runDurationSeconds(run: { createdAt: Date; finishedAt: Date | null; lastDataAt: Date | null }): number | null {
  const end = run.finishedAt ?? run.lastDataAt;
  return end ? Math.max(0, (end.getTime() - run.createdAt.getTime()) / 1000) : null;
}

type PrimaryRow = { runId: string; last: string | null; min: string | null; max: string | null };

/** The primary metric's summary of each run (its exercise names the key): one query. */
async function listPrimarySeries(db: PrismaClient, runIds: string[]) {
  if (runIds.length === 0) return new Map<string, { last: number | null; min: number | null; max: number | null }>();
  const rows = await db.$queryRaw<PrimaryRow[]>`
    SELECT s."runId", s.last::text AS last, s.min::text AS min, s.max::text AS max
    FROM "Run" r
    JOIN "CurriculumItem" ci ON ci.id = r."exerciseItemId"
    JOIN "MetricSeries" s ON s."runId" = r.id AND s.key = ci."primaryMetric"
    WHERE r.id = ANY(${runIds}::text[])`;
  return new Map(
    rows.map((row) => [row.runId, { last: fromFloat8Text(row.last), min: fromFloat8Text(row.min), max: fromFloat8Text(row.max) }]),
  );
}
