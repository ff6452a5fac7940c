'use client';

// The audit log of one meeting's attendance, newest first, refreshed with the sheet.
import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '@/components/ui/empty-state';
import { formatChangeTime, MARK_LABELS, type AttendanceMark } from '@/lib/meeting-format';
import { useTRPC, type RouterOutputs } from '@/trpc/react';

type Changes = RouterOutputs['attendance']['changes'];

const REFRESH_MS = 5_000;

function markText(status: AttendanceMark | null): string {
  return status ? MARK_LABELS[status].label : 'not marked';
}

/** "note added: “Bus”", "note changed: “Bus” → “Train”", "note removed (was “Bus”)". */
function noteChangeText(from: string | null, to: string | null): string {
  if (!from) return `note added: “${to}”`;
  if (!to) return `note removed (was “${from}”)`;
  return `note changed: “${from}” → “${to}”`;
}

export function AttendanceChanges({
  cohort,
  meetingId,
  timeZone,
  initialChanges,
}: {
  cohort: string;
  meetingId: string;
  timeZone: string;
  initialChanges: Changes;
}) {
  const trpc = useTRPC();
  const changes = useQuery({
    ...trpc.attendance.changes.queryOptions({ cohort, meetingId }),
    initialData: initialChanges,
    refetchInterval: REFRESH_MS,
    refetchOnWindowFocus: true,
  });
  const rows = changes.data;
  if (rows.length === 0) {
    return (
      <div className="mt-3">
        <EmptyState title="No marks yet">Marks and notes you make above are listed here, with who made them and when.</EmptyState>
      </div>
    );
  }
  return (
    <ol className="mt-3 divide-y divide-line rounded-xl border border-line bg-surface text-[0.95rem]">
      {rows.map((change) => {
        const statusChanged = change.fromStatus !== change.toStatus;
        const noteChanged = change.fromNote !== change.toNote;
        return (
          <li key={change.id} className="px-4 py-3">
            <p>
              <span className="font-semibold">{change.fellowName}</span>
              {statusChanged ? (
                <>
                  : {markText(change.fromStatus)} → <span className="font-semibold">{markText(change.toStatus)}</span>
                </>
              ) : null}
              {noteChanged ? (
                <span className="break-words">
                  {statusChanged ? '; ' : ': '}
                  {noteChangeText(change.fromNote, change.toNote)}
                </span>
              ) : null}
            </p>
            <p className="text-[0.85rem] text-muted">
              {change.changedBy}, <time dateTime={change.changedAt.toISOString()}>{formatChangeTime(change.changedAt, timeZone)}</time>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
