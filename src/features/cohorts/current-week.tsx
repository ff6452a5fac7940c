import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCalendarDate, formatWeekLabel } from '@/lib/format';
import { describeReadingTime } from '@/features/syllabus/reading-time-summary';
import { ReadingSection } from '@/features/syllabus/reading-section';
import type { CohortHome } from '@/server/services/cohorts/get-cohort-home';

/**
 * This week's readings, or the first week before the start and the last one after the end.
 * `children` replaces the plain reading list (a fellow gets boxes to tick instead).
 */
export function CurrentWeek({ home, headingId, children }: { home: CohortHome; headingId: string; children?: ReactNode }) {
  const current = home.currentWeek;
  const syllabusHref = `/cohorts/${home.slug}/syllabus`;
  if (!current) {
    return (
      <>
        <h2 id={headingId} className="mb-3 text-xl font-semibold">
          This week
        </h2>
        <EmptyState title="This syllabus has no weeks yet">
          Once an admin adds weeks and readings to {home.curriculum.title}, this week’s readings appear here.
        </EmptyState>
      </>
    );
  }
  const { week } = current;
  const label = formatWeekLabel(week);
  const kicker =
    current.phase === 'before'
      ? 'Coming up'
      : current.phase === 'after'
        ? 'The last week'
        : current.phase === 'break'
          ? 'Up next'
          : 'This week';
  const span = `${formatCalendarDate(current.startsOn)} to ${formatCalendarDate(current.endsOn)}`;
  const intro =
    current.phase === 'before'
      ? `The cohort starts on ${formatCalendarDate(home.startDate)}. Here is the first week, to get ahead.`
      : current.phase === 'after'
        ? 'The cohort has finished all its weeks. Here is the last one; the full syllabus stays open to you.'
        : current.phase === 'break'
          ? `This is a week off, with no readings or meetings. The next readings run from ${span}.`
          : `Week ${current.teachingWeek} of ${current.totalWeeks}: ${span}.`;

  return (
    <div className="max-w-[72ch]">
      <h2 id={headingId} className="text-2xl font-semibold sm:text-3xl">
        <span className="mb-1 block text-base font-medium text-accent">
          {kicker}
          {label ? ` · ${label}` : null}
          <span className="sr-only">: </span>
        </span>
        {week.title}
      </h2>
      <p className="mt-2 text-muted">{intro}</p>
      {children ?? (
        <>
          <p className="mt-1 font-medium">{describeReadingTime(week.readingTime)}</p>
          {week.sections.length === 0 ? (
            <p className="mt-4 text-muted">No readings for this week yet.</p>
          ) : (
            week.sections.map((section) => <ReadingSection key={section.id} section={section} />)
          )}
        </>
      )}
      <p className="mt-8">
        <Link href={syllabusHref}>Full syllabus: {home.curriculum.title}</Link>
      </p>
    </div>
  );
}
