import { describe, expect, it } from 'vitest';
import { buildCohortSchedule, formatDateRange } from '@/features/syllabus/cohort-schedule';

const weeks = [{ span: 1 }, { span: 2 }, { span: 1 }];
const cohort = { startDate: '2027-01-04', timeZone: 'America/Los_Angeles', skippedWeeks: [3] };
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe('buildCohortSchedule', () => {
  it('dates each unit, spans included, and shows skipped weeks as breaks', () => {
    const schedule = buildCohortSchedule(cohort, weeks, new Date('2027-01-05T12:00:00Z'));
    expect(schedule.entries.map((entry) => [entry.type, iso(entry.startDate), iso(entry.endDate)])).toEqual([
      ['unit', '2027-01-04', '2027-01-10'],
      ['unit', '2027-01-11', '2027-01-24'],
      ['break', '2027-01-25', '2027-01-31'],
      ['unit', '2027-02-01', '2027-02-07'],
    ]);
    expect(schedule.phase).toBe('running');
    expect(schedule.current).toMatchObject({ type: 'unit', unitIndex: 0 });
  });

  it('finds the current unit in the cohort’s time zone, not UTC', () => {
    // Sunday 24 Jan, 8 pm in California is already Monday in UTC: still the two-week unit.
    const schedule = buildCohortSchedule(cohort, weeks, new Date('2027-01-25T04:00:00Z'));
    expect(schedule.current).toMatchObject({ type: 'unit', unitIndex: 1 });
  });

  it('knows a break, the time before the start and after the end', () => {
    expect(buildCohortSchedule(cohort, weeks, new Date('2027-01-27T12:00:00Z')).phase).toBe('break');
    expect(buildCohortSchedule(cohort, weeks, new Date('2026-12-30T12:00:00Z')).phase).toBe('before');
    const after = buildCohortSchedule(cohort, weeks, new Date('2027-03-01T12:00:00Z'));
    expect(after.phase).toBe('after');
    expect(after.current).toBeNull();
    expect(buildCohortSchedule(cohort, [], new Date()).phase).toBe('empty');
  });
});

describe('formatDateRange', () => {
  it('names the year once within a year, twice across years', () => {
    expect(formatDateRange(new Date('2027-01-04T00:00:00Z'), new Date('2027-01-10T00:00:00Z'))).toBe('Mon 4 Jan – Sun 10 Jan 2027');
    expect(formatDateRange(new Date('2026-12-28T00:00:00Z'), new Date('2027-01-03T00:00:00Z'))).toBe('Mon 28 Dec 2026 – Sun 3 Jan 2027');
  });
});
