// A chart's data for one key of a run: uPlot's columns (steps, values), downsampled past
// maxPoints like the REST API (the same read), with NaN and infinities as null so the line
// shows a gap there, never a zero; how many there were, so the page can say so.
import type { SeriesInput } from '@/lib/schemas/runs';
import { readRunSeries, type SeriesSummary } from '@/server/services/runs/read-metrics';
import { assertRunVisible } from './run-access';
import type { MemberContext } from '@/server/services/context';

export type ChartSeries = {
  key: string;
  count: number;
  /** The key's summary now (kept on write): live charts show it as it grows. */
  summary: SeriesSummary;
  downsampled: boolean;
  steps: number[];
  values: (number | null)[];
  nanCount: number;
  infiniteCount: number;
};

export async function readRunChart(ctx: MemberContext, input: SeriesInput): Promise<ChartSeries> {
  const { runId, key, maxPoints, minStep, maxStep } = input;
  await assertRunVisible(ctx, runId);
  const read = await readRunSeries(ctx.db, runId, key, { maxPoints, minStep, maxStep });
  return toChartSeries(key, read);
}

export function toChartSeries(key: string, read: Awaited<ReturnType<typeof readRunSeries>>): ChartSeries {
  let nanCount = 0;
  let infiniteCount = 0;
  const values = read.points.map((point) => {
    if (Number.isNaN(point.value)) nanCount += 1;
    else if (!Number.isFinite(point.value)) infiniteCount += 1;
    return Number.isFinite(point.value) ? point.value : null;
  });
  return { key, count: read.count, summary: read.summary, downsampled: read.downsampled, steps: read.points.map((point) => point.step), values, nanCount, infiniteCount };
}
