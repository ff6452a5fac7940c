import { Badge } from '@/components/ui/badge';
import { totalSection } from '@/lib/syllabus-totals';
import { Heading } from './heading';
import { ReadingListItem, type ReadingLike } from './reading-list-item';
import { describeTotals, TotalWarning } from './total-warning';

/** A section as the syllabus page and the cohort home both have it. */
export type SectionLike = {
  id: string;
  title: string;
  kind: string;
  statedMinutes: number | null;
  /** The stated total as written ("< 200 mins"); without it, statedMinutes is shown. */
  statedText?: string | null;
  items: ReadingLike[];
};

export function ReadingSection({
  section,
  headingLevel = 3,
  showTotalWarnings = false,
}: {
  section: SectionLike;
  headingLevel?: number;
  /** Admins see where the stated total disagrees with the readings. */
  showTotalWarnings?: boolean;
}) {
  const totals = totalSection({ ...section, statedText: section.statedText ?? null });
  // An optional section whose title does not say so gets the word beside it.
  const needsOptionalBadge = section.kind === 'OPTIONAL' && !/optional/i.test(section.title);

  return (
    <div className="syl-section">
      <div className="syl-section-head">
        <Heading level={headingLevel} className="syl-section-title">
          {section.title}
          {needsOptionalBadge ? <Badge tone="warning">Optional</Badge> : null}
        </Heading>
        <p className="syl-total">{describeTotals(totals.computedMinutes, totals.stated)}</p>
      </div>
      <TotalWarning stated={totals.stated} computedMinutes={totals.computedMinutes} show={showTotalWarnings} />
      {section.items.length === 0 ? (
        <p className="py-3 text-muted">No readings in this section yet.</p>
      ) : (
        <ul className="syl-items">
          {section.items.map((reading, index) => (
            <ReadingListItem key={index} reading={reading} />
          ))}
        </ul>
      )}
    </div>
  );
}
