// The ranked table of fellows' best runs. The viewer's own row is marked in words ("you"),
// not only by its tint; runs the viewer may not open are plain text.
import Link from 'next/link';
import { Table } from '@/components/ui/table';
import { formatMetric } from '@/lib/run-status';
import type { LeaderboardEntry } from '@/server/services/results/leaderboard';

export function Leaderboard({ cohort, entries, metric }: { cohort: string; entries: LeaderboardEntry[]; metric: string }) {
  return (
    <Table testId="leaderboard" columns={[{ label: 'Rank', className: 'w-12 sm:w-16' }, 'Fellow', 'Run', { label: metric, align: 'end' }]}>
      {entries.map((entry) => (
        <tr key={`${entry.rank}-${entry.displayName}`} className={entry.isViewer ? 'bg-accent-soft' : undefined}>
          <td className="font-semibold">{entry.rank}</td>
          <th scope="row" className="font-medium">
            {entry.displayName}
            {entry.isViewer ? <span className="ml-2 text-[0.85rem] font-semibold text-accent-strong">(you)</span> : null}
          </th>
          <td className="break-words">
            {entry.runId ? (
              <Link href={`/cohorts/${cohort}/runs/${entry.runId}`}>{entry.runName ?? 'Unnamed run'}</Link>
            ) : (
              <span className={entry.runName ? '' : 'text-muted'}>{entry.runName ?? 'hidden'}</span>
            )}
          </td>
          <td className="text-right font-mono" data-value={entry.value}>
            {formatMetric(entry.value)}
          </td>
        </tr>
      ))}
    </Table>
  );
}
