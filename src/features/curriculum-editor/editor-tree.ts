// Pure updates of the editor's copy of a curriculum, for optimistic changes: each returns a
// new tree and leaves the old one alone, so a failed save can put the old one back.
import type { RouterOutputs } from '@/trpc/react';
import { weekName } from '@/lib/format';

export type EditorData = RouterOutputs['curriculumEditor']['get'];
export type EditorWeek = EditorData['weeks'][number];
export type EditorSection = EditorWeek['sections'][number];
export type EditorItem = EditorSection['items'][number];
export type EditorGoal = EditorWeek['goals'][number];
export type EditorPrompt = EditorWeek['prompts'][number];

type Positioned = { id: string; position: number };

/** Positions 1…n in list order. */
export function renumber<T extends Positioned>(list: T[]): T[] {
  return list.map((entry, index) => (entry.position === index + 1 ? entry : { ...entry, position: index + 1 }));
}

/** The list with `id` moved to index `toIndex` (clamped). */
export function moveTo<T extends Positioned>(list: T[], id: string, toIndex: number): T[] {
  const from = list.findIndex((entry) => entry.id === id);
  if (from === -1) return list;
  const rest = [...list.slice(0, from), ...list.slice(from + 1)];
  const at = Math.min(Math.max(0, toIndex), rest.length);
  return renumber([...rest.slice(0, at), list[from]!, ...rest.slice(at)]);
}

/** The list with `entry` inserted at its `position` (clamped). */
export function insertAt<T extends Positioned>(list: T[], entry: T): T[] {
  const at = Math.min(Math.max(0, entry.position - 1), list.length);
  return renumber([...list.slice(0, at), entry, ...list.slice(at)]);
}

export function without<T extends Positioned>(list: T[], id: string): T[] {
  return renumber(list.filter((entry) => entry.id !== id));
}

export function mapWeek(data: EditorData, weekId: string, change: (week: EditorWeek) => EditorWeek): EditorData {
  return { ...data, weeks: data.weeks.map((week) => (week.id === weekId ? change(week) : week)) };
}

export function mapSection(data: EditorData, sectionId: string, change: (section: EditorSection) => EditorSection): EditorData {
  return {
    ...data,
    weeks: data.weeks.map((week) =>
      week.sections.some((section) => section.id === sectionId)
        ? { ...week, sections: week.sections.map((section) => (section.id === sectionId ? change(section) : section)) }
        : week,
    ),
  };
}

export function mapItem(data: EditorData, itemId: string, change: (item: EditorItem) => EditorItem): EditorData {
  return {
    ...data,
    weeks: data.weeks.map((week) => ({
      ...week,
      sections: week.sections.map((section) =>
        section.items.some((item) => item.id === itemId)
          ? { ...section, items: section.items.map((item) => (item.id === itemId ? change(item) : item)) }
          : section,
      ),
    })),
  };
}

export function mapGoal(data: EditorData, goalId: string, change: (goal: EditorGoal) => EditorGoal): EditorData {
  return {
    ...data,
    weeks: data.weeks.map((week) =>
      week.goals.some((goal) => goal.id === goalId)
        ? { ...week, goals: week.goals.map((goal) => (goal.id === goalId ? change(goal) : goal)) }
        : week,
    ),
  };
}

export function mapPrompt(data: EditorData, promptId: string, change: (prompt: EditorPrompt) => EditorPrompt): EditorData {
  return {
    ...data,
    weeks: data.weeks.map((week) =>
      week.prompts.some((prompt) => prompt.id === promptId)
        ? { ...week, prompts: week.prompts.map((prompt) => (prompt.id === promptId ? change(prompt) : prompt)) }
        : week,
    ),
  };
}

export function findItem(data: EditorData, itemId: string) {
  for (const week of data.weeks) {
    for (const section of week.sections) {
      const index = section.items.findIndex((item) => item.id === itemId);
      if (index !== -1) return { week, section, item: section.items[index]!, index };
    }
  }
  return null;
}

export function findSection(data: EditorData, sectionId: string) {
  for (const week of data.weeks) {
    const index = week.sections.findIndex((section) => section.id === sectionId);
    if (index !== -1) return { week, section: week.sections[index]!, index };
  }
  return null;
}

export function findGoal(data: EditorData, goalId: string) {
  for (const week of data.weeks) {
    const index = week.goals.findIndex((goal) => goal.id === goalId);
    if (index !== -1) return { week, goal: week.goals[index]!, index };
  }
  return null;
}

/** A reading moved to `toIndex` of section `toSectionId` (its own or another). */
export function moveItemTo(data: EditorData, itemId: string, toSectionId: string, toIndex: number): EditorData {
  const found = findItem(data, itemId);
  if (!found) return data;
  if (found.section.id === toSectionId) {
    return mapSection(data, toSectionId, (section) => ({ ...section, items: moveTo(section.items, itemId, toIndex) }));
  }
  const removed = mapSection(data, found.section.id, (section) => ({ ...section, items: without(section.items, itemId) }));
  return mapSection(removed, toSectionId, (section) => ({
    ...section,
    items: insertAt(section.items, { ...found.item, position: toIndex + 1 }),
  }));
}

/** "Week 3", "Weeks 2–3", or the label as written. */
export function weekLabel(week: Pick<EditorWeek, 'number' | 'span' | 'label'>): string {
  return weekName(week) ?? 'Unnumbered';
}
