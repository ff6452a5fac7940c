// Week by week, per group: attendance, core readings done, prompts answered and the weekly
// check-in, each as a small line over the weeks (SVG, drawn on the server). Each chart carries
// its values in words for screen readers, and the latest value is printed beside it.
import type { CohortOverview } from '@/server/services/standing/cohort-overview';

type Trends = CohortOverview['trends'];
type Point = Trends['groups'][number]['attendance'][number];

const METRICS = [
  { key: 'attendance', label: 'Attendance', max: 1, format: (value: number) => `${Math.round(value * 100)}%` },
  { key: 'readings', label: 'Core readings done', max: 1, format: (value: number) => `${Math.round(value * 100)}%` },
  { key: 'prompts', label: 'Prompts answered', max: 1, format: (value: number) => `${Math.round(value * 100)}%` },
  { key: 'feedback', label: 'Check-in (1–5)', max: 5, format: (value: number) => value.toFixed(1) },
] as const;

const WIDTH = 120;
const HEIGHT = 32;

function Sparkline({ points, max, label, format, weekLabels }: { points: Point[]; max: number; label: string; format: (value: number) => string; weekLabels: Map<number, string> }) {
  const known = points.filter((point) => point.value !== null);
  const step = points.length > 1 ? WIDTH / (points.length - 1) : 0;
  const x = (index: number) => (points.length > 1 ? index * step : WIDTH / 2);
  const y = (value: number) => HEIGHT - 3 - (value / max) * (HEIGHT - 6);
  // Segments between weeks that have a value; a gap where a week has none.
  const segments: string[] = [];
  let current = '';
  points.forEach((point, index) => {
    if (point.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(index).toFixed(1)},${y(point.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const words = known.length
    ? `${label}: ${points.map((point) => `${weekLabels.get(point.week) ?? `week ${point.week}`} ${point.value === null ? 'no data' : format(point.value)}`).join(', ')}`
    : `${label}: no data yet`;
  const last = known.at(-1);
  return (
    <div className="flex items-center gap-2">
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={words} className="overflow-visible text-accent">
        <line x1={0} x2={WIDTH} y1={HEIGHT - 3} y2={HEIGHT - 3} className="stroke-line" strokeWidth={1} />
        {segments.map((path, index) => (
          <path key={index} d={path} fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" />
        ))}
        {points.map((point, index) =>
          point.value === null ? null : <circle key={index} cx={x(index)} cy={y(point.value)} r={2} fill="currentColor" />,
        )}
      </svg>
      <span className="w-12 text-right text-[0.9rem] tabular-nums" aria-hidden="true">
        {last?.value != null ? format(last.value) : '–'}
      </span>
    </div>
  );
}

export function GroupTrends({ trends, groupNames }: { trends: Trends; groupNames: Map<string, string> }) {
  const weekLabels = new Map(trends.weeks.map((week) => [week.position, week.label]));
  return (
    <div className="overflow-x-auto rounded-xl border border-line bg-surface">
      <table className="w-full text-left text-[0.95rem]">
        <thead className="border-b border-line text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Group
            </th>
            {METRICS.map((metric) => (
              <th key={metric.key} scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                {metric.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trends.groups.map((group) => (
            <tr key={group.groupId} className="border-b border-line last:border-b-0">
              <th scope="row" className="px-4 py-2 font-medium whitespace-nowrap">
                {groupNames.get(group.groupId) ?? 'Group'}
              </th>
              {METRICS.map((metric) => (
                <td key={metric.key} className="px-4 py-2">
                  <Sparkline points={group[metric.key]} max={metric.max} label={metric.label} format={metric.format} weekLabels={weekLabels} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-line px-4 py-2 text-[0.85rem] text-muted">
        Each line runs from {trends.weeks[0]?.label ?? 'the first week'} to {trends.weeks.at(-1)?.label ?? 'the last'}; the number is the latest week with data.
      </p>
    </div>
  );
}
