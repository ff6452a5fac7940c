// Which week of its syllabus a cohort is in. Week 1 begins on the cohort's start date, a
// calendar date in the cohort's time zone; "today" is read in that zone too, so a cohort in
// California does not move to next week at 4 pm on Sunday because UTC has.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Today's calendar date in `timeZone`, as UTC midnight (how a SQL `date` reads back). */
export function calendarDateInZone(now: Date, timeZone: string): Date {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(now);
  } catch {
    // An unknown zone (bad data) should not take the page down: fall back to UTC.
    parts = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(now);
  }
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
}

/** floor((today − startDate) / 7) + 1: 1 in the first seven days, 0 or less before the start. */
export function cohortWeekNumber(startDate: Date, timeZone: string, now: Date = new Date()): number {
  const today = calendarDateInZone(now, timeZone);
  const start = Date.UTC(startDate.getUTCFullYear(), startDate.getUTCMonth(), startDate.getUTCDate());
  const days = Math.round((today.getTime() - start) / DAY_MS);
  return Math.floor(days / 7) + 1;
}

export type WeekPhase = 'before' | 'running' | 'after';

export type LocatedWeek = {
  /** Index into the curriculum's weeks (ordered by position), clamped to them. */
  index: number;
  phase: WeekPhase;
  /** Calendar weeks the curriculum spans (a unit over weeks 2 and 3 counts twice). */
  totalWeeks: number;
};

/**
 * The curriculum unit that covers calendar week `weekNumber`. Before the start that is the
 * first unit, after the end the last; null when the curriculum has no weeks.
 */
export function locateCurriculumWeek(weeks: { span: number }[], weekNumber: number): LocatedWeek | null {
  if (weeks.length === 0) return null;
  const totalWeeks = weeks.reduce((sum, week) => sum + Math.max(1, week.span), 0);
  if (weekNumber < 1) return { index: 0, phase: 'before', totalWeeks };
  if (weekNumber > totalWeeks) return { index: weeks.length - 1, phase: 'after', totalWeeks };
  let end = 0;
  for (const [index, week] of weeks.entries()) {
    end += Math.max(1, week.span);
    if (weekNumber <= end) return { index, phase: 'running', totalWeeks };
  }
  return { index: weeks.length - 1, phase: 'after', totalWeeks };
}

/** The calendar date week `weekNumber` begins, as UTC midnight. */
export function weekStartDate(startDate: Date, weekNumber: number): Date {
  const start = Date.UTC(startDate.getUTCFullYear(), startDate.getUTCMonth(), startDate.getUTCDate());
  return new Date(start + (weekNumber - 1) * 7 * DAY_MS);
}
