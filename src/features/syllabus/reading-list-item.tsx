import { toSafeLinkUrl } from '@/lib/safe-url';
import { describeItemTime } from '@/lib/syllabus-totals';

type ReadingKind = 'READING' | 'VIDEO' | 'NOTEBOOK' | 'EXERCISE';

/** A reading as the syllabus, the cohort home and the editor preview all have it. */
export type ReadingLike = {
  id: string;
  kind: ReadingKind;
  title: string;
  url: string | null;
  minutes: number | null;
  /** The estimate as the syllabus wrote it ("30+ mins"); shown where it says more than the number. */
  minutesText?: string | null;
  optional: boolean;
  note: string | null;
};

const KIND_LABELS: Record<ReadingKind, string | null> = {
  READING: null,
  VIDEO: 'Video',
  NOTEBOOK: 'Notebook',
  EXERCISE: 'Exercise',
};

/**
 * A reading's link: http(s) and mailto only; anything else (javascript:, data:, relative) is
 * shown as text, never as a link. Readings open in the same tab, as links do by default (the
 * page is many readings long, and a phone's back button returns to the place).
 */
function ReadingLink({ url, children }: { url: string | null; children: string }) {
  const href = toSafeLinkUrl(url);
  if (!href) {
    return (
      <span className="font-medium">
        {children}
        {url ? <span className="font-normal text-muted"> (link unavailable)</span> : null}
      </span>
    );
  }
  return (
    <a href={href} className={href.startsWith('mailto:') ? undefined : 'syl-ext'}>
      {children}
    </a>
  );
}

/** One reading, in a `<ul className="syl-items">` (styles in globals.css). */
export function ReadingListItem({ reading }: { reading: ReadingLike }) {
  const kindLabel = KIND_LABELS[reading.kind];
  return (
    <li>
      <ReadingLink url={reading.url}>{reading.title}</ReadingLink>
      {kindLabel ? <span className="syl-tag">{kindLabel}</span> : null}
      {reading.optional ? <span className="syl-tag syl-tag-optional">Optional</span> : null}
      <span className="syl-meta">
        {describeItemTime({ minutes: reading.minutes, minutesText: reading.minutesText ?? null })}
        {reading.note ? ` · ${reading.note}` : ''}
      </span>
    </li>
  );
}
