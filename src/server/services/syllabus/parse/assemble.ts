// Stage 5, assembly: the drafts the parser collected → the plain curriculum shape (slug,
// weeks numbered in order, sections without their reading state).
import { weekFieldsOf } from '@/lib/syllabus/week-fields';
import { slugSchema } from '@/lib/schemas/slug';
import { slugify } from '@/lib/syllabus/syllabus-text';
import type { SyllabusWeek } from '@/lib/syllabus/types';
import { MARKDOWN_LIMITS } from '@/lib/markdown-limits';
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
    promptsTitle: null,
    promptsTitleLine: null,
    prompts: [],
    closing: false,
    fromLine: false,
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

/** A week's notes as one text, refused when longer than a note may be (it is rendered on every visit). */
function joinNotes(week: WeekDraft): string | null {
  if (week.notes.length === 0) return null;
  const notes = week.notes.join('\n\n');
  if (notes.length > MARKDOWN_LIMITS.maxNoteChars) {
    throw new AppError(
      'BAD_REQUEST',
      `The notes of "${truncate(week.title)}" (line ${week.line}) are ${notes.length.toLocaleString('en-US')} characters long; a week's notes may be at most ${MARKDOWN_LIMITS.maxNoteChars.toLocaleString('en-US')}. Move the long text to a linked page.`,
      [{ path: 'markdown', message: `Line ${week.line}: the notes under this week are too long.` }],
    );
  }
  return notes;
}

export function toSyllabusWeeks(weeks: WeekDraft[]): SyllabusWeek[] {
  return weeks.map((week, index) => ({
    index: index + 1,
    ...weekFieldsOf(week),
    notes: joinNotes(week),
    sections: week.sections.map((section) => ({
      title: section.title,
      kind: section.kind,
      statedMinutes: section.statedMinutes,
      statedText: section.statedText,
      group: section.group,
      items: section.items,
    })),
    goals: week.goals,
    promptsTitle: week.promptsTitle,
    prompts: week.prompts,
  }));
}
