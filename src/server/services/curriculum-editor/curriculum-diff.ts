// What differs between a cohort's copy of a curriculum and its template, in words an admin
// reads: "Week 2 · Core Readings: reading added 'Attention Is All You Need'". Pure code, on
// the plain syllabus shape (ids optional), shared by the comparison and by the apply step,
// which keeps the ids of the readings this matching pairs up.
//
// Matching: weeks and sections by position; readings within the same week by URL, then by
// title; learning goals by text.
import type { SyllabusCurriculum, SyllabusGoal, SyllabusItem, SyllabusPrompt, SyllabusSection, SyllabusWeek } from '@/lib/syllabus/types';
import { weekName } from '@/lib/format';

export type DiffItem = SyllabusItem & { id?: string };
export type DiffSection = Omit<SyllabusSection, 'items'> & { id?: string; items: DiffItem[] };
export type DiffPrompt = SyllabusPrompt & { id?: string };
export type DiffWeek = Omit<SyllabusWeek, 'index' | 'sections' | 'goals' | 'prompts'> & {
  id?: string;
  sections: DiffSection[];
  goals: SyllabusGoal[];
  prompts: DiffPrompt[];
};
export type DiffCurriculum = Pick<SyllabusCurriculum, 'title' | 'description' | 'notes'> & { weeks: DiffWeek[] };

export type FieldChange = { field: string; before: string; after: string };

export type TemplateChange = {
  kind: 'added' | 'removed' | 'changed';
  entity: 'curriculum' | 'week' | 'section' | 'reading' | 'goal' | 'prompt';
  /** "Week 2: Diffusion models", or null for the curriculum itself. */
  week: string | null;
  section: string | null;
  /** The title or text of what changed. */
  title: string;
  fields: FieldChange[];
};

/** Where an item sits in a week: section index and item index. */
export type ItemRef = { section: number; item: number };

const NONE = '(none)';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return NONE;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function compareFields<T extends object>(before: T, after: T, fields: [keyof T & string, string][]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [key, label] of fields) {
    const a = show(before[key]);
    const b = show(after[key]);
    if (a !== b) changes.push({ field: label, before: a, after: b });
  }
  return changes;
}

const sameTitle = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function flattenItems(week: Pick<DiffWeek, 'sections'>): (ItemRef & { value: DiffItem })[] {
  return week.sections.flatMap((section, sectionIndex) =>
    section.items.map((value, itemIndex) => ({ section: sectionIndex, item: itemIndex, value })),
  );
}

const refKey = (ref: ItemRef) => `${ref.section}:${ref.item}`;

/**
 * Pairs each template reading with a reading of the copy's week at the same position: the
 * same URL first, then the same title. Returns template ref key → copy ref.
 */
export function matchWeekItems(copy: Pick<DiffWeek, 'sections'>, template: Pick<DiffWeek, 'sections'>): Map<string, ItemRef> {
  const copyItems = flattenItems(copy);
  const templateItems = flattenItems(template);
  const taken = new Set<string>();
  const matches = new Map<string, ItemRef>();
  const pair = (predicate: (a: DiffItem, b: DiffItem) => boolean) => {
    for (const wanted of templateItems) {
      if (matches.has(refKey(wanted))) continue;
      const found = copyItems.find((candidate) => !taken.has(refKey(candidate)) && predicate(candidate.value, wanted.value));
      if (found) {
        taken.add(refKey(found));
        matches.set(refKey(wanted), { section: found.section, item: found.item });
      }
    }
  };
  pair((a, b) => a.url !== null && a.url === b.url);
  pair((a, b) => sameTitle(a.title, b.title));
  return matches;
}

/** "Week 2: Title", "Weeks 2–3: Title", or the title alone for an unnumbered unit. */
export function describeWeek(week: Pick<DiffWeek, 'number' | 'span' | 'label' | 'title'>): string {
  const label = weekName(week);
  if (!label) return week.title || 'Untitled week';
  return week.title ? `${label}: ${week.title}` : label;
}

function orderOf<T>(list: T[]): string {
  return list.map((value) => show(value)).join(' · ');
}

/** True when the matched positions, read in the template's order, do not ascend. */
function outOfOrder(positions: number[]): boolean {
  return positions.some((position, index) => index > 0 && position < positions[index - 1]!);
}

function countItems(week: DiffWeek): number {
  return week.sections.reduce((sum, section) => sum + section.items.length, 0);
}

function compareWeek(copy: DiffWeek, template: DiffWeek, changes: TemplateChange[]) {
  const where = describeWeek(template);
  const weekFields = compareFields(copy, template, [
    ['number', 'number'],
    ['span', 'weeks it spans'],
    ['label', 'label'],
    ['title', 'title'],
    ['part', 'part'],
    ['partNotes', 'part notes'],
    ['notes', 'notes'],
    ['promptsTitle', 'prompts title'],
  ]);

  // Prompts: by text (answers stay with a prompt whose text is kept).
  const promptTexts = (prompts: DiffPrompt[]) => new Set(prompts.map((prompt) => prompt.text.trim()));
  const copyPrompts = promptTexts(copy.prompts);
  const templatePrompts = promptTexts(template.prompts);
  for (const prompt of template.prompts) {
    if (!copyPrompts.has(prompt.text.trim())) changes.push({ kind: 'added', entity: 'prompt', week: where, section: null, title: prompt.text, fields: [] });
  }
  for (const prompt of copy.prompts) {
    if (!templatePrompts.has(prompt.text.trim())) changes.push({ kind: 'removed', entity: 'prompt', week: where, section: null, title: prompt.text, fields: [] });
  }

  // Goals: by text; a goal whose category moved is changed, not removed and added.
  const goalFields: FieldChange[] = [];
  const copyGoals = copy.goals.map((goal, index) => ({ goal, index }));
  const matchedGoalIndexes: number[] = [];
  const usedGoals = new Set<number>();
  for (const goal of template.goals) {
    const found = copyGoals.find(({ goal: candidate, index }) => !usedGoals.has(index) && candidate.text.trim() === goal.text.trim());
    if (!found) {
      changes.push({ kind: 'added', entity: 'goal', week: where, section: null, title: goal.text, fields: [] });
      continue;
    }
    usedGoals.add(found.index);
    matchedGoalIndexes.push(found.index);
    if (found.goal.category !== goal.category) {
      changes.push({
        kind: 'changed',
        entity: 'goal',
        week: where,
        section: null,
        title: goal.text,
        fields: [{ field: 'category', before: show(found.goal.category), after: show(goal.category) }],
      });
    }
  }
  for (const { goal, index } of copyGoals) {
    if (!usedGoals.has(index)) changes.push({ kind: 'removed', entity: 'goal', week: where, section: null, title: goal.text, fields: [] });
  }
  if (outOfOrder(matchedGoalIndexes)) {
    goalFields.push({
      field: 'order of learning goals',
      before: orderOf(copy.goals.map((goal) => goal.text)),
      after: orderOf(template.goals.map((goal) => goal.text)),
    });
  }
  if (weekFields.length + goalFields.length > 0) {
    changes.push({ kind: 'changed', entity: 'week', week: where, section: null, title: where, fields: [...weekFields, ...goalFields] });
  }

  // Sections by position.
  const sectionCount = Math.max(copy.sections.length, template.sections.length);
  for (let index = 0; index < sectionCount; index++) {
    const before = copy.sections[index];
    const after = template.sections[index];
    if (before && !after) {
      changes.push({ kind: 'removed', entity: 'section', week: where, section: null, title: before.title, fields: [] });
    } else if (!before && after) {
      changes.push({ kind: 'added', entity: 'section', week: where, section: null, title: after.title, fields: [] });
    } else if (before && after) {
      const fields = compareFields(before, after, [
        ['title', 'title'],
        ['kind', 'kind'],
        ['statedMinutes', 'stated minutes'],
        ['statedText', 'stated time'],
        ['group', 'group heading'],
      ]);
      if (fields.length > 0) changes.push({ kind: 'changed', entity: 'section', week: where, section: null, title: after.title, fields });
    }
  }

  // Readings, matched across the week's sections.
  const matches = matchWeekItems(copy, template);
  const matchedCopy = new Set([...matches.values()].map(refKey));
  template.sections.forEach((section, sectionIndex) => {
    const copyPositions: number[] = [];
    section.items.forEach((item, itemIndex) => {
      const ref = matches.get(refKey({ section: sectionIndex, item: itemIndex }));
      if (!ref) {
        changes.push({ kind: 'added', entity: 'reading', week: where, section: section.title, title: item.title, fields: [] });
        return;
      }
      const old = copy.sections[ref.section]!.items[ref.item]!;
      const fields = compareFields(old, item, [
        ['title', 'title'],
        ['url', 'link'],
        ['minutes', 'minutes'],
        ['optional', 'optional'],
        ['note', 'note'],
        ['kind', 'kind'],
      ]);
      if (ref.section !== sectionIndex) {
        fields.push({ field: 'section', before: copy.sections[ref.section]!.title, after: section.title });
      } else {
        copyPositions.push(ref.item);
      }
      if (fields.length > 0) changes.push({ kind: 'changed', entity: 'reading', week: where, section: section.title, title: item.title, fields });
    });
    if (outOfOrder(copyPositions)) {
      changes.push({
        kind: 'changed',
        entity: 'section',
        week: where,
        section: null,
        title: section.title,
        fields: [
          {
            field: 'order of readings',
            before: orderOf(copy.sections[sectionIndex]!.items.map((item) => item.title)),
            after: orderOf(section.items.map((item) => item.title)),
          },
        ],
      });
    }
  });
  copy.sections.forEach((section, sectionIndex) => {
    section.items.forEach((item, itemIndex) => {
      if (!matchedCopy.has(refKey({ section: sectionIndex, item: itemIndex }))) {
        changes.push({ kind: 'removed', entity: 'reading', week: where, section: section.title, title: item.title, fields: [] });
      }
    });
  });
}

/** Every difference that applying `template` to `copy` would make, in syllabus order. */
export function diffCurricula(copy: DiffCurriculum, template: DiffCurriculum): TemplateChange[] {
  const changes: TemplateChange[] = [];
  const fields = compareFields(copy, template, [
    ['title', 'title'],
    ['description', 'description'],
    ['notes', 'introduction notes'],
  ]);
  if (fields.length > 0) changes.push({ kind: 'changed', entity: 'curriculum', week: null, section: null, title: template.title, fields });

  const weekCount = Math.max(copy.weeks.length, template.weeks.length);
  for (let index = 0; index < weekCount; index++) {
    const before = copy.weeks[index];
    const after = template.weeks[index];
    if (before && !after) {
      const title = describeWeek(before);
      changes.push({ kind: 'removed', entity: 'week', week: title, section: null, title, fields: [] });
    } else if (!before && after) {
      const title = describeWeek(after);
      changes.push({
        kind: 'added',
        entity: 'week',
        week: title,
        section: null,
        title,
        fields: [
          { field: 'sections', before: NONE, after: String(after.sections.length) },
          { field: 'readings', before: NONE, after: String(countItems(after)) },
          { field: 'learning goals', before: NONE, after: String(after.goals.length) },
          { field: 'prompts', before: NONE, after: String(after.prompts.length) },
        ],
      });
    } else if (before && after) {
      compareWeek(before, after, changes);
    }
  }
  return changes;
}
