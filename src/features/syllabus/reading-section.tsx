import { Badge } from '@/components/ui/badge';
import { formatMinutes } from '@/lib/format';
import { ReadingListItem } from './reading-list-item';
import type { SyllabusSection } from './types';

export function ReadingSection({ section }: { section: SyllabusSection }) {
  const headingId = `section-${section.id}`;
  const statedDiffers = section.statedMinutes !== null && section.statedMinutes !== section.computedMinutes;
  // An optional section whose title does not say so gets the word beside it.
  const needsOptionalBadge = section.kind === 'OPTIONAL' && !/optional/i.test(section.title);

  return (
    <section aria-labelledby={headingId} className="mt-8">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-line pb-2">
        <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
          {section.title}
          {needsOptionalBadge ? <Badge tone="warning">Optional</Badge> : null}
        </h3>
        <p className="text-sm text-muted">
          {formatMinutes(section.computedMinutes)}
          {statedDiffers ? ` · syllabus says ${formatMinutes(section.statedMinutes ?? 0)}` : null}
        </p>
      </div>
      {section.items.length === 0 ? (
        <p className="py-3 text-muted">No readings in this section yet.</p>
      ) : (
        <ul className="divide-y divide-line">
          {section.items.map((reading) => (
            <ReadingListItem key={reading.id} reading={reading} />
          ))}
        </ul>
      )}
    </section>
  );
}
