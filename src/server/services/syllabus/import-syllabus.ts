// Writes a parsed syllabus as a curriculum, all or nothing, and reads one back for export.
import { invalidateCurriculum } from '@/server/services/curricula/invalidate-curriculum';
import { weekFieldsOf } from '@/lib/syllabus/week-fields';
import { z } from 'zod';
import type { CurriculumSlugInput } from '@/lib/schemas/curricula';
import { slugSchema } from '@/lib/schemas/slug';
import { AppError, listFieldIssues } from '@/server/errors';
import type { ServiceContext } from '@/server/services/context';
import { byPosition, goalFields, itemFields, promptFields, sectionFields, weekFields } from '@/server/services/curricula/curriculum-tree-select';
import { importableUrl } from '@/lib/syllabus/syllabus-text';
import type { ParsedSyllabus, SyllabusCurriculum } from '@/lib/syllabus/types';
import { recordAudit } from '@/server/services/audit/record-audit';

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const notes = z.string().max(200_000, 'must be at most 200000 characters').nullable();

const itemSchema = z.object({
  kind: z.enum(['READING', 'VIDEO', 'NOTEBOOK', 'EXERCISE']),
  title: text(2000),
  url: z
    .string()
    .max(4000)
    .nullable()
    .refine((url) => url === null || importableUrl(url) === url, 'must be an http(s) or mailto URL'),
  minutes: z.number().int().min(0).max(100_000).nullable(),
  minutesText: text(100).nullable(),
  optional: z.boolean(),
  note: text(4000).nullable(),
});

const sectionSchema = z.object({
  title: text(500),
  kind: z.enum(['CORE', 'PRACTICAL', 'OPTIONAL', 'OTHER']),
  statedMinutes: z.number().int().min(0).max(100_000).nullable(),
  statedText: text(100).nullable(),
  group: text(500).nullable(),
  items: z.array(itemSchema).max(1000, 'must be at most 1,000 in one section'),
});

const promptSchema = z.object({ kind: z.enum(['DISCUSSION', 'REFLECTION']), text: text(4000).trim().min(1, 'must not be empty') });
const promptsSchema = z.array(promptSchema).max(100, 'must be at most 100 in one week');

const weekSchema = z.object({
  number: z.number().int().min(0).max(1000).nullable(),
  span: z.number().int().min(1).max(52),
  label: text(100).nullable(),
  title: text(500),
  part: text(500).nullable(),
  partNotes: notes,
  notes,
  sections: z.array(sectionSchema).max(200, 'must be at most 200 in one week'),
  goals: z.array(z.object({ category: z.enum(['THEORETICAL', 'PRACTICAL', 'GENERAL']), text: text(4000) })).max(500, 'must be at most 500 in one week'),
  promptsTitle: text(500).nullable(),
  prompts: promptsSchema,
});

const curriculumSchema = z.object({
  slug: slugSchema,
  title: text(500).trim().min(1, 'must not be empty'),
  description: text(2000).nullable(),
  notes,
  weeks: z.array(weekSchema).max(200, 'must be at most 200: split the syllabus into several'),
  closing: z.object({ title: text(500), notes, promptsTitle: text(500).nullable(), prompts: promptsSchema }).nullable(),
});

export type ImportSyllabusInput = {
  /** What the parser read (or a stored curriculum, to copy it). */
  syllabus: ParsedSyllabus | SyllabusCurriculum;
  /** Overrides the slug of the parsed curriculum. */
  slug?: string;
  /** Replace the weeks of an existing curriculum with this slug instead of refusing. */
  replace?: boolean;
};

export type ImportSyllabusResult = {
  id: string;
  slug: string;
  title: string;
  /** "created", or "replaced" when --replace overwrote a curriculum with the same slug. */
  outcome: 'created' | 'replaced';
  weeks: number;
  sections: number;
  items: number;
  goals: number;
};

/**
 * The syllabus checked against what the database takes (at most 200 weeks, 1,000 readings a
 * section, field lengths), or an AppError naming the first problem. The import preview asks
 * too, so a preview never promises an import that would be refused.
 */
export function storableCurriculum(syllabus: ImportSyllabusInput['syllabus'], slug?: string) {
  const source = 'curriculum' in syllabus ? syllabus.curriculum : syllabus;
  const parsed = curriculumSchema.safeParse({ ...source, slug: slug ?? source.slug });
  if (!parsed.success) {
    const issues = listFieldIssues(parsed.error);
    const first = issues[0];
    throw new AppError('BAD_REQUEST', `The syllabus cannot be stored: ${first ? `${first.path || 'input'} ${first.message}` : 'invalid'}.`, issues);
  }
  return parsed.data;
}

/**
 * Stores a parsed syllabus as a curriculum in one transaction: either every week, section,
 * item and goal is written, or nothing is. A slug that exists is a CONFLICT unless `replace`,
 * which keeps the curriculum (and the cohorts that run it) and replaces its content.
 */
export async function importSyllabus(ctx: ServiceContext, input: ImportSyllabusInput): Promise<ImportSyllabusResult> {
  const { syllabus, ...options } = input;
  const curriculum = storableCurriculum(syllabus, options.slug);

  try {
    const result = await ctx.db.$transaction(
      async (tx) => {
        const existing = await tx.curriculum.findUnique({ where: { slug: curriculum.slug }, select: { id: true } });
        if (existing && !options.replace) {
          throw new AppError(
            'CONFLICT',
            `A curriculum with the slug "${curriculum.slug}" already exists: choose another slug, or replace it.`,
          );
        }
        const fields = {
          title: curriculum.title,
          description: curriculum.description,
          notes: curriculum.notes,
          closingTitle: curriculum.closing?.title ?? null,
          closingNotes: curriculum.closing?.notes ?? null,
          closingPromptsTitle: curriculum.closing?.promptsTitle ?? null,
        };
        let id: string;
        if (existing) {
          // Weeks cascade to their sections, items, goals and prompts; the closing prompts have no week.
          await tx.curriculumWeek.deleteMany({ where: { curriculumId: existing.id } });
          await tx.curriculumPrompt.deleteMany({ where: { curriculumId: existing.id } });
          await tx.curriculum.update({ where: { id: existing.id }, data: fields });
          // Cohorts' copies compare versions with their template: a replaced template has moved on.
          await tx.curriculum.update({ where: { id: existing.id }, data: { version: { increment: 1 } } });
          id = existing.id;
        } else {
          id = (await tx.curriculum.create({ data: { slug: curriculum.slug, ...fields }, select: { id: true } })).id;
        }

        for (const [weekIndex, week] of curriculum.weeks.entries()) {
          await tx.curriculumWeek.create({
            data: {
              curriculumId: id,
              position: weekIndex + 1,
              ...weekFieldsOf(week),
              sections: {
                create: week.sections.map((section, sectionIndex) => ({
                  position: sectionIndex + 1,
                  title: section.title,
                  kind: section.kind,
                  statedMinutes: section.statedMinutes,
                  statedText: section.statedText,
                  group: section.group,
                  items: {
                    createMany: {
                      data: section.items.map((item, itemIndex) => ({ position: itemIndex + 1, ...item })),
                    },
                  },
                })),
              },
              goals: {
                createMany: { data: week.goals.map((goal, goalIndex) => ({ position: goalIndex + 1, ...goal })) },
              },
              prompts: {
                createMany: { data: week.prompts.map((prompt, promptIndex) => ({ curriculumId: id, position: promptIndex + 1, ...prompt })) },
              },
            },
            select: { id: true },
          });
        }
        if (curriculum.closing && curriculum.closing.prompts.length > 0) {
          await tx.curriculumPrompt.createMany({
            data: curriculum.closing.prompts.map((prompt, index) => ({ curriculumId: id, weekId: null, position: index + 1, ...prompt })),
          });
        }

        const sections = curriculum.weeks.flatMap((week) => week.sections);
        const items = sections.reduce((sum, section) => sum + section.items.length, 0);
        await recordAudit(tx, ctx, {
          action: 'curriculum.imported',
          summary: `${existing ? 'Replaced' : 'Imported'} the curriculum “${curriculum.title}” (${curriculum.slug}): ${curriculum.weeks.length} weeks, ${items} readings`,
          subjectType: 'curriculum',
          subjectId: id,
          after: { slug: curriculum.slug, outcome: existing ? 'replaced' : 'created', weeks: curriculum.weeks.length, items },
        });
        return {
          id,
          slug: curriculum.slug,
          title: curriculum.title,
          outcome: existing ? ('replaced' as const) : ('created' as const),
          weeks: curriculum.weeks.length,
          sections: sections.length,
          items: sections.reduce((sum, section) => sum + section.items.length, 0),
          goals: curriculum.weeks.reduce((sum, week) => sum + week.goals.length, 0),
        };
      },
      // The embedded PostgreSQL on a slow laptop can take longer than Prisma's 5 s default.
      { maxWait: 10_000, timeout: 60_000 },
    );
    // Whoever imported it (the web app, the CLI), every server drops its cached pages.
    await invalidateCurriculum(ctx.db, result.id, { slug: result.slug });
    return result;
  } catch (error) {
    // Two imports of one new slug at once: the second loses the race on the unique index.
    if ((error as { code?: string }).code === 'P2002') {
      throw new AppError('CONFLICT', `A curriculum with the slug "${curriculum.slug}" already exists: choose another slug, or replace it.`);
    }
    throw error;
  }
}

/** A stored curriculum in the shape the exporter takes. */
export async function loadCurriculumForExport(ctx: ServiceContext, input: CurriculumSlugInput): Promise<SyllabusCurriculum> {
  const { slug } = input;
  const curriculum = await ctx.db.curriculum.findUnique({
    where: { slug },
    select: {
      slug: true,
      title: true,
      description: true,
      notes: true,
      closingTitle: true,
      closingNotes: true,
      closingPromptsTitle: true,
      prompts: { where: { weekId: null }, ...byPosition, select: promptFields },
      weeks: {
        ...byPosition,
        select: {
          ...weekFields,
          label: true,
          part: true,
          partNotes: true,
          notes: true,
          promptsTitle: true,
          goals: { ...byPosition, select: goalFields },
          prompts: { ...byPosition, select: promptFields },
          sections: {
            ...byPosition,
            select: {
              ...sectionFields,
              statedMinutes: true,
              statedText: true,
              group: true,
              items: { ...byPosition, select: { ...itemFields, minutesText: true, note: true } },
            },
          },
        },
      },
    },
  });
  if (!curriculum) throw new AppError('NOT_FOUND', `No curriculum has the slug "${slug}".`);
  const { closingTitle, closingNotes, closingPromptsTitle, prompts, ...rest } = curriculum;
  return {
    ...rest,
    weeks: curriculum.weeks.map((week, index) => ({ index: index + 1, ...week })),
    closing: closingTitle === null ? null : { title: closingTitle, notes: closingNotes, promptsTitle: closingPromptsTitle, prompts },
  };
}
