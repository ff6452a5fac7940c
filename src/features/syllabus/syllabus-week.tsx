import { formatWeekLabel } from '@/lib/format';
import { LearningGoals } from './learning-goals';
import { ReadingSection } from './reading-section';
import { describeReadingTime } from './reading-time-summary';
import { weekAnchor, type SyllabusWeek as Week } from './types';

export function SyllabusWeek({ week }: { week: Week }) {
  const anchor = weekAnchor(week);
  const label = formatWeekLabel(week);

  return (
    <section id={anchor} aria-labelledby={`${anchor}-heading`} className="border-t border-line pt-8 first:border-t-0 first:pt-0">
      <h2 id={`${anchor}-heading`} className="text-2xl font-semibold">
        {label ? (
          <span className="mb-1 block text-base font-medium text-accent">
            {label}
            {/* Screen readers and tests read "Week 3: Title" rather than "Week 3Title". */}
            <span className="sr-only">: </span>
          </span>
        ) : null}
        {week.title}
      </h2>
      <p className="mt-2 text-muted">{describeReadingTime(week.readingTime)}</p>

      <LearningGoals goals={week.goals} weekAnchor={anchor} />

      {week.sections.map((section) => (
        <ReadingSection key={section.id} section={section} />
      ))}

      {week.notes ? (
        <section aria-labelledby={`${anchor}-notes`} className="mt-8">
          <h3 id={`${anchor}-notes`} className="text-lg font-semibold">
            Notes
          </h3>
          {/* Plain text for now: the markdown renderer (with its sanitiser) comes later. */}
          <pre className="mt-2 font-sans text-base whitespace-pre-wrap break-words">{week.notes}</pre>
        </section>
      ) : null}
    </section>
  );
}
