// What the editor reads and what mutations return: every field it edits, with ids, in order.

export const itemSelect = {
  id: true,
  position: true,
  kind: true,
  title: true,
  url: true,
  minutes: true,
  minutesText: true,
  optional: true,
  note: true,
} as const;

export const sectionSelect = {
  id: true,
  position: true,
  title: true,
  kind: true,
  statedMinutes: true,
  statedText: true,
  group: true,
  items: { orderBy: { position: 'asc' }, select: itemSelect },
} as const;

export const goalSelect = { id: true, position: true, category: true, text: true } as const;

export const weekSelect = {
  id: true,
  position: true,
  number: true,
  span: true,
  label: true,
  title: true,
  part: true,
  partNotes: true,
  notes: true,
  sections: { orderBy: { position: 'asc' }, select: sectionSelect },
  goals: { orderBy: { position: 'asc' }, select: goalSelect },
} as const;
