// Counting a fellow's readings: core and optional apart, minutes left only for core readings
// not done, readings without an estimate counted rather than guessed.
import { describe, expect, it } from 'vitest';
import { isUnitOver } from '@/lib/cohort-calendar';
import { countReadings, percentDone } from '@/lib/reading-progress';

const readings = [
  { id: 'a', core: true, minutes: 10 },
  { id: 'b', core: true, minutes: 20 },
  { id: 'c', core: true, minutes: null },
  { id: 'd', core: false, minutes: 15 },
];

describe('countReadings', () => {
  it('counts core and optional readings apart', () => {
    const done = new Set(['a', 'd']);
    expect(countReadings(readings, (id) => done.has(id))).toEqual({
      coreDone: 1,
      coreTotal: 3,
      optionalDone: 1,
      optionalTotal: 1,
      minutesLeft: 20,
      unestimatedLeft: 1,
    });
  });

  it('has nothing left when every core reading is done, optional or not', () => {
    const done = new Set(['a', 'b', 'c']);
    expect(countReadings(readings, (id) => done.has(id))).toMatchObject({ coreDone: 3, minutesLeft: 0, unestimatedLeft: 0, optionalDone: 0 });
  });

  it('gives percentages rounded down, and 0 for nothing to do', () => {
    expect(percentDone(2, 3)).toBe(66);
    expect(percentDone(3, 3)).toBe(100);
    expect(percentDone(0, 0)).toBe(0);
  });
});

describe('isUnitOver', () => {
  const week = { endDate: new Date('2027-03-07T00:00:00Z') }; // a Sunday
  it('reads the day in the cohort’s time zone', () => {
    // 23:30 on Sunday in Los Angeles is Monday in UTC: the week is not over there yet.
    expect(isUnitOver(week, 'America/Los_Angeles', new Date('2027-03-08T07:30:00Z'))).toBe(false);
    expect(isUnitOver(week, 'UTC', new Date('2027-03-08T07:30:00Z'))).toBe(true);
    expect(isUnitOver(week, 'America/Los_Angeles', new Date('2027-03-08T08:30:00Z'))).toBe(true);
  });
});
