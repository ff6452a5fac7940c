// Markdown import from the admin pages: a dry run that shows what would be stored (weeks,
// readings, warnings with line numbers, the text kept as notes, a clash of slugs), then the
// import itself, all or nothing, which expires the cached syllabus pages it changes.
import { sumReadingTime, type ReadingTime } from '@/lib/reading-time';
import type { ImportCurriculumInput, PreviewCurriculumImportInput } from '@/lib/schemas/curricula';
import { AppError } from '@/server/errors';
import type { Db, ServiceContext } from '@/server/services/context';
import { importSyllabus, storableCurriculum, type ImportSyllabusResult } from '@/server/services/syllabus/import-syllabus';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { weekLabel } from '@/lib/syllabus/syllabus-text';
import type { ParsedSyllabus, SyllabusWarning } from '@/lib/syllabus/types';

export type SlugConflict = {
  slug: string;
  title: string;
  /** False when the slug is a cohort's own copy, which an import may not replace. */
  replaceable: boolean;
  /** Cohorts that run this curriculum or a copy of it. */
  cohorts: string[];
  message: string;
};

export type KeptText = { from: number; to: number; reason: string; text: string };

export type ImportPreview = {
  slug: string;
  title: string;
  description: string | null;
  counts: { weeks: number; calendarWeeks: number; sections: number; items: number; linked: number; goals: number };
  weeks: {
    index: number;
    label: string | null;
    title: string;
    part: string | null;
    sections: { title: string; kind: string; items: number; statedText: string | null }[];
    goals: number;
    hasNotes: boolean;
    readingTime: ReadingTime;
  }[];
  warnings: SyllabusWarning[];
  coverage: { totalLines: number; structuredLines: number; keptLines: number; ignoredLines: number; blankLines: number };
  /** Source lines kept verbatim as notes (prose, images…), each run with its text. */
  kept: KeptText[];
  /** Lines deliberately not imported (front matter keys, the table of contents). */
  ignored: { from: number; to: number; reason: string }[];
  conflict: SlugConflict | null;
};

const KEPT_TEXT_LIMIT = 2_000;

function summarise(parsed: ParsedSyllabus, source: string): Omit<ImportPreview, 'conflict'> {
  const { curriculum, coverage } = parsed;
  const lines = source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
  const sections = curriculum.weeks.flatMap((week) => week.sections);
  const items = sections.flatMap((section) => section.items);
  return {
    slug: curriculum.slug,
    title: curriculum.title,
    description: curriculum.description,
    counts: {
      weeks: curriculum.weeks.length,
      calendarWeeks: curriculum.weeks.reduce((sum, week) => sum + week.span, 0),
      sections: sections.length,
      items: items.length,
      linked: items.filter((item) => item.url !== null).length,
      goals: curriculum.weeks.reduce((sum, week) => sum + week.goals.length, 0),
    },
    weeks: curriculum.weeks.map((week) => ({
      index: week.index,
      label: week.number === null ? null : weekLabel({ number: week.number, span: week.span, label: week.label }),
      title: week.title,
      part: week.part,
      sections: week.sections.map((section) => ({
        title: section.title,
        kind: section.kind,
        items: section.items.length,
        statedText: section.statedText,
      })),
      goals: week.goals.length,
      hasNotes: week.notes !== null,
      readingTime: sumReadingTime(week.sections),
    })),
    warnings: parsed.warnings,
    coverage: {
      totalLines: coverage.totalLines,
      structuredLines: coverage.structuredLines,
      keptLines: coverage.keptLines,
      ignoredLines: coverage.ignoredLines,
      blankLines: coverage.blankLines,
    },
    kept: coverage.spans
      .filter((span) => span.as === 'kept')
      .map((span) => {
        const text = lines.slice(span.from - 1, span.to).join('\n');
        return { from: span.from, to: span.to, reason: span.reason, text: text.length > KEPT_TEXT_LIMIT ? `${text.slice(0, KEPT_TEXT_LIMIT)}…` : text };
      }),
    ignored: coverage.spans.filter((span) => span.as === 'ignored').map(({ from, to, reason }) => ({ from, to, reason })),
  };
}

async function findConflict(db: Db, slug: string): Promise<SlugConflict | null> {
  const existing = await db.curriculum.findUnique({
    where: { slug },
    select: {
      title: true,
      sourceId: true,
      cohorts: { select: { name: true } },
      copies: { select: { cohorts: { select: { name: true } } } },
    },
  });
  if (!existing) return null;
  const cohorts = [...existing.cohorts, ...existing.copies.flatMap((copy) => copy.cohorts)].map((cohort) => cohort.name);
  if (existing.sourceId !== null) {
    return {
      slug,
      title: existing.title,
      replaceable: false,
      cohorts,
      message: `"${slug}" is the slug of ${cohorts[0] ? `the cohort ${cohorts[0]}'s` : 'a cohort’s'} own copy of a curriculum. Choose another slug.`,
    };
  }
  const running = cohorts.length ? ` ${cohorts.length === 1 ? 'The cohort' : 'The cohorts'} ${cohorts.join(', ')} keep${cohorts.length === 1 ? 's' : ''} the copy ${cohorts.length === 1 ? 'it was' : 'they were'} created from.` : '';
  return {
    slug,
    title: existing.title,
    replaceable: true,
    cohorts,
    message: `The curriculum "${existing.title}" already has the slug "${slug}". Choose another slug, or replace its weeks with this file.${running}`,
  };
}

/** What importing would store, and whether the slug is taken. Writes nothing. */
export async function previewCurriculumImport(ctx: ServiceContext, input: PreviewCurriculumImportInput): Promise<ImportPreview> {
  const parsed = parseSyllabusMarkdown(input.markdown, { slug: input.slug });
  storableCurriculum(parsed);
  return { ...summarise(parsed, input.markdown), conflict: await findConflict(ctx.db, parsed.curriculum.slug) };
}

/** Stores the syllabus as a template, all or nothing; replaces a template's weeks only when asked. */
export async function importCurriculumMarkdown(ctx: ServiceContext, input: ImportCurriculumInput): Promise<ImportSyllabusResult> {
  const parsed = parseSyllabusMarkdown(input.markdown, { slug: input.slug });
  const conflict = await findConflict(ctx.db, parsed.curriculum.slug);
  if (conflict && (!conflict.replaceable || !input.replace)) throw new AppError('CONFLICT', conflict.message);
  return importSyllabus(ctx, { syllabus: parsed, replace: input.replace });
}
