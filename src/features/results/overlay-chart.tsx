'use client';

// Several runs' series of one key on one chart. Their steps need not match: the x values are
// the union of steps, and a run without a point at a step gets `undefined` there (uPlot draws
// across it), while NaN stays null (a gap). Each line has its own colour and dash pattern,
// named in the legend in words.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { DASH_NAMES } from './chart-theme';
import { UPlotCanvas } from './uplot-canvas';

export type OverlaySeries = { label: string; steps: number[]; values: (number | null)[] } | null;

const HEIGHT = 300;

export function alignSeries(series: OverlaySeries[]): uPlot.AlignedData {
  const steps = [...new Set(series.flatMap((entry) => entry?.steps ?? []))].sort((a, b) => a - b);
  const index = new Map(steps.map((step, position) => [step, position]));
  const columns = series.map((entry) => {
    const column: (number | null | undefined)[] = new Array(steps.length).fill(undefined);
    entry?.steps.forEach((step, position) => {
      column[index.get(step)!] = entry.values[position] ?? null;
    });
    return column;
  });
  return [steps, ...columns] as uPlot.AlignedData;
}

export function OverlayChart({ metric, series }: { metric: string; series: OverlaySeries[] }) {
  const data = useMemo(() => alignSeries(series), [series]);
  const nanRuns = series.filter((entry) => entry?.values.some((value) => value === null)).length;
  return (
    <figure aria-label={`${metric} of ${series.length} runs, overlaid`} className="rounded-xl border border-line bg-surface p-4">
      <ul className="mb-3 flex flex-wrap gap-x-5 gap-y-1 text-[0.9rem]" aria-label="Legend">
        {series.map((entry, index) => (
          <li key={index} className="inline-flex items-center gap-2">
            <LegendSwatch index={index} />
            <span>
              {entry?.label ?? '–'}
              <span className="text-muted">
                {' '}
                ({DASH_NAMES[index % DASH_NAMES.length]}){entry ? '' : `: no ${metric}`}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <div style={{ height: HEIGHT }}>
        <UPlotCanvas data={data} series={series.map((entry, index) => ({ label: entry?.label ?? `run ${index + 1}` }))} height={HEIGHT} />
      </div>
      {nanRuns > 0 ? (
        <p className="mt-2 text-[0.9rem] font-medium text-warning">
          <span aria-hidden="true">⚠ </span>NaN values are shown as gaps.
        </p>
      ) : null}
    </figure>
  );
}

const SWATCH_DASH = ['', '6 3', '2 3', '8 3 2 3', '4 4', '10 5', '1 4', '6 2 2 2'];
const SWATCH_COLOUR = ['var(--accent)', '#b3541e', '#6a4bc4', '#b0306a', '#4a7a16', '#1f6fb2', '#8a6d00', 'var(--text)'];

function LegendSwatch({ index }: { index: number }) {
  return (
    <svg aria-hidden="true" width="28" height="8" viewBox="0 0 28 8">
      <line x1="0" y1="4" x2="28" y2="4" strokeWidth="2.5" stroke={SWATCH_COLOUR[index % 8]} strokeDasharray={SWATCH_DASH[index % 8] || undefined} />
    </svg>
  );
}
