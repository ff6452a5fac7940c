// The editor's optimistic changes: pure list and tree updates that keep positions 1…n.
import { describe, expect, it } from 'vitest';
import { insertAt, moveItemTo, moveTo, without, type EditorData } from '@/features/curriculum-editor/editor-tree';

const rows = (...ids: string[]) => ids.map((id, index) => ({ id, position: index + 1 }));
const order = (list: { id: string; position: number }[]) => list.map((row) => `${row.id}${row.position}`).join(' ');

describe('list updates', () => {
  it('moves, inserts and removes with dense positions', () => {
    expect(order(moveTo(rows('a', 'b', 'c'), 'c', 0))).toBe('c1 a2 b3');
    expect(order(moveTo(rows('a', 'b', 'c'), 'a', 99))).toBe('b1 c2 a3');
    expect(order(insertAt(rows('a', 'b'), { id: 'x', position: 2 }))).toBe('a1 x2 b3');
    expect(order(insertAt(rows('a', 'b'), { id: 'x', position: 9 }))).toBe('a1 b2 x3');
    expect(order(without(rows('a', 'b', 'c'), 'b'))).toBe('a1 c2');
  });

  it('leaves the original list alone', () => {
    const list = rows('a', 'b');
    moveTo(list, 'b', 0);
    expect(order(list)).toBe('a1 b2');
  });
});

describe('moveItemTo', () => {
  const item = (id: string, position: number) => ({ id, position, kind: 'READING' as const, title: id, url: null, minutes: null, minutesText: null, optional: false, note: null });
  const section = (id: string, items: ReturnType<typeof item>[]) => ({ id, position: 1, title: id, kind: 'CORE' as const, statedMinutes: null, statedText: null, group: null, items });
  const data = {
    weeks: [
      { id: 'w1', sections: [section('s1', [item('a', 1), item('b', 2)]), section('s2', [item('c', 1)])], goals: [] },
    ],
  } as unknown as EditorData;

  it('moves a reading within its section and to another one', () => {
    const within = moveItemTo(data, 'b', 's1', 0);
    expect(order(within.weeks[0]!.sections[0]!.items)).toBe('b1 a2');
    const across = moveItemTo(data, 'a', 's2', 1);
    expect(order(across.weeks[0]!.sections[0]!.items)).toBe('b1');
    expect(order(across.weeks[0]!.sections[1]!.items)).toBe('c1 a2');
  });
});
