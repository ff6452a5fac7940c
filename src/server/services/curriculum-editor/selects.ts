// What the editor reads and what mutations return: every field it edits, with ids, in order.
import { byPosition, goalFields, itemFields, sectionFields, weekFields } from '@/server/services/curricula/curriculum-tree-select';

export const itemSelect = {
  id: true,
  position: true,
  ...itemFields,
  minutesText: true,
  note: true,
  exerciseSlug: true,
  primaryMetric: true,
  higherIsBetter: true,
  buildsOn: true,
} as const;

export const sectionSelect = {
  id: true,
  position: true,
  ...sectionFields,
  statedMinutes: true,
  statedText: true,
  group: true,
  items: { ...byPosition, select: itemSelect },
} as const;

export const goalSelect = { id: true, position: true, ...goalFields } as const;

export const promptSelect = { id: true, position: true, kind: true, text: true } as const;

export const weekSelect = {
  id: true,
  position: true,
  ...weekFields,
  label: true,
  part: true,
  partNotes: true,
  notes: true,
  promptsTitle: true,
  sections: { ...byPosition, select: sectionSelect },
  goals: { ...byPosition, select: goalSelect },
  prompts: { ...byPosition, select: promptSelect },
} as const;
