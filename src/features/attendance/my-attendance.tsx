// A fellow's own attendance: a summary ("4 of 5 attended") and every meeting of their group
// with its date and their mark, in words and a symbol.
import { EmptyState } from '@/components/ui/empty-state';
import { formatTimeZone, pluralize } from '@/lib/format';
import { formatMeetingWhen, MARK_LABELS } from '@/lib/meeting-format';
import type { MyAttendance } from '@/server/services/attendance/my-attendance';

type Meeting = MyAttendance['meetings'][number];

function stateOf(meeting: Meeting): { text: string; symbol: string; tone: string } {
  if (meeting.cancelled) return { text: 'Cancelled', symbol: '⊘', tone: 'text-muted' };
  if (meeting.status) {
    const { label, symbol } = MARK_LABELS[meeting.status];
    const tone = meeting.status === 'ABSENT' ? 'text-danger' : meeting.status === 'EXCUSED' ? 'text-muted' : 'text-success';
    return { text: label, symbol, tone };
  }
  if (!meeting.started) return { text: 'Upcoming', symbol: '○', tone: 'text-muted' };
  return { text: 'Not marked yet', symbol: '?', tone: 'text-muted' };
}

export function MyAttendanceView({ record }: { record: MyAttendance }) {
  const zone = formatTimeZone(record.timeZone);
  const { summary } = record;
  if (!record.group) {
    return (
      <EmptyState title="You are not in a discussion group yet">
        An admin will place you in one; your meetings and attendance appear here then.
      </EmptyState>
    );
  }
  if (record.meetings.length === 0) {
    return (
      <EmptyState title="No meetings yet">
        {record.group.name} has no meeting time yet. Your meetings and attendance appear here once it has one.
      </EmptyState>
    );
  }
  const details = [
    summary.late ? `${summary.late} late` : null,
    summary.excused ? `${summary.excused} excused` : null,
    summary.absent ? `${summary.absent} absent` : null,
    summary.unmarked ? `${summary.unmarked} not marked yet` : null,
  ].filter(Boolean);
  return (
    <div>
      <div className="rounded-xl border border-line bg-surface p-5">
        <p className="text-2xl font-bold" data-testid="attendance-summary">
          {summary.held === 0 ? 'No meetings held yet' : `${summary.attended} of ${pluralize(summary.held, 'meeting')} attended`}
        </p>
        {details.length > 0 ? <p className="mt-1 text-muted">{details.join(' · ')}</p> : null}
        <p className="mt-1 text-[0.9rem] text-muted">{record.group.name} · late counts as attended</p>
      </div>
      <p className="mt-6 text-[0.95rem] text-muted">
        Times in <span className="whitespace-nowrap">{zone}</span>
      </p>
      <ol className="mt-2 divide-y divide-line rounded-xl border border-line bg-surface">
        {record.meetings.map((meeting) => {
          const state = stateOf(meeting);
          return (
            <li key={meeting.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3">
              <div>
                <p className="font-semibold">{meeting.weekLabel ?? 'Extra meeting'}</p>
                <p className={`text-[0.95rem] ${meeting.cancelled ? 'text-muted line-through' : ''}`}>
                  {formatMeetingWhen(meeting.startsAt, meeting.minutes, record.timeZone)}
                </p>
              </div>
              <p className={`font-semibold ${state.tone}`}>
                <span aria-hidden="true" className="mr-1">
                  {state.symbol}
                </span>
                {state.text}
              </p>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
