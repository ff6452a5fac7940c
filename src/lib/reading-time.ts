// How long a week's readings take. One rule everywhere (home page, syllabus, API): a reading
// is optional when it says so or when its section is an optional one; readings without a
// time estimate are counted separately rather than guessed.

export type TimedReading = { minutes: number | null; optional: boolean };
export type TimedSection = { kind: string; items: TimedReading[] };

export type ReadingTime = {
  /** Minutes of the readings everyone is expected to do. */
  requiredMinutes: number;
  optionalMinutes: number;
  /** Readings the syllabus gives no time for. */
  unestimatedCount: number;
};

export function isOptionalReading(item: TimedReading, section: { kind: string }): boolean {
  return item.optional || section.kind === 'OPTIONAL';
}

export function sumReadingTime(sections: TimedSection[]): ReadingTime {
  const total: ReadingTime = { requiredMinutes: 0, optionalMinutes: 0, unestimatedCount: 0 };
  for (const section of sections) {
    for (const item of section.items) {
      if (item.minutes === null) total.unestimatedCount += 1;
      else if (isOptionalReading(item, section)) total.optionalMinutes += item.minutes;
      else total.requiredMinutes += item.minutes;
    }
  }
  return total;
}

/**
 * The total to set beside a section's stated total ("(70 mins)"). Syllabi state the time of
 * a section's required readings, so optional readings count only in an all-optional section.
 */
export function sumSectionMinutes(section: TimedSection): number {
  const withMinutes = section.items.filter((item) => item.minutes !== null);
  const required = withMinutes.filter((item) => !item.optional);
  const counted = section.kind === 'OPTIONAL' || required.length === 0 ? withMinutes : required;
  return counted.reduce((sum, item) => sum + (item.minutes ?? 0), 0);
}
