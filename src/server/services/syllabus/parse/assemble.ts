// Stage 5, assembly: the drafts the parser collected → the plain curriculum shape (slug,
// weeks numbered in order, sections without their reading state).
import { weekFieldsOf } from '@/lib/syllabus/week-fields';
import { slugSchema } from '@/lib/schemas/slug';
import { slugify } from '@/lib/syllabus/syllabus-text';
import type { SyllabusWeek } from '@/lib/syllabus/types';
import { AppError } from '@/server/errors';
import type { WeekDraft } from './drafts';
import { truncate } from './nodes';

export type ParseSyllabusOptions = { slug?: string };

/** A page without week headings: the whole page as the notes of one unnumbered unit. */
export function unnumberedWeek(title: string, notes: string[]): WeekDraft {
  return {
    number: null,
    span: 1,
    label: null,
    title,
    part: null,
    partNotes: null,
    notes,
    sections: [],
    goals: [],
    groups: [],
    line: 1,
    depth: 2,
  };
}

/** Warns about each week number seen a second time, naming the line of the first. */
export function checkDuplicateWeeks(weeks: WeekDraft[], warn: (line: number, message: string) => void): void {
  const numbers = new Map<number, number>();
  for (const week of weeks) {
    if (week.number === null) continue;
    const seen = numbers.get(week.number);
    if (seen !== undefined) warn(week.line, `Week ${week.number} appears twice (also at line ${seen}).`);
    else numbers.set(week.number, week.line);
  }
}

/** The slug given (checked), or one made from the title. */
export function resolveSlug(title: string, options: ParseSyllabusOptions): string {
  const slug = options.slug;
  if (slug === undefined) return slugify(title) || 'syllabus';
  const checked = slugSchema.safeParse(slug);
  if (!checked.success) throw new AppError('BAD_REQUEST', `The slug "${truncate(slug)}" ${checked.error.issues[0]?.message ?? 'is not valid'}.`);
  return checked.data;
}

export function toSyllabusWeeks(weeks: WeekDraft[]): SyllabusWeek[] {
  return weeks.map((week, index) => ({
    index: index + 1,
    ...weekFieldsOf(week),
    notes: week.notes.length > 0 ? week.notes.join('\n\n') : null,
    sections: week.sections.map((section) => ({
      title: section.title,
      kind: section.kind,
      statedMinutes: section.statedMinutes,
      statedText: section.statedText,
      group: section.group,
      items: section.items,
    })),
    goals: week.goals,
  }));
}
