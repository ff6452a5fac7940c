// A cohort's calendar: which dates each syllabus unit covers, which unit is running at a given
// moment, and when each group meets. Pure, so the server, the settings form (which previews
// skipped weeks as they are ticked) and the tests all compute the same dates.
//
// Calendar dates are Dates at UTC midnight, the way PostgreSQL `date` columns read back; they
// name a day in the cohort's time zone and are never converted. Calendar week k (from 0) is
// the seven days from startDate + 7k. Units take consecutive calendar weeks that are not
// skipped: a unit spanning two weeks takes two, and a skipped week pushes everything after it
// one week later (a skipped week inside a two-week unit stretches that unit).

const DAY_MS = 24 * 60 * 60 * 1000;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

// ---------------------------------------------------------------------------
// Calendar dates and time zones
// ---------------------------------------------------------------------------

/** "2027-03-01" -> that day at UTC midnight; null for anything that is not a real date. */
export function parseIsoDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2027-02-30 over to March: a date that does not round-trip is not real.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** A calendar date -> "2027-03-01". */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The calendar date `days` after `date` (before, when negative). */
export function addDays(date: Date, days: number): Date {
  return new Date(startOfDay(date) + days * DAY_MS);
}

/** Whole days from `from` to `to`, both calendar dates. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((startOfDay(to) - startOfDay(from)) / DAY_MS);
}

function startOfDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** True for an IANA zone this runtime knows ("Europe/London", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `instant` in `timeZone`, as if that reading were UTC. */
function wallClock(instant: Date, timeZone: string): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = zoneFormatter(timeZone).formatToParts(instant);
  } catch {
    // An unknown zone (bad data) should not take a page down: read it as UTC.
    parts = zoneFormatter('UTC').formatToParts(instant);
  }
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour') % 24, part('minute'), part('second'));
}

/** "HH:MM" on the clocks of `timeZone` at `instant`. */
export function wallClockTime(instant: Date, timeZone: string): string {
  const clock = new Date(wallClock(instant, timeZone));
  return `${String(clock.getUTCHours()).padStart(2, '0')}:${String(clock.getUTCMinutes()).padStart(2, '0')}`;
}

/** Today's calendar date in `timeZone` at `now`, as UTC midnight. */
export function calendarDateInZone(now: Date, timeZone: string): Date {
  const clock = new Date(wallClock(now, timeZone));
  return new Date(Date.UTC(clock.getUTCFullYear(), clock.getUTCMonth(), clock.getUTCDate()));
}

/**
 * The instant at which the clocks in `timeZone` read `time` ("18:00") on calendar date `date`.
 * In the hour a spring-forward skips, the result is the same wall time after the jump.
 */
export function zonedDateTimeToInstant(date: Date, time: string, timeZone: string): Date | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return null;
  const local = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), Number(match[1]), Number(match[2]));
  // Offset at a first guess, then again at the corrected instant (they differ across a DST change).
  const firstOffset = wallClock(new Date(local), timeZone) - local;
  let instant = local - firstOffset;
  const secondOffset = wallClock(new Date(instant), timeZone) - instant;
  if (secondOffset !== firstOffset) instant = local - secondOffset;
  return new Date(instant);
}

// ---------------------------------------------------------------------------
// Units on the calendar
// ---------------------------------------------------------------------------

export type CalendarSettings = {
  startDate: Date;
  /** Calendar weeks to skip, 0 = the week that begins on startDate. */
  skippedWeeks: readonly number[];
};

export type ScheduledUnit = {
  /** Index into the units as given (the curriculum's weeks by position). */
  index: number;
  /** The calendar weeks (from 0) the unit takes, in order. */
  calendarWeeks: number[];
  /** The syllabus week (from 1, counting only weeks that are not skipped) the unit begins in. */
  firstTeachingWeek: number;
  startDate: Date;
  /** The unit's last day, inclusive. */
  endDate: Date;
};

export type CalendarWeek = {
  /** From 0. */
  index: number;
  startDate: Date;
  endDate: Date;
  skipped: boolean;
  /** The unit taught this week; null for a skipped week. */
  unitIndex: number | null;
  /** From 1; null for a skipped week. */
  teachingWeek: number | null;
};

export type CohortCalendar = {
  units: ScheduledUnit[];
  /** Every calendar week from 0 through the last unit's, skipped ones included. */
  weeks: CalendarWeek[];
  /** Weeks of teaching: the units' spans added up. */
  totalTeachingWeeks: number;
  /** The last unit's last day; null when there are no units. */
  endDate: Date | null;
};

export function weekStart(startDate: Date, calendarWeek: number): Date {
  return addDays(startDate, calendarWeek * 7);
}

/** Lays the units out on the calendar weeks from startDate, around the skipped weeks. */
export function buildCohortCalendar(settings: CalendarSettings, units: readonly { span: number }[]): CohortCalendar {
  const skipped = new Set(settings.skippedWeeks.filter((week) => Number.isInteger(week) && week >= 0));
  const scheduled: ScheduledUnit[] = [];
  const weeks: CalendarWeek[] = [];
  let calendarWeek = 0;
  let teachingWeek = 0;

  const pushWeek = (unitIndex: number | null) => {
    const startDate = weekStart(settings.startDate, calendarWeek);
    weeks.push({
      index: calendarWeek,
      startDate,
      endDate: addDays(startDate, 6),
      skipped: unitIndex === null,
      unitIndex,
      teachingWeek: unitIndex === null ? null : teachingWeek,
    });
    calendarWeek += 1;
  };

  for (const [index, unit] of units.entries()) {
    const span = Math.max(1, Math.floor(unit.span) || 1);
    const calendarWeeks: number[] = [];
    let firstTeachingWeek = 0;
    while (calendarWeeks.length < span) {
      // A skipped week before a unit (or inside one) is a week off.
      while (skipped.has(calendarWeek)) pushWeek(null);
      teachingWeek += 1;
      if (calendarWeeks.length === 0) firstTeachingWeek = teachingWeek;
      calendarWeeks.push(calendarWeek);
      pushWeek(index);
    }
    scheduled.push({
      index,
      calendarWeeks,
      firstTeachingWeek,
      startDate: weekStart(settings.startDate, calendarWeeks[0]!),
      endDate: addDays(weekStart(settings.startDate, calendarWeeks.at(-1)!), 6),
    });
  }

  return {
    units: scheduled,
    weeks,
    totalTeachingWeeks: teachingWeek,
    endDate: scheduled.at(-1)?.endDate ?? null,
  };
}

/**
 * The calendar weeks an admin may choose to skip: those of the current layout plus a few
 * after it, so a week can be skipped even where the layout would push units into it.
 */
export function listSelectableWeeks(settings: CalendarSettings, units: readonly { span: number }[], extra = 4): CalendarWeek[] {
  const calendar = buildCohortCalendar(settings, units);
  const weeks = [...calendar.weeks];
  const last = Math.max(calendar.weeks.length + extra, ...settings.skippedWeeks.map((week) => week + 1));
  for (let index = weeks.length; index < last; index++) {
    const startDate = weekStart(settings.startDate, index);
    const skipped = settings.skippedWeeks.includes(index);
    weeks.push({ index, startDate, endDate: addDays(startDate, 6), skipped, unitIndex: null, teachingWeek: null });
  }
  return weeks;
}

// ---------------------------------------------------------------------------
// Where the cohort is now
// ---------------------------------------------------------------------------

export type UnitPhase = 'before' | 'running' | 'break' | 'after';

export type CurrentUnit = {
  phase: UnitPhase;
  /**
   * The unit to show: the first before the start, the one running, the next one during a
   * skipped week, the last after the end.
   */
  unitIndex: number;
  /** The calendar week (from 0) `now` falls in; negative before the start. */
  calendarWeek: number;
  /** The syllabus week (from 1) running now; null before, during a break and after. */
  teachingWeek: number | null;
  totalTeachingWeeks: number;
  /** When the unit shown begins and ends. */
  unitStartDate: Date;
  unitEndDate: Date;
};

/** The calendar week (from 0) that `now` falls in, read in the cohort's time zone. */
export function calendarWeekAt(startDate: Date, timeZone: string, now: Date): number {
  return Math.floor(daysBetween(startDate, calendarDateInZone(now, timeZone)) / 7);
}

/**
 * True once a unit's last day is over in the cohort's time zone, so its readings are due. A
 * reading of the week ending on Sunday still belongs to that week at 23:30 that Sunday.
 */
export function isUnitOver(unit: { endDate: Date }, timeZone: string, now: Date): boolean {
  return unit.endDate.getTime() < calendarDateInZone(now, timeZone).getTime();
}

/** Which unit a cohort is in at `now`; null when the curriculum has no units. */
export function locateCurrentUnit(
  settings: CalendarSettings & { timeZone: string },
  units: readonly { span: number }[],
  now: Date,
): CurrentUnit | null {
  const calendar = buildCohortCalendar(settings, units);
  if (calendar.units.length === 0) return null;
  const calendarWeek = calendarWeekAt(settings.startDate, settings.timeZone, now);
  const result = (phase: UnitPhase, unit: ScheduledUnit, teachingWeek: number | null): CurrentUnit => ({
    phase,
    unitIndex: unit.index,
    calendarWeek,
    teachingWeek,
    totalTeachingWeeks: calendar.totalTeachingWeeks,
    unitStartDate: unit.startDate,
    unitEndDate: unit.endDate,
  });

  if (calendarWeek < 0) return result('before', calendar.units[0]!, null);
  const week = calendar.weeks[calendarWeek];
  if (!week) return result('after', calendar.units.at(-1)!, null);
  if (week.unitIndex === null) {
    // A skipped week: show what comes next (there is always a unit after a skipped week in the layout).
    const next = calendar.weeks.slice(calendarWeek).find((candidate) => candidate.unitIndex !== null);
    return result('break', calendar.units[next?.unitIndex ?? calendar.units.length - 1]!, null);
  }
  return result('running', calendar.units[week.unitIndex]!, week.teachingWeek);
}

// ---------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------

export type MeetingSettings = {
  /** 0 = Sunday … 6 = Saturday. */
  meetingDay: number | null;
  /** "HH:MM", local to the cohort. */
  meetingTime: string | null;
  meetingMinutes: number;
};

export type MeetingDate = {
  /** The syllabus week (from 1) of the meeting. */
  teachingWeek: number;
  unitIndex: number;
  /** The calendar date, in the cohort's time zone. */
  date: Date;
  /** The moment it begins and ends; null without a meeting time. */
  startsAt: Date | null;
  endsAt: Date | null;
};

/**
 * A group's meetings: one on its weekday in every `cadenceWeeks`-th syllabus week from the
 * first (skipped weeks have none and do not count). None without a meeting day.
 */
export function listMeetingDates(
  calendar: CohortCalendar,
  group: MeetingSettings,
  cadenceWeeks: number,
  timeZone: string,
): MeetingDate[] {
  if (group.meetingDay === null || group.meetingDay < 0 || group.meetingDay > 6) return [];
  const cadence = Math.max(1, Math.floor(cadenceWeeks) || 1);
  const meetings: MeetingDate[] = [];
  for (const week of calendar.weeks) {
    if (week.teachingWeek === null || week.unitIndex === null) continue;
    if ((week.teachingWeek - 1) % cadence !== 0) continue;
    const date = addDays(week.startDate, (group.meetingDay - week.startDate.getUTCDay() + 7) % 7);
    const startsAt = group.meetingTime ? zonedDateTimeToInstant(date, group.meetingTime, timeZone) : null;
    meetings.push({
      teachingWeek: week.teachingWeek,
      unitIndex: week.unitIndex,
      date,
      startsAt,
      endsAt: startsAt ? new Date(startsAt.getTime() + group.meetingMinutes * 60_000) : null,
    });
  }
  return meetings;
}

/** The first meeting that has not ended by `now` (or, without a time, is not before today). */
export function findNextMeeting(meetings: MeetingDate[], now: Date, timeZone: string): MeetingDate | null {
  const today = calendarDateInZone(now, timeZone);
  return (
    meetings.find((meeting) =>
      meeting.endsAt ? meeting.endsAt.getTime() > now.getTime() : meeting.date.getTime() >= today.getTime(),
    ) ?? null
  );
}
