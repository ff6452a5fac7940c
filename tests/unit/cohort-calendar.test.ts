import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildCohortCalendar,
  calendarDateInZone,
  findNextMeeting,
  isValidTimeZone,
  listMeetingDates,
  listSelectableWeeks,
  locateCurrentUnit,
  parseIsoDate,
  toIsoDate,
  zonedDateTimeToInstant,
} from '@/lib/cohort-calendar';
import { cohortWeekNumber, locateCurriculumWeek } from '@/lib/cohort-week';

const date = (iso: string) => parseIsoDate(iso)!;
const iso = (value: Date | null | undefined) => (value ? toIsoDate(value) : null);
const MONDAY = date('2027-03-01'); // Mon 1 Mar 2027

describe('calendar dates', () => {
  it('parses only real YYYY-MM-DD dates', () => {
    expect(iso(parseIsoDate('2027-03-01'))).toBe('2027-03-01');
    expect(parseIsoDate('2027-02-30')).toBeNull();
    expect(parseIsoDate('2027-3-1')).toBeNull();
    expect(parseIsoDate('01/03/2027')).toBeNull();
    expect(parseIsoDate('')).toBeNull();
  });

  it('adds days across month and year ends', () => {
    expect(iso(addDays(date('2027-12-30'), 3))).toBe('2028-01-02');
    expect(iso(addDays(date('2027-03-01'), -1))).toBe('2027-02-28');
  });

  it('knows IANA zones and refuses anything else', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('America/Los_Angeles')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('reads today in the cohort zone, not in UTC', () => {
    // 06:30 UTC on Monday is still Sunday evening in Los Angeles.
    const instant = new Date('2027-03-08T06:30:00Z');
    expect(iso(calendarDateInZone(instant, 'America/Los_Angeles'))).toBe('2027-03-07');
    expect(iso(calendarDateInZone(instant, 'UTC'))).toBe('2027-03-08');
    expect(iso(calendarDateInZone(instant, 'Asia/Tokyo'))).toBe('2027-03-08');
  });

  it('turns a local wall time into the right instant, across DST changes', () => {
    // Los Angeles: PST (UTC−8) until 14 Mar 2027, PDT (UTC−7) after.
    expect(zonedDateTimeToInstant(date('2027-03-09'), '18:00', 'America/Los_Angeles')?.toISOString()).toBe('2027-03-10T02:00:00.000Z');
    expect(zonedDateTimeToInstant(date('2027-03-16'), '18:00', 'America/Los_Angeles')?.toISOString()).toBe('2027-03-17T01:00:00.000Z');
    expect(zonedDateTimeToInstant(date('2027-07-01'), '09:30', 'Europe/London')?.toISOString()).toBe('2027-07-01T08:30:00.000Z');
    expect(zonedDateTimeToInstant(date('2027-07-01'), '09:30', 'UTC')?.toISOString()).toBe('2027-07-01T09:30:00.000Z');
    expect(zonedDateTimeToInstant(date('2027-07-01'), 'noon', 'UTC')).toBeNull();
  });
});

describe('buildCohortCalendar', () => {
  it('gives each one-week unit its own week from the start date', () => {
    const calendar = buildCohortCalendar({ startDate: MONDAY, skippedWeeks: [] }, [{ span: 1 }, { span: 1 }, { span: 1 }]);
    expect(calendar.units.map((unit) => [iso(unit.startDate), iso(unit.endDate), unit.firstTeachingWeek])).toEqual([
      ['2027-03-01', '2027-03-07', 1],
      ['2027-03-08', '2027-03-14', 2],
      ['2027-03-15', '2027-03-21', 3],
    ]);
    expect(calendar.totalTeachingWeeks).toBe(3);
    expect(iso(calendar.endDate)).toBe('2027-03-21');
  });

  it('gives a unit that spans two weeks two calendar weeks', () => {
    const calendar = buildCohortCalendar({ startDate: MONDAY, skippedWeeks: [] }, [{ span: 1 }, { span: 2 }, { span: 1 }]);
    expect(calendar.units.map((unit) => [iso(unit.startDate), iso(unit.endDate), unit.calendarWeeks, unit.firstTeachingWeek])).toEqual([
      ['2027-03-01', '2027-03-07', [0], 1],
      ['2027-03-08', '2027-03-21', [1, 2], 2],
      ['2027-03-22', '2027-03-28', [3], 4],
    ]);
    expect(calendar.totalTeachingWeeks).toBe(4);
  });

  it('moves everything after a skipped week one week later', () => {
    const calendar = buildCohortCalendar({ startDate: MONDAY, skippedWeeks: [1] }, [{ span: 1 }, { span: 1 }, { span: 1 }]);
    expect(calendar.units.map((unit) => iso(unit.startDate))).toEqual(['2027-03-01', '2027-03-15', '2027-03-22']);
    expect(calendar.weeks.map((week) => [week.index, week.skipped, week.unitIndex, week.teachingWeek])).toEqual([
      [0, false, 0, 1],
      [1, true, null, null],
      [2, false, 1, 2],
      [3, false, 2, 3],
    ]);
  });

  it('stretches a two-week unit over a skipped week inside it', () => {
    const calendar = buildCohortCalendar({ startDate: MONDAY, skippedWeeks: [2] }, [{ span: 1 }, { span: 2 }, { span: 1 }]);
    expect(calendar.units[1]).toMatchObject({ calendarWeeks: [1, 3] });
    expect(iso(calendar.units[1]!.startDate)).toBe('2027-03-08');
    expect(iso(calendar.units[1]!.endDate)).toBe('2027-03-28');
    expect(iso(calendar.units[2]!.startDate)).toBe('2027-03-29');
  });

  it('skips week 0 too, and ignores skipped weeks after the end and duplicates', () => {
    const calendar = buildCohortCalendar({ startDate: MONDAY, skippedWeeks: [0, 0, 9] }, [{ span: 1 }, { span: 1 }]);
    expect(calendar.units.map((unit) => iso(unit.startDate))).toEqual(['2027-03-08', '2027-03-15']);
    expect(calendar.weeks).toHaveLength(3);
    expect(iso(calendar.endDate)).toBe('2027-03-21');
  });

  it('works from a start date that is not a Monday', () => {
    const calendar = buildCohortCalendar({ startDate: date('2027-03-03'), skippedWeeks: [] }, [{ span: 1 }, { span: 1 }]);
    expect(calendar.units.map((unit) => [iso(unit.startDate), iso(unit.endDate)])).toEqual([
      ['2027-03-03', '2027-03-09'],
      ['2027-03-10', '2027-03-16'],
    ]);
  });

  it('has no units and no end for an empty curriculum', () => {
    const calendar = buildCohortCalendar({ startDate: MONDAY, skippedWeeks: [1] }, []);
    expect(calendar).toMatchObject({ units: [], weeks: [], totalTeachingWeeks: 0, endDate: null });
  });

  it('lists the weeks an admin may skip, a few beyond the end and every skipped one', () => {
    const weeks = listSelectableWeeks({ startDate: MONDAY, skippedWeeks: [1, 12] }, [{ span: 1 }, { span: 1 }], 2);
    expect(weeks.map((week) => [week.index, week.skipped])).toEqual([
      [0, false],
      [1, true],
      [2, false],
      ...Array.from({ length: 10 }, (_, k) => [k + 3, k + 3 === 12]),
    ]);
  });
});

describe('locateCurrentUnit', () => {
  const units = [{ span: 1 }, { span: 2 }, { span: 1 }];
  const settings = { startDate: MONDAY, skippedWeeks: [] as number[], timeZone: 'America/Los_Angeles' };

  it('shows the first unit before the start', () => {
    expect(locateCurrentUnit(settings, units, new Date('2027-02-20T12:00:00Z'))).toMatchObject({
      phase: 'before',
      unitIndex: 0,
      teachingWeek: null,
      totalTeachingWeeks: 4,
    });
  });

  it('counts Sunday 23:30 in Los Angeles as the week that is ending there', () => {
    // Sun 7 Mar 2027, 23:30 PST = Mon 8 Mar, 07:30 UTC: still week 1 in the cohort.
    const lateSunday = new Date('2027-03-08T07:30:00Z');
    expect(locateCurrentUnit(settings, units, lateSunday)).toMatchObject({ phase: 'running', unitIndex: 0, teachingWeek: 1, calendarWeek: 0 });
    // The same moment for a cohort in London is already Monday of week 2.
    expect(locateCurrentUnit({ ...settings, timeZone: 'Europe/London' }, units, lateSunday)).toMatchObject({ unitIndex: 1, teachingWeek: 2 });
    // Half an hour later in Los Angeles, week 2 begins.
    expect(locateCurrentUnit(settings, units, new Date('2027-03-08T08:00:00Z'))).toMatchObject({ unitIndex: 1, teachingWeek: 2 });
  });

  it('keeps a two-week unit current for both weeks', () => {
    const inThirdWeek = new Date('2027-03-17T20:00:00Z');
    const current = locateCurrentUnit(settings, units, inThirdWeek)!;
    expect(current).toMatchObject({ phase: 'running', unitIndex: 1, teachingWeek: 3 });
    expect(iso(current.unitStartDate)).toBe('2027-03-08');
    expect(iso(current.unitEndDate)).toBe('2027-03-21');
  });

  it('shows a skipped week as a break before the next unit', () => {
    const current = locateCurrentUnit({ ...settings, skippedWeeks: [1] }, units, new Date('2027-03-10T20:00:00Z'))!;
    expect(current).toMatchObject({ phase: 'break', unitIndex: 1, teachingWeek: null });
    expect(iso(current.unitStartDate)).toBe('2027-03-15');
  });

  it('shows the last unit after the end', () => {
    expect(locateCurrentUnit(settings, units, new Date('2027-06-01T12:00:00Z'))).toMatchObject({ phase: 'after', unitIndex: 2 });
    expect(locateCurrentUnit(settings, [], new Date())).toBeNull();
  });
});

describe('meetings', () => {
  const units = [{ span: 1 }, { span: 2 }, { span: 1 }];

  it('puts a Tuesday 18:00 meeting in each syllabus week, in the cohort zone', () => {
    const calendar = buildCohortCalendar({ startDate: MONDAY, skippedWeeks: [] }, units);
    const meetings = listMeetingDates(calendar, { meetingDay: 2, meetingTime: '18:00', meetingMinutes: 90 }, 1, 'America/Los_Angeles');
    expect(meetings.map((meeting) => [meeting.teachingWeek, meeting.unitIndex, iso(meeting.date)])).toEqual([
      [1, 0, '2027-03-02'],
      [2, 1, '2027-03-09'],
      [3, 1, '2027-03-16'],
      [4, 2, '2027-03-23'],
    ]);
    expect(meetings[0]!.startsAt?.toISOString()).toBe('2027-03-03T02:00:00.000Z');
    expect(meetings[0]!.endsAt?.toISOString()).toBe('2027-03-03T03:30:00.000Z');
    // After the switch to daylight saving time, 18:00 is an hour earlier in UTC.
    expect(meetings[2]!.startsAt?.toISOString()).toBe('2027-03-17T01:00:00.000Z');
  });

  it('has no meeting in a skipped week and honours the cadence', () => {
    const calendar = buildCohortCalendar({ startDate: MONDAY, skippedWeeks: [1] }, units);
    const weekly = listMeetingDates(calendar, { meetingDay: 1, meetingTime: null, meetingMinutes: 60 }, 1, 'UTC');
    expect(weekly.map((meeting) => iso(meeting.date))).toEqual(['2027-03-01', '2027-03-15', '2027-03-22', '2027-03-29']);
    expect(weekly[0]!.startsAt).toBeNull();
    const fortnightly = listMeetingDates(calendar, { meetingDay: 1, meetingTime: '10:00', meetingMinutes: 60 }, 2, 'UTC');
    expect(fortnightly.map((meeting) => [meeting.teachingWeek, iso(meeting.date)])).toEqual([
      [1, '2027-03-01'],
      [3, '2027-03-22'],
    ]);
  });

  it('places a meeting day before the start weekday later in that calendar week', () => {
    // Start on a Wednesday; a Monday meeting falls on the Monday of each calendar week's second half.
    const calendar = buildCohortCalendar({ startDate: date('2027-03-03'), skippedWeeks: [] }, [{ span: 1 }]);
    const meetings = listMeetingDates(calendar, { meetingDay: 1, meetingTime: '09:00', meetingMinutes: 60 }, 1, 'UTC');
    expect(meetings.map((meeting) => iso(meeting.date))).toEqual(['2027-03-08']);
  });

  it('has none without a meeting day, and finds the next one', () => {
    const calendar = buildCohortCalendar({ startDate: MONDAY, skippedWeeks: [] }, units);
    expect(listMeetingDates(calendar, { meetingDay: null, meetingTime: '18:00', meetingMinutes: 90 }, 1, 'UTC')).toEqual([]);
    const meetings = listMeetingDates(calendar, { meetingDay: 2, meetingTime: '18:00', meetingMinutes: 90 }, 1, 'UTC');
    expect(iso(findNextMeeting(meetings, new Date('2027-03-02T19:00:00Z'), 'UTC')?.date)).toBe('2027-03-02'); // under way
    expect(iso(findNextMeeting(meetings, new Date('2027-03-02T19:31:00Z'), 'UTC')?.date)).toBe('2027-03-09');
    expect(findNextMeeting(meetings, new Date('2027-04-01T00:00:00Z'), 'UTC')).toBeNull();
  });
});

describe('cohort-week (the cohort home page)', () => {
  it('numbers calendar weeks from 1 in the cohort zone', () => {
    expect(cohortWeekNumber(MONDAY, 'America/Los_Angeles', new Date('2027-03-08T07:30:00Z'))).toBe(1);
    expect(cohortWeekNumber(MONDAY, 'UTC', new Date('2027-03-08T07:30:00Z'))).toBe(2);
    expect(cohortWeekNumber(MONDAY, 'UTC', new Date('2027-02-28T12:00:00Z'))).toBe(0);
  });

  it('agrees with the calendar on spans and skipped weeks', () => {
    const weeks = [{ span: 1 }, { span: 2 }, { span: 1 }];
    expect(locateCurriculumWeek(weeks, 0)).toEqual({ index: 0, phase: 'before', totalWeeks: 4 });
    expect(locateCurriculumWeek(weeks, 3)).toEqual({ index: 1, phase: 'running', totalWeeks: 4 });
    expect(locateCurriculumWeek(weeks, 4, [1])).toEqual({ index: 1, phase: 'running', totalWeeks: 4 });
    expect(locateCurriculumWeek(weeks, 2, [1])).toEqual({ index: 1, phase: 'break', totalWeeks: 4 });
    expect(locateCurriculumWeek(weeks, 6, [1])).toEqual({ index: 2, phase: 'after', totalWeeks: 4 });
    expect(locateCurriculumWeek([], 1)).toBeNull();
  });
});
