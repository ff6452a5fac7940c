// The whole syllabus page below the site header: a template's (/syllabus/<slug>) or a
// cohort's, with dates (/cohorts/<slug>/syllabus). Server-rendered HTML with no client
// JavaScript of its own, so the cached page is the whole page.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCalendarDate, formatTimeZone, pluralize } from '@/lib/format';
import { sumReadingTime } from '@/lib/reading-time';
import { buildCohortSchedule, formatDateRange, type CohortSchedule } from './cohort-schedule';
import { MarkdownNotes } from './markdown-notes';
import { SyllabusPrompts } from './syllabus-prompts';
import { describeReadingTime } from './reading-time-summary';
import { SyllabusContents, type ContentsEntry } from './syllabus-contents';
import { SyllabusWeek, weekLabelOf } from './syllabus-week';
import { weekAnchor, type CohortSyllabusPage, type SyllabusPageCurriculum, type SyllabusPageWeek, type SyllabusViewer } from './types';

type Cohort = CohortSyllabusPage['cohort'];

export function SyllabusDocument({
  curriculum,
  viewer,
  cohort = null,
  now = new Date(),
}: {
  curriculum: SyllabusPageCurriculum;
  viewer: SyllabusViewer;
  /** A cohort's page: dates for each week, the breaks, and this week highlighted. */
  cohort?: Cohort | null;
  now?: Date;
}) {
  const schedule = cohort ? buildCohortSchedule(cohort, curriculum.weeks, now) : null;
  const entries = contentsEntries(curriculum.weeks, schedule);
  const weekCount = curriculum.weeks.reduce((sum, week) => sum + week.span, 0);
  const readingTime = sumReadingTime(curriculum.weeks.flatMap((week) => week.sections));

  return (
    <Container className="py-8 sm:py-12">
      {cohort ? null : (
        <p className="text-sm print:hidden">
          <Link href="/#curricula">← All curricula</Link>
        </p>
      )}
      <header className="mt-4 max-w-[72ch]">
        {cohort ? (
          <p className="flex flex-wrap items-center gap-2 text-[0.95rem] text-muted">
            {cohort.name}
            {cohort.term ? ` · ${cohort.term}` : null}
            {cohort.status === 'ARCHIVED' ? <Badge>Archived</Badge> : null}
          </p>
        ) : null}
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{curriculum.title}</h1>
        {curriculum.description ? <p className="mt-3 text-lg text-muted">{curriculum.description}</p> : null}
        <p className="mt-3 text-muted">
          {pluralize(weekCount, 'week')} · {describeReadingTime(readingTime)}
        </p>
        {cohort && schedule ? <CohortDates cohort={cohort} schedule={schedule} now={now} /> : null}
        {viewer.mayEdit ? <AdminActions curriculum={curriculum} /> : null}
      </header>

      {cohort && schedule ? <ThisWeek schedule={schedule} weeks={curriculum.weeks} /> : null}

      {curriculum.notesHtml ? <MarkdownNotes html={curriculum.notesHtml} className="mt-8" /> : null}

      {curriculum.weeks.length === 0 ? (
        <div className="mt-10 max-w-[72ch]">
          <EmptyState title="This syllabus has no weeks yet">
            An admin can add weeks and readings in the curriculum editor or import them from markdown.
          </EmptyState>
        </div>
      ) : (
        <div className="mt-10 gap-12 lg:grid lg:grid-cols-[15rem_minmax(0,72ch)] print:block">
          {/* The negative margin and padding keep the links' focus rings inside the scrolling column. */}
          <aside className="mb-10 lg:sticky lg:top-6 lg:-mx-2 lg:mb-0 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto lg:px-2 print:hidden">
            <SyllabusContents entries={entries} weekCount={weekCount} />
          </aside>
          <div className="space-y-12">
            {renderEntries(entries, curriculum, viewer)}
            {curriculum.closing ? (
              <section id="closing" className="syl-week">
                <h2 className="syl-week-title">{curriculum.closing.title}</h2>
                <p className="mt-1 text-muted">After the last week</p>
                {curriculum.closing.notesHtml ? <MarkdownNotes html={curriculum.closing.notesHtml} className="mt-4" /> : null}
                <SyllabusPrompts title={curriculum.closing.promptsTitle} prompts={curriculum.closing.prompts} headingLevel={3} />
              </section>
            ) : null}
          </div>
        </div>
      )}
    </Container>
  );
}

function contentsEntries(weeks: SyllabusPageWeek[], schedule: CohortSchedule | null): ContentsEntry[] {
  if (!schedule) return weeks.map((week) => ({ type: 'week', week, dates: null, current: false }));
  return schedule.entries.map((entry): ContentsEntry =>
    entry.type === 'break'
      ? entry
      : { type: 'week', week: weeks[entry.unitIndex]!, dates: { startDate: entry.startDate, endDate: entry.endDate }, current: entry.current },
  );
}

/** Weeks in order, each part's heading and introduction before its first week, breaks between. */
function renderEntries(entries: ContentsEntry[], curriculum: SyllabusPageCurriculum, viewer: SyllabusViewer): ReactNode[] {
  const nodes: ReactNode[] = [];
  let part: string | null = null;
  for (const entry of entries) {
    if (entry.type === 'break') {
      nodes.push(<BreakWeek key={entry.key} entry={entry} />);
      continue;
    }
    const { week } = entry;
    if (week.part !== null && week.part !== part) {
      nodes.push(
        <div key={`part-${week.position}`} className="syl-part break-after-avoid border-t-4 border-line pt-8 first:border-t-0 first:pt-0">
          <h2 id={`part-${week.position}`} className="text-2xl font-bold tracking-tight sm:text-3xl">
            {week.part}
          </h2>
          {week.partNotesHtml ? <MarkdownNotes html={week.partNotesHtml} className="mt-3" /> : null}
        </div>,
      );
    }
    part = week.part;
    nodes.push(
      <SyllabusWeek
        key={week.position}
        week={week}
        headingLevel={curriculum.weekHeadingLevel}
        viewer={viewer}
        dates={entry.dates}
        current={entry.current}
      />,
    );
  }
  return nodes;
}

function BreakWeek({ entry }: { entry: Extract<ContentsEntry, { type: 'break' }> }) {
  return (
    <div
      id={entry.key}
      className={`break-inside-avoid rounded-xl border-2 border-dashed px-5 py-4 ${entry.current ? 'border-accent bg-accent-soft' : 'border-line'}`}
    >
      <p className="font-semibold">
        No meeting: break
        {entry.current ? (
          <span className="ml-2 align-middle">
            <Badge tone="accent">This week</Badge>
          </span>
        ) : null}
      </p>
      <p className="text-muted">{formatDateRange(entry.startDate, entry.endDate)}</p>
    </div>
  );
}

function CohortDates({ cohort, schedule, now }: { cohort: Cohort; schedule: CohortSchedule; now: Date }) {
  return (
    <p className="mt-2 text-muted">
      {schedule.endDate ? `${formatDateRange(schedule.startDate, schedule.endDate)} · ` : `From ${formatCalendarDate(schedule.startDate)} · `}
      Dates in {formatTimeZone(cohort.timeZone, now)}
    </p>
  );
}

/** At the top of a cohort's syllabus: where the cohort is now, linked to that week. */
function ThisWeek({ schedule, weeks }: { schedule: CohortSchedule; weeks: SyllabusPageWeek[] }) {
  const describe = (unitIndex: number) => {
    const week = weeks[unitIndex]!;
    const label = weekLabelOf(week);
    return { week, text: label ? `${label}: ${week.title}` : week.title };
  };
  let body: ReactNode;
  if (schedule.phase === 'empty') return null;
  if (schedule.phase === 'running' && schedule.current?.type === 'unit') {
    const { week, text } = describe(schedule.current.unitIndex);
    body = (
      <>
        <span className="font-semibold">This week: </span>
        <a href={`#${weekAnchor(week)}`}>{text}</a>
        <span className="text-muted"> · {formatDateRange(schedule.current.startDate, schedule.current.endDate)}</span>
      </>
    );
  } else if (schedule.phase === 'break' && schedule.current) {
    const next = schedule.entries.slice(schedule.entries.indexOf(schedule.current)).find((entry) => entry.type === 'unit');
    const upcoming = next && next.type === 'unit' ? describe(next.unitIndex) : null;
    body = (
      <>
        <span className="font-semibold">This week: no meeting, it is a break.</span>
        {upcoming && next ? (
          <>
            {' '}
            Next: <a href={`#${weekAnchor(upcoming.week)}`}>{upcoming.text}</a>, from {formatCalendarDate(next.startDate)}.
          </>
        ) : null}
      </>
    );
  } else if (schedule.phase === 'before') {
    const first = describe(0);
    body = (
      <>
        <span className="font-semibold">Starts {formatCalendarDate(schedule.startDate)}</span> with{' '}
        <a href={`#${weekAnchor(first.week)}`}>{first.text}</a>.
      </>
    );
  } else {
    body = (
      <span className="font-semibold">
        All weeks are done{schedule.endDate ? `: the last one ended on ${formatCalendarDate(schedule.endDate)}` : ''}.
      </span>
    );
  }
  return (
    <p className="mt-6 max-w-[72ch] rounded-xl border border-accent/40 bg-accent-soft px-4 py-3 print:hidden" data-this-week>
      {body}
    </p>
  );
}

function AdminActions({ curriculum }: { curriculum: SyllabusPageCurriculum }) {
  return (
    <p className="mt-4 flex flex-wrap gap-2 print:hidden">
      {curriculum.isTemplate ? (
        <Link href={`/admin/curricula/${curriculum.slug}/edit`} className={buttonClasses('secondary', 'sm')}>
          Edit curriculum
        </Link>
      ) : null}
      <a href={`/admin/curricula/${curriculum.slug}/export`} className={buttonClasses('secondary', 'sm')} download>
        Download markdown
      </a>
    </p>
  );
}
