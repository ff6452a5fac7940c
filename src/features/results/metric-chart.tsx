'use client';

// One metric of one run: a uPlot line over steps in a box of fixed height (a skeleton until
// the data and the chart library are there), the numbers that matter in the caption for
// everyone (and in a table for screen readers), NaN drawn as gaps and counted. Dragging
// across the chart zooms: the visible steps are read again at full detail. While the run is
// running the data refreshes every few seconds.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { buttonClasses } from '@/components/ui/button-styles';
import { formatMetric } from '@/lib/run-status';
import { useTRPC } from '@/trpc/react';
import { errorMessage } from '@/trpc/errors';
import { UPlotCanvas } from './uplot-canvas';

export const CHART_HEIGHT = 220;
const LIVE_REFRESH_MS = 5000;

export type MetricSummary = { key: string; count: number; min: number | null; max: number | null; last: number | null; lastStep: number | null };

export function MetricChart({ cohort, runId, metric, live }: { cohort: string; runId: string; metric: MetricSummary; live: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const [range, setRange] = useState<{ min: number; max: number } | null>(null);
  const query = useQuery({
    ...trpc.runs.series.queryOptions({ cohort, runId, key: metric.key, minStep: range?.min, maxStep: range?.max }),
    placeholderData: keepPreviousData,
    refetchInterval: live && !range ? LIVE_REFRESH_MS : false,
  });
  const series = query.data;
  const data = useMemo<uPlot.AlignedData | null>(() => (series ? [series.steps, series.values] : null), [series]);
  const shown = series?.steps.length ?? 0;
  // The live summary once the chart data is in (it grows while the run runs), else the page's.
  const summary = series?.summary ?? metric;

  return (
    <figure aria-labelledby={`${id}-caption`} className="min-w-0 rounded-xl border border-line bg-surface p-4" data-metric={metric.key}>
      <figcaption id={`${id}-caption`} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span className="font-semibold break-all">{metric.key}</span>
        <span className="text-[0.9rem] text-muted">
          last {formatMetric(summary.last)}
          {summary.lastStep !== null ? ` at step ${summary.lastStep.toLocaleString('en')}` : ''} · lowest {formatMetric(summary.min)} · highest{' '}
          {formatMetric(summary.max)} · {summary.count.toLocaleString('en')} points
        </span>
      </figcaption>
      <div className="relative mt-3" style={{ height: CHART_HEIGHT }}>
        {data ? (
          <UPlotCanvas data={data} series={[{ label: metric.key }]} height={CHART_HEIGHT} onZoom={(min, max) => setRange({ min, max })} />
        ) : query.error ? (
          <p role="alert" className="text-danger">
            This chart could not load: {errorMessage(query.error)}
          </p>
        ) : (
          <div className="h-full animate-pulse rounded-lg bg-surface-muted" aria-label="Loading the chart" role="img" />
        )}
      </div>
      <div className="mt-2 flex min-h-9 flex-wrap items-center gap-x-4 gap-y-1 text-[0.9rem] text-muted">
        {series && series.nanCount > 0 ? (
          <span className="font-medium text-warning">
            <span aria-hidden="true">⚠ </span>
            {series.nanCount.toLocaleString('en')} NaN {series.nanCount === 1 ? 'value' : 'values'}, shown as gaps
          </span>
        ) : null}
        {series && series.infiniteCount > 0 ? (
          <span className="font-medium text-warning">
            {series.infiniteCount.toLocaleString('en')} infinite {series.infiniteCount === 1 ? 'value' : 'values'}, shown as gaps
          </span>
        ) : null}
        {range ? (
          <>
            <span>
              Steps {range.min.toLocaleString('en')}–{range.max.toLocaleString('en')}
              {series && !series.downsampled ? ', every point' : ''}
            </span>
            <button type="button" className={buttonClasses('quiet', 'sm')} onClick={() => setRange(null)}>
              Show all steps
            </button>
          </>
        ) : series?.downsampled ? (
          <span>
            {shown.toLocaleString('en')} of {series.count.toLocaleString('en')} points (every spike kept); drag across the chart to zoom
          </span>
        ) : shown > 1 ? (
          <span>Drag across the chart to zoom</span>
        ) : null}
      </div>
      <table className="sr-only">
        <caption>{metric.key}: summary</caption>
        <tbody>
          <tr>
            <th scope="row">Points</th>
            <td>{summary.count}</td>
          </tr>
          <tr>
            <th scope="row">Last value</th>
            <td>
              {formatMetric(summary.last)} at step {summary.lastStep ?? '–'}
            </td>
          </tr>
          <tr>
            <th scope="row">Lowest</th>
            <td>{formatMetric(summary.min)}</td>
          </tr>
          <tr>
            <th scope="row">Highest</th>
            <td>{formatMetric(summary.max)}</td>
          </tr>
          {series && series.nanCount > 0 ? (
            <tr>
              <th scope="row">NaN values</th>
              <td>{series.nanCount}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </figure>
  );
}
