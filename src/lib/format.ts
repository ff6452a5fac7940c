// Formatting shared by server and client. Copy rules from the product brief: minutes are
// summed and shown as "1 h 45 min"; dates name the cohort's time zone.

/** 105 -> "1 h 45 min", 60 -> "1 h", 45 -> "45 min". */
export function formatMinutes(totalMinutes: number): string {
  const minutes = Math.max(0, Math.round(totalMinutes));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  if (rest === 0) return `${hours} h`;
  return `${hours} h ${rest} min`;
}

const CALENDAR_DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * A calendar date stored as a SQL `date` ("2025-01-06", read back as UTC midnight) ->
 * "Mon 6 Jan 2025". Formatted in UTC on purpose: converting UTC midnight to a zone west of
 * Greenwich would show the day before. Callers name the cohort's zone beside it.
 */
export function formatCalendarDate(date: Date): string {
  // Assembled from parts: ICU versions disagree on the comma after the weekday.
  const parts = CALENDAR_DATE_FORMAT.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

// One formatter per zone: making an Intl.DateTimeFormat costs about 0.4 ms, and a page names its
// cohort's zone on every render (2.6 % of the fellow's week's server time, ADR 0033).
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneNameFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneNameFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' });
    zoneNameFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "Europe/London" -> "Europe/London (GMT)"-style label; falls back to the zone as given. */
export function formatTimeZone(timeZone: string, at: Date = new Date()): string {
  try {
    const parts = zoneNameFormatter(timeZone).formatToParts(at);
    const abbreviation = parts.find((part) => part.type === 'timeZoneName')?.value;
    return abbreviation && abbreviation !== timeZone ? `${timeZone} (${abbreviation})` : timeZone;
  } catch {
    return timeZone;
  }
}

/** Week 3 -> "Week 3"; a unit spanning weeks 2 and 3 -> "Weeks 2–3"; unnumbered -> null. */
export function formatWeekLabel(week: { number: number | null; span: number }): string | null {
  if (week.number === null) return null;
  if (week.span <= 1) return `Week ${week.number}`;
  return `Weeks ${week.number}–${week.number + week.span - 1}`;
}

/** A unit's name on screen: the label its syllabus gives it, else "Week 3" / "Weeks 2–3"; null when it has neither. */
export function weekName(week: { label?: string | null; number: number | null; span: number }): string | null {
  return week.label ?? formatWeekLabel(week);
}

/** 1 -> "1 week", 8 -> "8 weeks" (and the same for any noun with a plain plural). */
export function pluralize(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** How a person is named on screen and in exports: their name, or their email where they gave none. */
export function displayName(person: { name: string | null; email: string }): string {
  return person.name ?? person.email;
}
