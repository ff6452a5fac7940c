// A facilitator's view of one exercise: per group they lead, each fellow's runs, best result
// and last run; those with no runs come first, marked in words.
import Link from 'next/link';
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
            <div className="mt-2 overflow-x-auto rounded-xl border border-line bg-surface">
              <table className="w-full min-w-[24rem] text-left text-[0.95rem]" data-testid={`submissions-${group.name}`}>
                <thead className="border-b border-line bg-surface-muted text-[0.85rem] text-muted">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Fellow
                    </th>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Runs
                    </th>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Best {metric}
                    </th>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Last run
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {group.fellows.map((fellow) => (
                    <tr key={fellow.name} className="border-t border-line">
                      <th scope="row" className="px-3 py-2 font-medium">
                        {fellow.name}
                      </th>
                      {fellow.runs === 0 ? (
                        <td colSpan={3} className="px-3 py-2 font-medium text-warning">
                          <span aria-hidden="true">○ </span>No runs yet
                        </td>
                      ) : (
                        <>
                          <td className="px-3 py-2">{fellow.runs}</td>
                          <td className="px-3 py-2 font-mono">
                            {fellow.bestRunId ? <Link href={`/cohorts/${cohort}/runs/${fellow.bestRunId}`}>{formatMetric(fellow.best)}</Link> : formatMetric(fellow.best)}
                          </td>
                          <td className="px-3 py-2">{fellow.lastRunAt ? formatMoment(fellow.lastRunAt, timeZone) : '–'}</td>
                        </>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </div>
  );
}
