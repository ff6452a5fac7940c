// The curriculum tree (weeks → sections → items, and each week's learning goals), as Prisma
// selects, in one place. Every reader of the tree composes its select from these by spreads,
// adding only the fields it shows, and always orders each level by position.

/** The children of a week, section or curriculum, in the order the syllabus gives them. */
export const byPosition = { orderBy: { position: 'asc' } } as const;

/** What every reader of a reading (an item) shows. */
export const baseItemSelect = {
  id: true,
  kind: true,
  title: true,
  url: true,
  minutes: true,
  optional: true,
  note: true,
} as const;

/** What every reader of a section shows, without its items. */
export const baseSectionSelect = {
  id: true,
  title: true,
  kind: true,
  statedMinutes: true,
} as const;

/** What every reader of a week shows, without its sections and goals. */
export const baseWeekSelect = {
  id: true,
  position: true,
  number: true,
  span: true,
  title: true,
  notes: true,
} as const;

/** A learning goal as the pages show it. */
export const baseGoalSelect = { id: true, category: true, text: true } as const;
