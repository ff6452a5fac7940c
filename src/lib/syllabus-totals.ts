// The numbers a syllabus page shows beside its sections: each section's and each group's sum
// of minutes, the total the syllabus states ("< 200 mins") as written, and whether the two
// agree. The same rules as the importer's warnings (durations.ts, reading-time.ts), so the
// page and the import preview never disagree about a total.
import { formatMinutes } from '@/lib/format';
import { sumSectionMinutes, type TimedSection } from '@/lib/reading-time';
import { agreesWithStated, parseDuration } from '@/lib/syllabus/durations';
import { parseSectionHeading } from '@/lib/syllabus/syllabus-text';

export type StatedTotal = {
  /** As the syllabus writes it ("< 200 mins", "1hr 30 min"). */
  text: string;
  /** Whether the sum of the readings fits it; null when the text is not a duration. */
  agrees: boolean | null;
};

/** A stated total beside a computed sum; null when nothing is stated. */
export function compareStatedTotal(
  statedText: string | null,
  statedMinutes: number | null,
  computedMinutes: number,
): StatedTotal | null {
  if (statedText === null && statedMinutes === null) return null;
  const text = statedText ?? formatMinutes(statedMinutes ?? 0);
  const duration = statedText !== null ? parseDuration(statedText) : { minutes: statedMinutes ?? 0, bound: '=' as const };
  return { text, agrees: duration ? agreesWithStated(computedMinutes, duration) : null };
}

export type TotalledSection<S extends TimedSection> = S & {
  computedMinutes: number;
  stated: StatedTotal | null;
};

export function totalSection<S extends TimedSection & { statedText: string | null; statedMinutes: number | null }>(
  section: S,
): TotalledSection<S> {
  const computedMinutes = sumSectionMinutes(section);
  return { ...section, computedMinutes, stated: compareStatedTotal(section.statedText, section.statedMinutes, computedMinutes) };
}

export type SectionBlock<S> =
  | { type: 'section'; section: S }
  | {
      type: 'group';
      /** The group heading as written ("Core Content: (125 min)"). */
      heading: string;
      /** The heading without its stated total ("Core Content"). */
      title: string;
      sections: S[];
      computedMinutes: number;
      stated: StatedTotal | null;
    };

/**
 * Consecutive sections that share a group heading, wrapped in it; other sections on their own.
 * The group's sum is its sections' sums added up, compared with the total in its heading.
 */
export function groupSections<S extends { group: string | null; computedMinutes: number }>(sections: S[]): SectionBlock<S>[] {
  const blocks: SectionBlock<S>[] = [];
  for (const section of sections) {
    const last = blocks.at(-1);
    if (section.group !== null && last?.type === 'group' && last.heading === section.group) {
      last.sections.push(section);
      continue;
    }
    if (section.group === null) {
      blocks.push({ type: 'section', section });
      continue;
    }
    blocks.push({ type: 'group', heading: section.group, title: '', sections: [section], computedMinutes: 0, stated: null });
  }
  for (const block of blocks) {
    if (block.type !== 'group') continue;
    const heading = parseSectionHeading(block.heading);
    block.title = heading.title || block.heading;
    block.computedMinutes = block.sections.reduce((sum, section) => sum + section.computedMinutes, 0);
    block.stated = compareStatedTotal(heading.statedText, heading.statedMinutes, block.computedMinutes);
  }
  return blocks;
}

const PLAIN_ESTIMATE = /^\s*\d+(?:\.\d+)?\s*(?:h|hrs?|hours?)?\.?\s*(?:\d+\s*)?(?:m|mins?|minutes?)?\.?\s*$/i;

/**
 * A reading's time as the page shows it: "1 h 30 min" for a plain estimate (however the
 * syllabus spelled it), the syllabus's own words where they say more ("30+ mins",
 * "20-30 min", "~2h"), or "No time estimate".
 */
export function describeItemTime(item: { minutes: number | null; minutesText: string | null }): string {
  if (item.minutesText && (item.minutes === null || !PLAIN_ESTIMATE.test(item.minutesText))) return item.minutesText;
  if (item.minutes === null) return 'No time estimate';
  return formatMinutes(item.minutes);
}
