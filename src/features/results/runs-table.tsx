// The runs list: exercise, name (a link to the run), status, start, duration and the primary
// metric's last and best values. A table that scrolls sideways on phones, the name column
// sticky.
import Link from 'next/link';
import { Table } from '@/components/ui/table';
import { formatMoment } from '@/lib/format-time';
import { formatDuration, formatMetric } from '@/lib/run-status';
import type { RunListItem } from '@/server/services/results/list-runs';
import { RunStatusBadge } from './run-status-badge';

export function RunsTable({ cohort, runs, timeZone, showOwner }: { cohort: string; runs: RunListItem[]; timeZone: string; showOwner: boolean }) {
  return (
    <Table
      minWidth="44rem"
      stickyFirstColumn
      columns={['Run', showOwner && 'Fellow', 'Exercise', 'Status', 'Started', 'Duration', { label: 'Last / best', align: 'end' }]}
    >
      {runs.map((run) => (
        <tr key={run.id}>
          <th scope="row" className="max-w-[14rem] font-medium break-words">
            <Link href={`/cohorts/${cohort}/runs/${run.id}`}>{run.name ?? 'Unnamed run'}</Link>
          </th>
          {showOwner ? <td>{run.owner.name}</td> : null}
          <td>{run.exercise.title}</td>
          <td>
            <RunStatusBadge status={run.status} />
          </td>
          <td className="whitespace-nowrap">{formatMoment(run.createdAt, timeZone)}</td>
          <td className="whitespace-nowrap">{run.durationSeconds === null ? '–' : formatDuration(run.durationSeconds)}</td>
          <td className="text-right whitespace-nowrap">
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
    </Table>
  );
}
