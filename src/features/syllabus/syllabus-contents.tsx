import { formatMinutes, formatWeekLabel, pluralize } from '@/lib/format';
import { weekAnchor, type SyllabusWeek } from './types';

/**
 * The table of contents: one link per week, with its core reading time. A sticky column on
 * wide screens; on phones a closed disclosure, so week 1 is not a long scroll away.
 */
export function SyllabusContents({ weeks }: { weeks: SyllabusWeek[] }) {
  return (
    <>
      <nav aria-label="Contents" className="lg:hidden">
        <details className="group rounded-xl border border-line bg-surface">
          <summary className="flex cursor-pointer items-center justify-between gap-4 rounded-xl px-4 py-3 font-semibold">
            Contents
            <span className="text-sm font-normal text-muted">
              {pluralize(weeks.reduce((sum, week) => sum + week.span, 0), 'week')}
              <span aria-hidden="true" className="ml-2 inline-block transition-transform group-open:rotate-180">
                ▾
              </span>
            </span>
          </summary>
          <div className="border-t border-line px-4 pt-2 pb-3">
            <WeekLinks weeks={weeks} />
          </div>
        </details>
      </nav>
      <nav aria-labelledby="contents-heading" className="hidden lg:block">
        <h2 id="contents-heading" className="text-sm font-semibold tracking-wide text-muted uppercase">
          Contents
        </h2>
        <div className="mt-2">
          <WeekLinks weeks={weeks} />
        </div>
      </nav>
    </>
  );
}

function WeekLinks({ weeks }: { weeks: SyllabusWeek[] }) {
  return (
    <ol className="space-y-1">
      {weeks.map((week) => {
        const label = formatWeekLabel(week);
        return (
          <li key={week.id}>
            <a
              href={`#${weekAnchor(week)}`}
              // An inset ring: the sticky, scrolling column would clip one drawn outside.
              className="-mx-2 block rounded-md px-2 py-1.5 text-text no-underline hover:bg-surface-muted hover:text-text focus-visible:-outline-offset-3"
            >
              {label ? <span className="block text-sm text-muted">{label}</span> : null}
              <span className="block leading-snug">{week.title}</span>
              <span className="block text-sm text-muted">{formatMinutes(week.readingTime.requiredMinutes)} core</span>
            </a>
          </li>
        );
      })}
    </ol>
  );
}
