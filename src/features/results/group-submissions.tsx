// A facilitator's view of one exercise: per group they lead, each fellow's runs, best result
// and last run; those with no runs come first, marked in words.
import Link from 'next/link';
import { Table } from '@/components/ui/table';
import { formatMoment } from '@/lib/format-time';
import { formatMetric } from '@/lib/run-status';
import type { ExerciseBoard } from '@/server/services/results/leaderboard';

export function GroupSubmissions({ cohort, groups, metric, timeZone }: { cohort: string; groups: ExerciseBoard['groups']; metric: string; timeZone: string }) {
  return (
    <div className="grid gap-6">
      {groups.map((group) => {
        const missing = group.fellows.filter((fellow) => fellow.runs === 0).length;
        return (
          <div key={group.id} className="min-w-0">
            <h3 className="font-semibold">
              {group.name}{' '}
              <span className="font-normal text-muted">
                · {group.fellows.length - missing} of {group.fellows.length} submitted
              </span>
            </h3>
            <div className="mt-2">
              <Table testId={`submissions-${group.name}`} minWidth="24rem" columns={['Fellow', 'Runs', `Best ${metric}`, 'Last run']}>
                {group.fellows.map((fellow) => (
                  <tr key={fellow.name}>
                    <th scope="row" className="font-medium">
                      {fellow.name}
                    </th>
                    {fellow.runs === 0 ? (
                      <td colSpan={3} className="font-medium text-warning">
                        <span aria-hidden="true">○ </span>No runs yet
                      </td>
                    ) : (
                      <>
                        <td>{fellow.runs}</td>
                        <td className="font-mono">
                          {fellow.bestRunId ? <Link href={`/cohorts/${cohort}/runs/${fellow.bestRunId}`}>{formatMetric(fellow.best)}</Link> : formatMetric(fellow.best)}
                        </td>
                        <td>{fellow.lastRunAt ? formatMoment(fellow.lastRunAt, timeZone) : '–'}</td>
                      </>
                    )}
                  </tr>
                ))}
              </Table>
            </div>
          </div>
        );
      })}
    </div>
  );
}
