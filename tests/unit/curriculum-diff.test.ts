// The template-changes diff on plain data: how readings are paired, and what is reported.
import { describe, expect, it } from 'vitest';
import { describeWeek, diffCurricula, matchWeekItems, type DiffCurriculum, type DiffItem, type DiffWeek } from '@/server/services/curriculum-editor/curriculum-diff';

const item = (title: string, url: string | null, extra: Partial<DiffItem> = {}): DiffItem => ({
  kind: 'READING',
  title,
  url,
  minutes: 10,
  minutesText: null,
  optional: false,
  note: null,
  ...extra,
});

const week = (number: number, sections: DiffWeek['sections'], extra: Partial<DiffWeek> = {}): DiffWeek => ({
  number,
  span: 1,
  label: null,
  title: `Topic ${number}`,
  part: null,
  partNotes: null,
  notes: null,
  sections,
  goals: [],
  promptsTitle: null,
  prompts: [],
  ...extra,
});

const section = (title: string, items: DiffItem[]) => ({ title, kind: 'CORE' as const, statedMinutes: null, statedText: null, group: null, items });

const curriculum = (weeks: DiffWeek[]): DiffCurriculum => ({ title: 'Track', description: null, notes: null, weeks });

describe('matchWeekItems', () => {
  it('pairs readings by URL first, then by title, across the week’s sections', () => {
    const copy = week(1, [section('Core', [item('A', 'https://a'), item('B', 'https://b')]), section('Practical', [item('C', null)])]);
    const template = week(1, [
      section('Core', [item('B renamed', 'https://b'), item('C', null)]),
      section('Practical', [item('A', 'https://a-moved'), item('D', 'https://d')]),
    ]);
    const matches = matchWeekItems(copy, template);
    expect(Object.fromEntries(matches)).toEqual({
      '0:0': { section: 0, item: 1 }, // B by URL
      '0:1': { section: 1, item: 0 }, // C by title
      '1:0': { section: 0, item: 0 }, // A by title, its link changed
    });
  });

  it('never pairs one reading twice', () => {
    const copy = week(1, [section('Core', [item('Same', 'https://x')])]);
    const template = week(1, [section('Core', [item('Same', 'https://x'), item('Same', 'https://x')])]);
    expect(matchWeekItems(copy, template).size).toBe(1);
  });
});

describe('diffCurricula', () => {
  it('reports nothing for equal curricula', () => {
    const weeks = [week(1, [section('Core', [item('A', 'https://a')])], { goals: [{ category: 'GENERAL', text: 'Goal' }] })];
    expect(diffCurricula(curriculum(weeks), curriculum(structuredClone(weeks)))).toEqual([]);
  });

  it('names fields with their old and new values', () => {
    const copy = curriculum([week(1, [section('Core', [item('A', 'https://a', { minutes: 10, optional: false })])])]);
    const template = curriculum([week(1, [section('Core', [item('A', 'https://a', { minutes: null, optional: true })])])]);
    expect(diffCurricula(copy, template)).toEqual([
      {
        kind: 'changed',
        entity: 'reading',
        week: 'Week 1: Topic 1',
        section: 'Core',
        title: 'A',
        fields: [
          { field: 'minutes', before: '10', after: '(none)' },
          { field: 'optional', before: 'no', after: 'yes' },
        ],
      },
    ]);
  });

  it('reports reordered readings once, on their section', () => {
    const copy = curriculum([week(1, [section('Core', [item('A', 'https://a'), item('B', 'https://b')])])]);
    const template = curriculum([week(1, [section('Core', [item('B', 'https://b'), item('A', 'https://a')])])]);
    expect(diffCurricula(copy, template)).toEqual([
      expect.objectContaining({ kind: 'changed', entity: 'section', title: 'Core', fields: [{ field: 'order of readings', before: 'A · B', after: 'B · A' }] }),
    ]);
  });

  it('reports weeks added and removed at the end, and goals by text', () => {
    const copy = curriculum([week(1, [], { goals: [{ category: 'GENERAL', text: 'Old goal' }] }), week(2, [])]);
    const template = curriculum([
      week(1, [], { goals: [{ category: 'PRACTICAL', text: 'Old goal' }, { category: 'GENERAL', text: 'New goal' }] }),
    ]);
    const changes = diffCurricula(copy, template).map((change) => `${change.kind} ${change.entity}: ${change.title}`);
    expect(changes).toEqual(['changed goal: Old goal', 'added goal: New goal', 'removed week: Week 2: Topic 2']);
  });
});

describe('describeWeek', () => {
  it('writes the week as the syllabus does', () => {
    expect(describeWeek({ number: 3, span: 1, label: null, title: 'Attention' })).toBe('Week 3: Attention');
    expect(describeWeek({ number: 2, span: 2, label: null, title: 'RL' })).toBe('Weeks 2–3: RL');
    expect(describeWeek({ number: 2, span: 2, label: 'Week 2 and 3', title: 'RL' })).toBe('Week 2 and 3: RL');
    expect(describeWeek({ number: null, span: 1, label: null, title: 'Introduction' })).toBe('Introduction');
  });
});
