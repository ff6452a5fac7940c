// The facts of a run beside its charts: when and how long, where it ran, its params, tags
// and final summary. Times in the cohort's time zone, named.
import { formatMoment } from '@/lib/format-time';
import { formatDuration, formatMetric } from '@/lib/run-status';
import type { RunDetail } from '@/server/services/results/get-run';

function show(value: unknown): string {
  if (typeof value === 'number') return formatMetric(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function RunFacts({ run, timeZone }: { run: RunDetail; timeZone: string }) {
  const facts: [string, string][] = [
    ['Started', formatMoment(run.createdAt, timeZone)],
    ['Duration', run.durationSeconds === null ? '–' : formatDuration(run.durationSeconds)],
    ['Host', run.host ?? '–'],
    ['Git commit', run.gitSha ?? '–'],
  ];
  if (run.exitCode !== null) facts.push(['Exit code', String(run.exitCode)]);
  const params = Object.entries(run.params);
  const summary = Object.entries(run.summary ?? {});
  return (
    <div className="grid gap-6 rounded-xl border border-line bg-surface p-4 text-[0.95rem]">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      {run.tags.length > 0 ? (
        <div>
          <h3 className="font-semibold">Tags</h3>
          <ul className="mt-1 flex flex-wrap gap-1">
            {run.tags.map((tag) => (
              <li key={tag} className="rounded-full border border-line bg-surface-muted px-2 text-[0.85rem]">
                {tag}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FactTable title="Params" rows={params} empty="No params were sent." />
      <FactTable title="Summary" rows={summary} empty="No final summary yet." />
    </div>
  );
}

function FactTable({ title, rows, empty }: { title: string; rows: [string, unknown][]; empty: string }) {
  return (
    <div>
      <h3 className="font-semibold">{title}</h3>
      {rows.length === 0 ? (
        <p className="text-muted">{empty}</p>
      ) : (
        <table className="mt-1 w-full">
          <tbody>
            {rows.map(([name, value]) => (
              <tr key={name} className="border-t border-line first:border-t-0">
                <th scope="row" className="py-1 pr-3 text-left font-normal text-muted break-all">
                  {name}
                </th>
                <td className="py-1 text-right font-mono text-[0.9rem] break-all">{show(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
