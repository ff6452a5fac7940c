import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatMinutes, formatTimeZone, formatWeekLabel, pluralize } from '@/lib/format';
import { sumReadingTime, sumSectionMinutes } from '@/lib/reading-time';

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [5, '5 min'],
    [45, '45 min'],
    [60, '1 h'],
    [105, '1 h 45 min'],
    [120, '2 h'],
    [601, '10 h 1 min'],
  ])('%i -> %s', (minutes, expected) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });

  it('never shows negative or fractional minutes', () => {
    expect(formatMinutes(-10)).toBe('0 min');
    expect(formatMinutes(59.6)).toBe('1 h');
  });
});

describe('formatCalendarDate', () => {
  it('shows the stored calendar day, whatever the server time zone', () => {
    expect(formatCalendarDate(new Date('2025-01-06T00:00:00.000Z'))).toBe('Mon 6 Jan 2025');
  });
});

describe('formatTimeZone', () => {
  it('names the zone with its abbreviation at that date', () => {
    expect(formatTimeZone('UTC', new Date('2025-01-06T00:00:00Z'))).toBe('UTC');
    expect(formatTimeZone('Europe/London', new Date('2025-07-01T12:00:00Z'))).toBe('Europe/London (BST)');
  });

  it('falls back to the name as given for an unknown zone', () => {
    expect(formatTimeZone('Mars/Olympus_Mons')).toBe('Mars/Olympus_Mons');
  });
});

describe('formatWeekLabel', () => {
  it('labels single, spanning and unnumbered weeks', () => {
    expect(formatWeekLabel({ number: 3, span: 1 })).toBe('Week 3');
    expect(formatWeekLabel({ number: 2, span: 2 })).toBe('Weeks 2–3');
    expect(formatWeekLabel({ number: null, span: 1 })).toBeNull();
  });
});

describe('pluralize', () => {
  it('uses the singular only for one', () => {
    expect(pluralize(1, 'week')).toBe('1 week');
    expect(pluralize(0, 'week')).toBe('0 weeks');
    expect(pluralize(8, 'week')).toBe('8 weeks');
  });
});

describe('reading time', () => {
  const core = {
    kind: 'CORE',
    items: [
      { minutes: 30, optional: false },
      { minutes: 20, optional: true },
      { minutes: null, optional: false },
    ],
  };
  const optional = { kind: 'OPTIONAL', items: [{ minutes: 15, optional: false }] };

  it('splits required and optional minutes and counts readings without an estimate', () => {
    expect(sumReadingTime([core, optional])).toEqual({ requiredMinutes: 30, optionalMinutes: 35, unestimatedCount: 1 });
  });

  it('sums a section as its stated total would: required readings, or all in an optional section', () => {
    expect(sumSectionMinutes(core)).toBe(30);
    expect(sumSectionMinutes(optional)).toBe(15);
    expect(sumSectionMinutes({ kind: 'OTHER', items: [{ minutes: 10, optional: true }] })).toBe(10);
  });
});
