// A cohort runs on its own copy of a curriculum, so editing the template (or another cohort's
// copy) never changes what a running cohort reads. The copy takes every column of every
// week, section, item and goal: rows are read whole and written back without their ids, so a
// field added to the schema later is copied without anyone remembering to list it here.
import type { CurriculumPrompt as Prompt, Prisma } from '@/generated/prisma/client';
import { AppError } from '@/server/errors';

export type CurriculumCopyTarget = {
  slug: string;
  /** The template this copy descends from. */
  sourceId: string;
  /** The template's version the content corresponds to. */
  sourceVersion: number;
};

/** Copies curriculum `fromId` into a new curriculum; returns the new id. Call inside a transaction. */
export async function copyCurriculum(tx: Prisma.TransactionClient, fromId: string, target: CurriculumCopyTarget): Promise<string> {
  const source = await tx.curriculum.findUnique({ where: { id: fromId } });
  if (!source) throw new AppError('NOT_FOUND', 'The curriculum to copy no longer exists.');
  // Everything but identity and lineage, which the copy gets its own of.
  const { id: _id, slug: _slug, version: _version, sourceId: _sourceId, sourceVersion: _sourceVersion, createdAt: _c, updatedAt: _u, ...fields } =
    source;
  const copy = await tx.curriculum.create({
    data: { ...fields, slug: target.slug, sourceId: target.sourceId, sourceVersion: target.sourceVersion },
    select: { id: true },
  });

  const weeks = await tx.curriculumWeek.findMany({
    where: { curriculumId: fromId },
    orderBy: { position: 'asc' },
    include: {
      sections: { orderBy: { position: 'asc' }, include: { items: { orderBy: { position: 'asc' } } } },
      goals: { orderBy: { position: 'asc' } },
      prompts: { orderBy: { position: 'asc' } },
    },
  });
  const promptFields = ({ id: _promptId, curriculumId: _promptCurriculum, weekId: _promptWeek, ...fields }: Prompt) => ({
    ...fields,
    curriculumId: copy.id,
  });
  for (const week of weeks) {
    const { id: _weekId, curriculumId: _curriculumId, sections, goals, prompts, ...weekFields } = week;
    await tx.curriculumWeek.create({
      data: {
        ...weekFields,
        curriculumId: copy.id,
        sections: {
          create: sections.map(({ id: _sectionId, weekId: _weekRef, items, ...sectionFields }) => ({
            ...sectionFields,
            items: { createMany: { data: items.map(({ id: _itemId, sectionId: _sectionRef, ...itemFields }) => itemFields) } },
          })),
        },
        goals: { createMany: { data: goals.map(({ id: _goalId, weekId: _goalWeek, ...goalFields }) => goalFields) } },
        prompts: { createMany: { data: prompts.map(promptFields) } },
      },
      select: { id: true },
    });
  }
  // The closing prompts, which belong to no week.
  const closing = await tx.curriculumPrompt.findMany({ where: { curriculumId: fromId, weekId: null }, orderBy: { position: 'asc' } });
  if (closing.length > 0) await tx.curriculumPrompt.createMany({ data: closing.map(promptFields) });
  return copy.id;
}
