'use client';

// The weeks that are over, each folded to one line that says what is still open; unfolded,
// the same boxes to tick and the week's private note.
import { formatCalendarDate, formatMinutes, pluralize } from '@/lib/format';
import { countReadings } from '@/lib/reading-progress';
import type { FellowWeek } from '@/server/services/progress/build-fellow-home';
import { weekName, weekReadings } from './fellow-week';
import { ReadingChecklist, type TickProps } from './reading-checklist';
import { WeekReflection } from './week-reflection';

function describeOpen(week: FellowWeek, isDone: (id: string) => boolean): { text: string; allDone: boolean } {
  const counts = countReadings(weekReadings(week), isDone);
  const open = counts.coreTotal - counts.coreDone;
  if (open === 0) return { text: counts.coreTotal === 0 ? 'No core readings' : 'All core readings done', allDone: true };
  const time = counts.minutesLeft > 0 ? ` · ${formatMinutes(counts.minutesLeft)}` : '';
  return { text: `${pluralize(open, 'core reading')} open${time}`, allDone: false };
}

export function PastWeeks({ cohortSlug, weeks, ...tick }: { cohortSlug: string; weeks: FellowWeek[] } & TickProps) {
  if (weeks.length === 0) return null;
  return (
    <section aria-labelledby="past-weeks-heading" className="mt-12 border-t border-line pt-8">
      <h3 id="past-weeks-heading" className="text-xl font-semibold">
        Earlier weeks
      </h3>
      <p className="text-muted">What is still open from the weeks that are over. Open a week to tick its readings.</p>
      <ul className="mt-4">
        {weeks.map((week) => {
          const open = describeOpen(week, tick.isDone);
          return (
            <li key={week.id} className="border-t border-line first:border-t-0">
              <details className="group">
                <summary className="flex min-h-11 cursor-pointer list-none items-center gap-3 py-3 [&::-webkit-details-marker]:hidden">
                  <span aria-hidden="true" className="inline-block w-4 shrink-0 text-muted transition-transform group-open:rotate-90">
                    ▸
                  </span>
                  {/* Phones: what is open goes under the title; wider screens: beside it. */}
                  <span className="min-w-0 flex-1 sm:flex sm:items-center sm:justify-between sm:gap-4">
                    <span className="block min-w-0">
                      <span className="block font-semibold">
                        {weekName(week)}
                        {weekName(week) !== week.title ? `: ${week.title}` : ''}
                      </span>
                      <span className="block text-[0.9rem] text-muted">
                        {formatCalendarDate(week.startsOn)} to {formatCalendarDate(week.endsOn)}
                      </span>
                    </span>
                    <span className={`mt-1 block text-[0.95rem] sm:mt-0 sm:shrink-0 sm:text-right ${open.allDone ? 'text-success' : 'font-medium'}`}>
                      {open.allDone ? <span aria-hidden="true">✓ </span> : null}
                      {open.text}
                    </span>
                  </span>
                </summary>
                <div className="pb-6 pl-7">
                  <ReadingChecklist week={week} headingLevel={4} {...tick} />
                  <WeekReflection
                    cohortSlug={cohortSlug}
                    weekId={week.id}
                    weekName={weekName(week)}
                    initialText={week.reflection?.text ?? ''}
                    readOnly={tick.readOnly}
                  />
                </div>
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
