// What the editor reads and what mutations return: every field it edits, with ids, in order.
import {
  baseGoalSelect,
  baseItemSelect,
  baseSectionSelect,
  baseWeekSelect,
  byPosition,
} from '@/server/services/curricula/curriculum-tree-select';

export const itemSelect = { ...baseItemSelect, position: true, minutesText: true } as const;

export const sectionSelect = {
  ...baseSectionSelect,
  position: true,
  statedText: true,
  group: true,
  items: { ...byPosition, select: itemSelect },
} as const;

export const goalSelect = { ...baseGoalSelect, position: true } as const;

export const weekSelect = {
  ...baseWeekSelect,
  label: true,
  part: true,
  partNotes: true,
  sections: { ...byPosition, select: sectionSelect },
  goals: { ...byPosition, select: goalSelect },
} as const;
