// The runs list: exercise, name (a link to the run), status, start, duration and the primary
// metric's last and best values. A table that scrolls sideways on phones, the name column
// sticky.
import Link from 'next/link';
import { formatMoment } from '@/lib/format-time';
import { formatDuration, formatMetric } from '@/lib/run-status';
import type { RunListItem } from '@/server/services/results/list-runs';
import { RunStatusBadge } from './run-status-badge';

export function RunsTable({ cohort, runs, timeZone, showOwner }: { cohort: string; runs: RunListItem[]; timeZone: string; showOwner: boolean }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-line bg-surface">
      <table className="w-full min-w-[44rem] text-left text-[0.95rem]">
        <thead className="border-b border-line bg-surface-muted text-[0.85rem] text-muted">
          <tr>
            <th scope="col" className="sticky left-0 bg-surface-muted px-3 py-2 font-semibold">
              Run
            </th>
            {showOwner ? (
              <th scope="col" className="px-3 py-2 font-semibold">
                Fellow
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 font-semibold">
              Exercise
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Started
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Duration
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Last / best
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="border-t border-line first:border-t-0">
              <th scope="row" className="sticky left-0 max-w-[14rem] bg-surface px-3 py-2 font-medium break-words">
                <Link href={`/cohorts/${cohort}/runs/${run.id}`}>{run.name ?? 'Unnamed run'}</Link>
              </th>
              {showOwner ? <td className="px-3 py-2">{run.owner.name}</td> : null}
              <td className="px-3 py-2">{run.exercise.title}</td>
              <td className="px-3 py-2">
                <RunStatusBadge status={run.status} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{formatMoment(run.createdAt, timeZone)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{run.durationSeconds === null ? '–' : formatDuration(run.durationSeconds)}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap">
                {run.primary && run.exercise.primaryMetric ? (
                  <>
                    <span className="text-muted">{run.exercise.primaryMetric} </span>
                    {formatMetric(run.primary.last)} / {formatMetric(run.primary.best)}
                  </>
                ) : (
                  <span className="text-muted">–</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
