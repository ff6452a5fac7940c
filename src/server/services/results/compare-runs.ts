// Several runs side by side: one metric key overlaid (each run's series downsampled like its
// own chart), and their params in one table with the rows that differ marked. Every run must
// be one the viewer may open; one that is not makes the whole comparison NOT_FOUND.
import { displayRunStatus, type RunDisplayStatus } from '@/lib/run-status';
import type { CompareRunsInput } from '@/lib/schemas/runs';
import { readRunSeries } from '@/server/services/runs/read-metrics';
import { runNotVisible, runSummarySelect, visibleRunsWhere } from './run-access';
import { toChartSeries, type ChartSeries } from './run-chart';
import { displayName } from '@/lib/format';
import type { MemberContext } from '@/server/services/context';

const COMPARE_POINTS = 1000;

export type ComparedRun = { id: string; name: string | null; owner: string; status: RunDisplayStatus; exercise: string };
export type ParamRow = { name: string; values: (string | null)[]; differs: boolean };

export async function compareRuns(ctx: MemberContext, input: CompareRunsInput) {
  const { db } = ctx;
  const { runIds, key } = input;
  const ids = [...new Set(runIds)];
  const runs = await db.run.findMany({
    where: { AND: [{ id: { in: ids } }, visibleRunsWhere(ctx)] },
    select: {
      ...runSummarySelect,
      params: true,
      series: { select: { key: true } },
    },
  });
  if (runs.length !== ids.length) throw runNotVisible();
  const ordered = ids.map((id) => runs.find((run) => run.id === id)!);

  const primary = ordered.find((run) => run.exercise.primaryMetric)?.exercise.primaryMetric ?? null;
  const keys = [...new Set(ordered.flatMap((run) => run.series.map((series) => series.key)))].sort(
    (a, b) => Number(b === primary) - Number(a === primary) || a.localeCompare(b),
  );
  const selectedKey = key && keys.includes(key) ? key : (keys[0] ?? null);

  const series: (ChartSeries | null)[] = [];
  for (const run of ordered) {
    const has = selectedKey !== null && run.series.some((entry) => entry.key === selectedKey);
    series.push(has ? toChartSeries(selectedKey!, await readRunSeries(db, run.id, selectedKey!, { maxPoints: COMPARE_POINTS })) : null);
  }

  return {
    runs: ordered.map<ComparedRun>((run) => ({
      id: run.id,
      name: run.name,
      owner: displayName(run.user),
      status: displayRunStatus(run),
      exercise: run.exercise.title,
    })),
    keys,
    key: selectedKey,
    series,
    params: paramRows(ordered.map((run) => run.params)),
  };
}

export type RunComparison = Awaited<ReturnType<typeof compareRuns>>;

/** One row per param name any run has; a value is its JSON text, null where a run lacks it. */
export function paramRows(paramsList: unknown[]): ParamRow[] {
  const objects = paramsList.map((params) =>
    params && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {},
  );
  const names = [...new Set(objects.flatMap((params) => Object.keys(params)))].sort();
  return names.map((name) => {
    const values = objects.map((params) => (name in params ? JSON.stringify(params[name]) : null));
    return { name, values, differs: new Set(values).size > 1 };
  });
}
