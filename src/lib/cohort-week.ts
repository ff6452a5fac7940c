// Which week of its syllabus a cohort is in. Week 1 begins on the cohort's start date, a
// calendar date in the cohort's time zone; "today" is read in that zone too, so a cohort in
// California does not move to next week at 4 pm on Sunday because UTC has. The dates
// themselves come from the cohort calendar (src/lib/cohort-calendar.ts), which knows about
// multi-week units and skipped weeks.
import { buildCohortCalendar, calendarDateInZone, calendarWeekAt, weekStart } from './cohort-calendar';

export { calendarDateInZone };

/** floor((today − startDate) / 7) + 1: 1 in the first seven days, 0 or less before the start. */
export function cohortWeekNumber(startDate: Date, timeZone: string, now: Date = new Date()): number {
  return calendarWeekAt(startDate, timeZone, now) + 1;
}

export type WeekPhase = 'before' | 'running' | 'break' | 'after';

export type LocatedWeek = {
  /** Index into the curriculum's weeks (ordered by position), clamped to them. */
  index: number;
  phase: WeekPhase;
  /** Calendar weeks of teaching (a unit over weeks 2 and 3 counts twice; skipped weeks do not). */
  totalWeeks: number;
};

/**
 * The curriculum unit of calendar week `weekNumber` (from 1). Before the start that is the
 * first unit, after the end the last, in a skipped week the next one; null without weeks.
 */
export function locateCurriculumWeek(
  weeks: { span: number }[],
  weekNumber: number,
  skippedWeeks: readonly number[] = [],
): LocatedWeek | null {
  const calendar = buildCohortCalendar({ startDate: new Date(0), skippedWeeks }, weeks);
  if (calendar.units.length === 0) return null;
  const totalWeeks = calendar.totalTeachingWeeks;
  if (weekNumber < 1) return { index: 0, phase: 'before', totalWeeks };
  const week = calendar.weeks[weekNumber - 1];
  if (!week) return { index: calendar.units.length - 1, phase: 'after', totalWeeks };
  if (week.unitIndex === null) {
    const next = calendar.weeks.slice(weekNumber - 1).find((candidate) => candidate.unitIndex !== null);
    return { index: next?.unitIndex ?? calendar.units.length - 1, phase: 'break', totalWeeks };
  }
  return { index: week.unitIndex, phase: 'running', totalWeeks };
}

/** The calendar date week `weekNumber` (from 1) begins, as UTC midnight. */
export function weekStartDate(startDate: Date, weekNumber: number): Date {
  return weekStart(startDate, weekNumber - 1);
}
