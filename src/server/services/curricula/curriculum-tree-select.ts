// The curriculum tree (weeks → sections → items, and each week's learning goals) as Prisma
// selects, in one place. Each reader of the tree composes its select from these by spreads,
// adding only the fields it needs (ids, positions, notes), and orders every level by position.

/** The children of a curriculum, week or section, in the order the syllabus gives them. */
export const byPosition = { orderBy: { position: 'asc' } } as const;

/** What every reader of a reading (an item) needs. */
export const itemFields = { kind: true, title: true, url: true, minutes: true, optional: true } as const;

/** What every reader of a section needs, besides its items. */
export const sectionFields = { title: true, kind: true } as const;

/** What every reader of a week needs, besides its sections and goals. */
export const weekFields = { number: true, span: true, title: true } as const;

/** A learning goal's content. */
export const goalFields = { category: true, text: true } as const;

/** A prompt's content. */
export const promptFields = { kind: true, text: true } as const;
