import { describe, expect, it } from 'vitest';
import { sumReadingTime } from '@/lib/reading-time';
import { compareStatedTotal, describeItemTime, groupSections, totalSection } from '@/lib/syllabus-totals';

const item = (minutes: number | null, optional = false) => ({ minutes, optional });
const section = (overrides: Partial<{ kind: string; group: string | null; statedText: string | null; statedMinutes: number | null; items: { minutes: number | null; optional: boolean }[] }>) => ({
  kind: 'CORE',
  group: null,
  statedText: null,
  statedMinutes: null,
  items: [item(20), item(30)],
  ...overrides,
});

describe('totalSection', () => {
  it('adds up the required readings and compares them with the stated total', () => {
    const totalled = totalSection(section({ statedText: '50 mins', statedMinutes: 50 }));
    expect(totalled.computedMinutes).toBe(50);
    expect(totalled.stated).toEqual({ text: '50 mins', agrees: true });
  });

  it('counts optional readings only in an all-optional section', () => {
    expect(totalSection(section({ items: [item(20), item(30, true)] })).computedMinutes).toBe(20);
    expect(totalSection(section({ kind: 'OPTIONAL', items: [item(20), item(30, true)] })).computedMinutes).toBe(50);
    expect(totalSection(section({ items: [item(30, true), item(15, true)] })).computedMinutes).toBe(45);
  });

  it('reads bounds in the stated total: "< 200 mins" holds for less, "30+ mins" for more', () => {
    expect(totalSection(section({ statedText: '< 200 mins', statedMinutes: 200 })).stated?.agrees).toBe(true);
    expect(totalSection(section({ statedText: '< 40 mins', statedMinutes: 40 })).stated?.agrees).toBe(false);
    expect(totalSection(section({ statedText: '30+ mins', statedMinutes: 30 })).stated?.agrees).toBe(true);
    expect(totalSection(section({ statedText: '70 mins', statedMinutes: 70 })).stated).toEqual({ text: '70 mins', agrees: false });
  });

  it('has no stated total when the syllabus gives none', () => {
    expect(totalSection(section({})).stated).toBeNull();
  });

  it('falls back to the stated minutes when the text was not kept', () => {
    expect(compareStatedTotal(null, 50, 50)).toEqual({ text: '50 min', agrees: true });
    expect(compareStatedTotal(null, 90, 50)).toEqual({ text: '1 h 30 min', agrees: false });
  });
});

describe('groupSections', () => {
  const sections = [
    { id: 'a', group: 'Core Content: (125 min)', computedMinutes: 75 },
    { id: 'b', group: 'Core Content: (125 min)', computedMinutes: 50 },
    { id: 'c', group: null, computedMinutes: 30 },
    { id: 'd', group: 'Optional Content (< 50 mins)', computedMinutes: 60 },
  ];

  it('wraps consecutive sections of one group, with the group total and its stated one', () => {
    const blocks = groupSections(sections);
    expect(blocks.map((block) => block.type)).toEqual(['group', 'section', 'group']);
    const [core, , optional] = blocks;
    expect(core).toMatchObject({ title: 'Core Content', computedMinutes: 125, stated: { text: '125 min', agrees: true } });
    expect(core?.type === 'group' && core.sections.map((s) => s.id)).toEqual(['a', 'b']);
    expect(optional).toMatchObject({ title: 'Optional Content', computedMinutes: 60, stated: { text: '< 50 mins', agrees: false } });
  });

  it('keeps a group heading without a stated total, with no comparison', () => {
    const [block] = groupSections([{ id: 'a', group: 'Core Content:', computedMinutes: 10 }]);
    expect(block).toMatchObject({ type: 'group', title: 'Core Content', stated: null });
  });
});

describe('week totals', () => {
  it('splits core and optional minutes and counts readings without an estimate', () => {
    const total = sumReadingTime([
      { kind: 'CORE', items: [item(20), item(null), item(10, true)] },
      { kind: 'OPTIONAL', items: [item(45)] },
    ]);
    expect(total).toEqual({ requiredMinutes: 20, optionalMinutes: 55, unestimatedCount: 1 });
  });
});

describe('describeItemTime', () => {
  it.each([
    [{ minutes: 90, minutesText: '1hr 30 min' }, '1 h 30 min'],
    [{ minutes: 25, minutesText: '25 mins' }, '25 min'],
    [{ minutes: 135, minutesText: '2h 15min' }, '2 h 15 min'],
    [{ minutes: 120, minutesText: '2h' }, '2 h'],
    [{ minutes: 30, minutesText: '30+ mins' }, '30+ mins'],
    [{ minutes: 20, minutesText: '20-30 min' }, '20-30 min'],
    [{ minutes: 20, minutesText: null }, '20 min'],
    [{ minutes: null, minutesText: null }, 'No time estimate'],
  ])('%j -> %s', (reading, expected) => {
    expect(describeItemTime(reading)).toBe(expected);
  });
});
