import { Badge } from '@/components/ui/badge';
import { weekName } from '@/lib/format';
import { sumReadingTime } from '@/lib/reading-time';
import { groupSections, totalSection } from '@/lib/syllabus-totals';
import { formatDateRange } from './cohort-schedule';
import { Heading } from './heading';
import { LearningGoals } from './learning-goals';
import { SyllabusPrompts } from './syllabus-prompts';
import { MarkdownNotes } from './markdown-notes';
import { ReadingSection } from './reading-section';
import { describeReadingTime } from './reading-time-summary';
import { describeTotals, TotalWarning } from './total-warning';
import { weekAnchor, type SyllabusPageWeek, type SyllabusViewer } from './types';

/** The label as the syllabus writes it ("Week 2 and 3"), else "Week 3"; null when unnumbered. */
export function weekLabelOf(week: Pick<SyllabusPageWeek, 'label' | 'number' | 'span'>): string | null {
  return weekName(week);
}

export function SyllabusWeek({
  week,
  headingLevel,
  viewer,
  dates = null,
  current = false,
}: {
  week: SyllabusPageWeek;
  headingLevel: number;
  viewer: SyllabusViewer;
  /** A cohort's dates for this unit. */
  dates?: { startDate: Date; endDate: Date } | null;
  /** The unit the cohort is in now: highlighted, and said in words, not colour alone. */
  current?: boolean;
}) {
  const anchor = weekAnchor(week);
  const label = weekLabelOf(week);
  const sections = week.sections.map((section) => totalSection(section));
  const blocks = groupSections(sections);

  return (
    <section id={anchor} className={current ? 'syl-week syl-week-now' : 'syl-week'}>
      {/* Named "Week 3: Title" for screen readers; on screen the label sits above the title. */}
      <Heading level={headingLevel} label={label ? `${label}: ${week.title}` : undefined} className="syl-week-title">
        {label ? <span className="syl-week-label">{label}</span> : null}
        {week.title}
      </Heading>
      {dates || current ? (
        <p className="syl-week-dates">
          {dates ? formatDateRange(dates.startDate, dates.endDate) : null}
          {current ? <Badge tone="accent">This week</Badge> : null}
        </p>
      ) : null}
      <p className="mt-1 text-muted">{describeReadingTime(sumReadingTime(week.sections))}</p>

      <LearningGoals goals={week.goals} headingLevel={headingLevel + 1} />

      {blocks.map((block, blockIndex) =>
        block.type === 'section' ? (
          <ReadingSection
            key={blockIndex}
            section={block.section}
            headingLevel={headingLevel + 1}
            showTotalWarnings={viewer.mayEdit}
          />
        ) : (
          <div key={blockIndex} className="mt-10">
            <div className="syl-group-head">
              <Heading level={headingLevel + 1} className="text-xl font-semibold">
                {block.title}
              </Heading>
              <p className="syl-total">{describeTotals(block.computedMinutes, block.stated)}</p>
            </div>
            <TotalWarning stated={block.stated} computedMinutes={block.computedMinutes} show={viewer.mayEdit} />
            <div className="syl-group">
              {block.sections.map((section, index) => (
                <ReadingSection
                  key={index}
                  section={section}
                  headingLevel={headingLevel + 2}
                  showTotalWarnings={viewer.mayEdit}
                />
              ))}
            </div>
          </div>
        ),
      )}

      <SyllabusPrompts title={week.promptsTitle} prompts={week.prompts} headingLevel={headingLevel + 1} />

      {week.notesHtml ? (
        <div className="mt-8">
          <Heading level={headingLevel + 1} className="text-lg font-semibold">
            Notes
          </Heading>
          <MarkdownNotes html={week.notesHtml} className="mt-2" />
        </div>
      ) : null}
    </section>
  );
}
