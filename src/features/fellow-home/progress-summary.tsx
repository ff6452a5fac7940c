// The numbers a fellow opens the page for: time left on the week's core readings, and two
// bars (the week, the whole cohort) with their counts in words. Optional readings are counted
// apart and never move the bars.
import { ProgressBar } from '@/components/ui/progress-bar';
import { formatMinutes, pluralize } from '@/lib/format';
import { percentDone, type ReadingCounts } from '@/lib/reading-progress';

function describeLeft(week: ReadingCounts, when: string): { headline: string; detail: string | null } {
  const left = week.coreTotal - week.coreDone;
  if (week.coreTotal === 0) return { headline: `No core readings ${when}`, detail: null };
  if (left === 0) return { headline: `All core readings done ${when}`, detail: 'Well done. The optional readings are there if you want more.' };
  const unestimated = week.unestimatedLeft > 0 ? `${pluralize(week.unestimatedLeft, 'reading')} without a time estimate` : null;
  if (week.minutesLeft === 0) return { headline: `${pluralize(left, 'core reading')} left ${when}`, detail: unestimated };
  return {
    headline: `${formatMinutes(week.minutesLeft)} left ${when}`,
    detail: [`${pluralize(left, 'core reading')} to go`, unestimated ? `including ${unestimated}` : null].filter(Boolean).join(', '),
  };
}

export function ProgressSummary({
  week,
  cohort,
  when,
  weekBarLabel,
}: {
  week: ReadingCounts;
  cohort: ReadingCounts;
  /** "this week", or "in Week 3" when the page shows a week that is not running. */
  when: string;
  weekBarLabel: string;
}) {
  const { headline, detail } = describeLeft(week, when);
  const allDone = week.coreTotal > 0 && week.coreDone === week.coreTotal;
  return (
    <div className="mt-6 rounded-xl border border-line bg-surface p-5">
      <p className="text-xl font-semibold" aria-live="polite">
        {allDone ? (
          <span aria-hidden="true" className="mr-1 text-success">
            ✓
          </span>
        ) : null}
        {headline}
      </p>
      {detail ? <p className="text-muted">{detail}</p> : null}
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <ProgressBar
          label={weekBarLabel}
          value={week.coreDone}
          max={week.coreTotal}
          valueText={`${week.coreDone} of ${pluralize(week.coreTotal, 'core reading')}`}
        />
        <ProgressBar
          label="Whole cohort"
          value={cohort.coreDone}
          max={cohort.coreTotal}
          valueText={`${cohort.coreDone} of ${pluralize(cohort.coreTotal, 'core reading')} · ${percentDone(cohort.coreDone, cohort.coreTotal)}%`}
        />
      </div>
      {week.optionalTotal > 0 || cohort.optionalDone > 0 ? (
        <p className="mt-3 text-[0.95rem] text-muted">
          Optional, counted apart: {week.optionalDone} of {week.optionalTotal} {when}
          {cohort.optionalDone > 0 ? ` · ${cohort.optionalDone} of ${cohort.optionalTotal} in the whole cohort` : ''}
        </p>
      ) : null}
    </div>
  );
}
