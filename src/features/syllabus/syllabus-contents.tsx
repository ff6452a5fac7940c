import { formatMinutes, pluralize } from '@/lib/format';
import { sumReadingTime } from '@/lib/reading-time';
import { formatShortDateRange } from './cohort-schedule';
import { weekLabelOf } from './syllabus-week';
import { weekAnchor, type SyllabusPageWeek } from './types';

export type ContentsEntry =
  | { type: 'week'; week: SyllabusPageWeek; dates: { startDate: Date; endDate: Date } | null; current: boolean }
  | { type: 'break'; key: string; startDate: Date; endDate: Date; current: boolean };

/**
 * The table of contents: one link per week (with its dates in a cohort), the parts they sit
 * under, and the breaks. Written once: on phones a closed disclosure, so week 1 is not a long
 * scroll away; on wide screens a sticky column that is always open (`.toc` in globals.css
 * shows a closed disclosure's content there). Never printed.
 */
export function SyllabusContents({ entries, weekCount }: { entries: ContentsEntry[]; weekCount: number }) {
  return (
    <nav aria-label="Contents" className="print:hidden">
      <h2 className="hidden text-sm font-semibold tracking-wide text-muted uppercase lg:block">Contents</h2>
      <details className="toc group rounded-xl border border-line bg-surface lg:rounded-none lg:border-0 lg:bg-transparent">
        <summary className="flex cursor-pointer items-center justify-between gap-4 rounded-xl px-4 py-3 font-semibold lg:hidden">
          Contents
          <span className="text-sm font-normal text-muted">
            {pluralize(weekCount, 'week')}
            <span aria-hidden="true" className="ml-2 inline-block transition-transform group-open:rotate-180">
              ▾
            </span>
          </span>
        </summary>
        <div className="border-t border-line px-4 pt-2 pb-3 lg:mt-2 lg:border-0 lg:p-0">
          <EntryLinks entries={entries} />
        </div>
      </details>
    </nav>
  );
}

function EntryLinks({ entries }: { entries: ContentsEntry[] }) {
  let part: string | null = null;
  const items = [];
  for (const entry of entries) {
    if (entry.type === 'week' && entry.week.part !== null && entry.week.part !== part) {
      items.push(
        <li key={`part-${entry.week.position}`} className="pt-3 text-sm font-semibold text-muted first:pt-0">
          {entry.week.part}
        </li>,
      );
    }
    if (entry.type === 'week') part = entry.week.part;
    items.push(<EntryLink key={entry.type === 'week' ? entry.week.position : entry.key} entry={entry} />);
  }
  return <ol className="space-y-1">{items}</ol>;
}

function EntryLink({ entry }: { entry: ContentsEntry }) {
  if (entry.type === 'break') {
    return (
      <li className={`-mx-2 rounded-md px-2 py-1.5 ${entry.current ? 'bg-accent-soft' : ''}`}>
        <span className="toc-sub">{formatShortDateRange(entry.startDate, entry.endDate)}</span>
        No meeting: break
        {entry.current ? <span className="toc-sub font-semibold text-accent-strong">This week</span> : null}
      </li>
    );
  }
  const { week } = entry;
  const label = weekLabelOf(week);
  return (
    <li>
      {/* An inset focus ring (.toc-link): the sticky, scrolling column would clip one drawn outside. */}
      <a href={`#${weekAnchor(week)}`} aria-current={entry.current ? 'true' : undefined} className={entry.current ? 'toc-link bg-accent-soft' : 'toc-link'}>
        {label || entry.dates ? (
          <span className="toc-sub">
            {label}
            {label && entry.dates ? ' · ' : ''}
            {entry.dates ? formatShortDateRange(entry.dates.startDate, entry.dates.endDate) : ''}
          </span>
        ) : null}
        <span className="block leading-snug">{week.title}</span>
        <span className="toc-sub">{formatMinutes(sumReadingTime(week.sections).requiredMinutes)} core</span>
        {entry.current ? <span className="toc-sub font-semibold text-accent-strong">This week</span> : null}
      </a>
    </li>
  );
}
