'use client';

// The cohort's calendar weeks, each with what is taught in it, and a box to make it a week
// off. Ticking one moves everything after it a week later, and the list shows that at once.
import { listSelectableWeeks, parseIsoDate, toIsoDate } from '@/lib/cohort-calendar';
import { formatCalendarDate, formatWeekLabel } from '@/lib/format';

type Unit = { number: number | null; span: number; label: string | null; title: string };

export function SkippedWeeksPicker({
  id,
  startDate,
  skippedWeeks,
  units,
  onChange,
  disabled,
}: {
  id: string;
  startDate: string;
  skippedWeeks: number[];
  units: Unit[];
  onChange: (weeks: number[]) => void;
  disabled?: boolean;
}) {
  const start = parseIsoDate(startDate);
  if (!start) {
    return <p className="text-muted">Enter a start date to see the cohort’s weeks.</p>;
  }
  if (units.length === 0) {
    return <p className="text-muted">The syllabus has no weeks yet, so there is nothing to skip.</p>;
  }
  const weeks = listSelectableWeeks({ startDate: start, skippedWeeks }, units);
  const lastTaught = weeks.reduce((last, week) => (week.unitIndex !== null ? week.index : last), -1);
  const toggle = (index: number, skip: boolean) =>
    onChange(skip ? [...skippedWeeks, index].sort((a, b) => a - b) : skippedWeeks.filter((week) => week !== index));

  return (
    <ol className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
      {weeks.map((week) => {
        const unit = week.unitIndex !== null ? units[week.unitIndex]! : null;
        const label = unit ? (formatWeekLabel(unit) ?? unit.label ?? `Unit ${week.unitIndex! + 1}`) : null;
        const afterEnd = !week.skipped && week.index > lastTaught;
        const inputId = `${id}-week-${week.index}`;
        return (
          <li key={week.index} className={`flex flex-col gap-1 px-4 py-2.5 sm:flex-row sm:items-center sm:gap-4 ${week.skipped ? 'bg-surface-muted' : ''}`}>
            <label htmlFor={inputId} className="inline-flex min-h-10 shrink-0 items-center gap-2 sm:w-64">
              <input
                id={inputId}
                type="checkbox"
                className="size-4"
                checked={week.skipped}
                disabled={disabled}
                onChange={(event) => toggle(week.index, event.target.checked)}
              />
              <span>
                <span className="sr-only">Skip the week of </span>
                <time dateTime={toIsoDate(week.startDate)}>{formatCalendarDate(week.startDate)}</time>
              </span>
            </label>
            <span className={`min-w-0 text-[0.95rem] ${week.skipped || afterEnd ? 'text-muted' : ''}`}>
              {week.skipped ? (
                <>
                  <span className="font-semibold text-text">Week off</span>: no readings, no meetings
                </>
              ) : afterEnd ? (
                'After the last week'
              ) : (
                <>
                  <span className="font-medium">{label}</span>
                  {unit && unit.span > 1 ? ` (week ${week.index - (weeks.find((candidate) => candidate.unitIndex === week.unitIndex)?.index ?? week.index) + 1} of ${unit.span})` : null}
                  {unit ? `: ${unit.title}` : null}
                </>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
