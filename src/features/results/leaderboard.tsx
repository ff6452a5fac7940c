// The ranked table of fellows' best runs. The viewer's own row is marked in words ("you"),
// not only by its tint; runs the viewer may not open are plain text.
import Link from 'next/link';
import { formatMetric } from '@/lib/run-status';
import type { LeaderboardEntry } from '@/server/services/results/leaderboard';

export function Leaderboard({ cohort, entries, metric }: { cohort: string; entries: LeaderboardEntry[]; metric: string }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-line bg-surface">
      <table className="w-full text-left text-[0.95rem]" data-testid="leaderboard">
        <thead className="border-b border-line bg-surface-muted text-[0.85rem] text-muted">
          <tr>
            <th scope="col" className="w-12 px-2 py-2 font-semibold sm:w-16 sm:px-3">
              Rank
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Fellow
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Run
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              {metric}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={`${entry.rank}-${entry.displayName}`} className={`border-t border-line ${entry.isViewer ? 'bg-accent-soft' : ''}`}>
              <td className="px-3 py-2 font-semibold">{entry.rank}</td>
              <th scope="row" className="px-3 py-2 font-medium">
                {entry.displayName}
                {entry.isViewer ? <span className="ml-2 text-[0.85rem] font-semibold text-accent-strong">(you)</span> : null}
              </th>
              <td className="px-3 py-2 break-words">
                {entry.runId ? (
                  <Link href={`/cohorts/${cohort}/runs/${entry.runId}`}>{entry.runName ?? 'Unnamed run'}</Link>
                ) : (
                  <span className={entry.runName ? '' : 'text-muted'}>{entry.runName ?? 'hidden'}</span>
                )}
              </td>
              <td className="px-3 py-2 text-right font-mono" data-value={entry.value}>
                {formatMetric(entry.value)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
