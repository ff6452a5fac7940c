// A cohort's syllabus on the calendar, as the page lists it: each unit with its dates, the
// skipped weeks as breaks between them, and where "now" falls.
import { buildCohortCalendar, calendarWeekAt, parseIsoDate } from '@/lib/cohort-calendar';
import { formatCalendarDate } from '@/lib/format';

export type ScheduleEntry =
  | { type: 'unit'; unitIndex: number; startDate: Date; endDate: Date; current: boolean }
  | { type: 'break'; key: string; startDate: Date; endDate: Date; current: boolean };

export type CohortSchedule = {
  entries: ScheduleEntry[];
  /** Dates of each unit, by its index in the curriculum's weeks. */
  unitDates: { startDate: Date; endDate: Date }[];
  phase: 'before' | 'running' | 'break' | 'after' | 'empty';
  /** The entry running now (a unit or a break); null before the start and after the end. */
  current: ScheduleEntry | null;
  startDate: Date;
  endDate: Date | null;
};

export function buildCohortSchedule(
  cohort: { startDate: string; timeZone: string; skippedWeeks: number[] },
  weeks: { span: number }[],
  now: Date,
): CohortSchedule {
  const startDate = parseIsoDate(cohort.startDate) ?? new Date(0);
  const calendar = buildCohortCalendar({ startDate, skippedWeeks: cohort.skippedWeeks }, weeks);
  const nowWeek = calendarWeekAt(startDate, cohort.timeZone, now);
  const entries: ScheduleEntry[] = [];
  let current: ScheduleEntry | null = null;

  for (const week of calendar.weeks) {
    const isNow = week.index === nowWeek;
    if (week.unitIndex === null) {
      const last = entries.at(-1);
      // Consecutive skipped weeks read as one break.
      if (last?.type === 'break' && last.endDate.getTime() + 86_400_000 === week.startDate.getTime()) {
        last.endDate = week.endDate;
        last.current ||= isNow;
      } else {
        entries.push({ type: 'break', key: `break-${week.index}`, startDate: week.startDate, endDate: week.endDate, current: isNow });
      }
      if (isNow) current = entries.at(-1)!;
      continue;
    }
    const unit = calendar.units[week.unitIndex]!;
    let entry = entries.find((candidate) => candidate.type === 'unit' && candidate.unitIndex === week.unitIndex);
    if (!entry) {
      entry = { type: 'unit', unitIndex: week.unitIndex, startDate: unit.startDate, endDate: unit.endDate, current: false };
      entries.push(entry);
    }
    if (isNow) {
      entry.current = true;
      current = entry;
    }
  }

  const phase: CohortSchedule['phase'] =
    calendar.units.length === 0
      ? 'empty'
      : nowWeek < 0
        ? 'before'
        : current === null
          ? 'after'
          : current.type === 'break'
            ? 'break'
            : 'running';
  return {
    entries,
    unitDates: calendar.units.map((unit) => ({ startDate: unit.startDate, endDate: unit.endDate })),
    phase,
    current,
    startDate,
    endDate: calendar.endDate,
  };
}

/** "Mon 6 Jan – Sun 12 Jan 2025"; the year once when both dates share it. */
export function formatDateRange(start: Date, end: Date): string {
  const first = formatCalendarDate(start);
  const last = formatCalendarDate(end);
  if (start.getUTCFullYear() === end.getUTCFullYear()) return `${first.replace(/ \d{4}$/, '')} – ${last}`;
  return `${first} – ${last}`;
}

const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', timeZone: 'UTC' });
const SHORT_DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const SHORT_FULL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** The table of contents' form: "9–15 Nov", "30 Nov – 6 Dec", "28 Dec 2026 – 3 Jan 2027". */
export function formatShortDateRange(start: Date, end: Date): string {
  if (start.getUTCFullYear() !== end.getUTCFullYear()) return `${SHORT_FULL.format(start)} – ${SHORT_FULL.format(end)}`;
  if (start.getUTCMonth() !== end.getUTCMonth()) return `${SHORT_DAY_MONTH.format(start)} – ${SHORT_DAY_MONTH.format(end)}`;
  return `${SHORT_DAY.format(start)}–${SHORT_DAY_MONTH.format(end)}`;
}
