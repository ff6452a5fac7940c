// A cohort runs on its own copy of a template (Curriculum.sourceId/sourceVersion), so editing
// the template never silently changes a running cohort. These show an admin what changed
// since, and apply it to one cohort on request: the copy's content is replaced by the
// template's, keeping the ids of the readings that match (same week, same URL or title) so
// that fellows' progress on them survives.
import type { z } from 'zod';
import type { cohortTemplateInput } from '@/lib/schemas/curriculum-editor';
import { weekFieldsOf } from '@/lib/syllabus/week-fields';
import { AppError } from '@/server/errors';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import type { Db, ServiceContext } from '@/server/services/context';
import { diffCurricula, matchWeekItems, type TemplateChange } from './curriculum-diff';
import { editCurriculum, type Tx } from './edit-transaction';
import { promptSelect, weekSelect } from './selects';
import { recordAudit } from '@/server/services/audit/record-audit';

const treeSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  notes: true,
  version: true,
  closingTitle: true,
  closingNotes: true,
  closingPromptsTitle: true,
  prompts: { where: { weekId: null }, orderBy: { position: 'asc' }, select: promptSelect },
  weeks: { orderBy: { position: 'asc' }, select: { ...weekSelect, curriculumId: true } },
} as const;

async function loadCohortCopy(db: Db, cohortSlug: string) {
  const cohort = await db.cohort.findUnique({
    where: { slug: cohortSlug },
    select: {
      id: true,
      slug: true,
      name: true,
      curriculum: {
        select: {
          ...treeSelect,
          sourceVersion: true,
          source: { select: treeSelect },
        },
      },
    },
  });
  if (!cohort) throw new AppError('NOT_FOUND', 'No cohort with that name.');
  return cohort;
}

export type TemplateComparison = {
  cohort: { slug: string; name: string };
  copy: { slug: string; title: string; version: number; sourceVersion: number | null };
  /** Null when the cohort runs a curriculum that is no copy (or whose template was deleted). */
  template: { slug: string; title: string; version: number } | null;
  /** The template was edited after this copy was made or last brought up to date. */
  templateMovedOn: boolean;
  /** What applying the template would change in the copy (local edits of the copy included). */
  changes: TemplateChange[];
};

export async function compareCohortCopyWithTemplate(
  ctx: ServiceContext,
  input: z.output<typeof cohortTemplateInput>,
): Promise<TemplateComparison> {
  const { slug, name, curriculum } = await loadCohortCopy(ctx.db, input.cohort);
  const { source, ...copy } = curriculum;
  return {
    cohort: { slug, name },
    copy: { slug: copy.slug, title: copy.title, version: copy.version, sourceVersion: copy.sourceVersion },
    template: source ? { slug: source.slug, title: source.title, version: source.version } : null,
    templateMovedOn: source ? copy.sourceVersion === null || source.version > copy.sourceVersion : false,
    changes: source ? diffCurricula(copy, source) : [],
  };
}

export type ApplyTemplateResult =
  | { applied: false; reason: string }
  | {
      applied: true;
      /** The copy's own version after the change. */
      version: number;
      templateVersion: number;
      changes: number;
      readingsKept: number;
      readingsAdded: number;
      readingsRemoved: number;
    };

type TreeWeek = Awaited<ReturnType<typeof loadCohortCopy>>['curriculum']['weeks'][number];

export async function applyTemplateToCohort(
  ctx: ServiceContext,
  input: z.output<typeof cohortTemplateInput>,
): Promise<ApplyTemplateResult> {
  const found = await loadCohortCopy(ctx.db, input.cohort);
  if (!found.curriculum.source) {
    return { applied: false, reason: 'This cohort’s syllabus is not a copy of a template, so there is nothing to apply.' };
  }
  const copySlug = found.curriculum.slug;

  const result = await editCurriculum(ctx.db, copySlug, async ({ tx, curriculumId }) => {
    // An archived cohort keeps the syllabus it ran with.
    await assertCohortWritable(tx, found.id);
    // Read again under the lock editCurriculum holds on the copy: what we replace is current.
    const copy = await tx.curriculum.findUniqueOrThrow({
      where: { id: curriculumId },
      select: { ...treeSelect, sourceId: true, sourceVersion: true },
    });
    if (!copy.sourceId) throw new AppError('CONFLICT', 'This cohort’s syllabus is no longer linked to a template.');
    const template = await tx.curriculum.findUniqueOrThrow({ where: { id: copy.sourceId }, select: treeSelect });
    const changes = diffCurricula(copy, template);
    const counts = { readingsKept: 0, readingsAdded: 0, readingsRemoved: 0 };

    const weekCount = Math.max(copy.weeks.length, template.weeks.length);
    for (let index = 0; index < weekCount; index++) {
      const before = copy.weeks[index];
      const after = template.weeks[index];
      if (before && !after) {
        counts.readingsRemoved += before.sections.reduce((sum, section) => sum + section.items.length, 0);
        await tx.curriculumWeek.delete({ where: { id: before.id } });
      } else if (!before && after) {
        counts.readingsAdded += after.sections.reduce((sum, section) => sum + section.items.length, 0);
        await createWeek(tx, curriculumId, index + 1, after);
      } else if (before && after) {
        const weekCounts = await replaceWeek(tx, before, after);
        counts.readingsKept += weekCounts.kept;
        counts.readingsAdded += weekCounts.added;
        counts.readingsRemoved += weekCounts.removed;
      }
    }
    await tx.curriculum.update({
      where: { id: curriculumId },
      data: {
        title: template.title,
        description: template.description,
        notes: template.notes,
        closingTitle: template.closingTitle,
        closingNotes: template.closingNotes,
        closingPromptsTitle: template.closingPromptsTitle,
        sourceVersion: template.version,
      },
    });
    await replacePrompts(tx, { curriculumId, weekId: null }, copy.prompts, template.prompts);
    await recordAudit(tx, ctx, {
      action: 'curriculum.template_applied',
      cohortId: found.id,
      summary: `Applied ${changes.length} template changes (version ${template.version}) to the cohort’s syllabus: ${counts.readingsAdded} readings added, ${counts.readingsRemoved} removed`,
      subjectType: 'curriculum',
      subjectId: curriculumId,
      before: { sourceVersion: copy.sourceVersion },
      after: { sourceVersion: template.version, ...counts },
    });
    return { templateVersion: template.version, changes: changes.length, ...counts };
  });
  return { applied: true, ...result };
}

function itemFieldsOf(item: TreeWeek['sections'][number]['items'][number]) {
  return {
    kind: item.kind,
    title: item.title,
    url: item.url,
    minutes: item.minutes,
    minutesText: item.minutesText,
    optional: item.optional,
    note: item.note,
    exerciseSlug: item.exerciseSlug,
    primaryMetric: item.primaryMetric,
    higherIsBetter: item.higherIsBetter,
    buildsOn: item.buildsOn,
  };
}

function sectionFieldsOf(section: TreeWeek['sections'][number]) {
  return {
    title: section.title,
    kind: section.kind,
    statedMinutes: section.statedMinutes,
    statedText: section.statedText,
    group: section.group,
  };
}

async function createWeek(tx: Tx, curriculumId: string, position: number, week: TreeWeek) {
  await tx.curriculumWeek.create({
    data: {
      curriculumId,
      position,
      ...weekFieldsOf(week),
      sections: {
        create: week.sections.map((section, sectionIndex) => ({
          position: sectionIndex + 1,
          ...sectionFieldsOf(section),
          items: { createMany: { data: section.items.map((item, itemIndex) => ({ position: itemIndex + 1, ...itemFieldsOf(item) })) } },
        })),
      },
      goals: { createMany: { data: week.goals.map((goal, goalIndex) => ({ position: goalIndex + 1, category: goal.category, text: goal.text })) } },
      prompts: {
        createMany: { data: week.prompts.map((prompt, promptIndex) => ({ curriculumId, position: promptIndex + 1, kind: prompt.kind, text: prompt.text })) },
      },
    },
    select: { id: true },
  });
}

/**
 * Makes the copy's prompts of one week (or its closing prompts, `weekId` null) the template's:
 * a prompt whose text is kept keeps its id, so fellows' answers to it survive.
 */
export async function replacePrompts(
  tx: Tx,
  target: { curriculumId: string; weekId: string | null },
  before: { id: string; text: string }[],
  after: { kind: 'DISCUSSION' | 'REFLECTION'; text: string }[],
) {
  const unused = new Map<string, string[]>();
  for (const prompt of before) unused.set(prompt.text.trim(), [...(unused.get(prompt.text.trim()) ?? []), prompt.id]);
  const kept: { id: string; position: number; kind: 'DISCUSSION' | 'REFLECTION' }[] = [];
  const created: { position: number; kind: 'DISCUSSION' | 'REFLECTION'; text: string }[] = [];
  after.forEach((prompt, index) => {
    const id = unused.get(prompt.text.trim())?.shift();
    if (id) kept.push({ id, position: index + 1, kind: prompt.kind });
    else created.push({ position: index + 1, kind: prompt.kind, text: prompt.text });
  });
  const keptIds = new Set(kept.map((prompt) => prompt.id));
  const removed = before.filter((prompt) => !keptIds.has(prompt.id)).map((prompt) => prompt.id);
  if (removed.length > 0) await tx.curriculumPrompt.deleteMany({ where: { id: { in: removed } } });
  for (const prompt of kept) await tx.curriculumPrompt.update({ where: { id: prompt.id }, data: { position: prompt.position, kind: prompt.kind } });
  if (created.length > 0) await tx.curriculumPrompt.createMany({ data: created.map((prompt) => ({ ...target, ...prompt })) });
}

/** Makes the copy's week `before` say what the template's week `after` says. */
async function replaceWeek(tx: Tx, before: TreeWeek, after: TreeWeek) {
  const matches = matchWeekItems(before, after);
  const keptIds = new Set<string>();
  for (const ref of matches.values()) keptIds.add(before.sections[ref.section]!.items[ref.item]!.id);
  const copyItemIds = before.sections.flatMap((section) => section.items.map((item) => item.id));
  const removed = copyItemIds.filter((id) => !keptIds.has(id));

  await tx.curriculumWeek.update({ where: { id: before.id }, data: weekFieldsOf(after) });
  if (removed.length > 0) await tx.curriculumItem.deleteMany({ where: { id: { in: removed } } });

  // Park what stays at distinct negative positions, so that writing the final positions
  // never meets a row still at its old one (positions are unique per parent).
  const kept = [...keptIds];
  if (kept.length > 0) {
    await tx.$executeRaw`
      UPDATE "CurriculumItem" AS t SET "position" = v.position
      FROM unnest(${kept}::text[], ${kept.map((_, index) => -(index + 1))}::int[]) AS v(id, position)
      WHERE t."id" = v.id`;
  }
  const sectionIds = before.sections.map((section) => section.id);
  if (sectionIds.length > 0) {
    await tx.$executeRaw`UPDATE "CurriculumSection" SET "position" = -"position" - 1 WHERE "id" = ANY(${sectionIds}::text[])`;
  }

  // Sections by position: update those the copy has, create the rest.
  const targetSectionIds: string[] = [];
  for (const [index, section] of after.sections.entries()) {
    const existing = before.sections[index];
    if (existing) {
      await tx.curriculumSection.update({ where: { id: existing.id }, data: { position: index + 1, ...sectionFieldsOf(section) } });
      targetSectionIds.push(existing.id);
    } else {
      const created = await tx.curriculumSection.create({
        data: { weekId: before.id, position: index + 1, ...sectionFieldsOf(section) },
        select: { id: true },
      });
      targetSectionIds.push(created.id);
    }
  }

  let added = 0;
  for (const [sectionIndex, section] of after.sections.entries()) {
    for (const [itemIndex, item] of section.items.entries()) {
      const ref = matches.get(`${sectionIndex}:${itemIndex}`);
      const data = { sectionId: targetSectionIds[sectionIndex]!, position: itemIndex + 1, ...itemFieldsOf(item) };
      if (ref) {
        await tx.curriculumItem.update({ where: { id: before.sections[ref.section]!.items[ref.item]!.id }, data });
      } else {
        await tx.curriculumItem.create({ data, select: { id: true } });
        added += 1;
      }
    }
  }

  // Sections the template no longer has: their kept readings moved out above.
  const extraSections = before.sections.slice(after.sections.length).map((section) => section.id);
  if (extraSections.length > 0) await tx.curriculumSection.deleteMany({ where: { id: { in: extraSections } } });

  await replacePrompts(tx, { curriculumId: before.curriculumId, weekId: before.id }, before.prompts, after.prompts);

  await tx.learningGoal.deleteMany({ where: { weekId: before.id } });
  if (after.goals.length > 0) {
    await tx.learningGoal.createMany({
      data: after.goals.map((goal, index) => ({ weekId: before.id, position: index + 1, category: goal.category, text: goal.text })),
    });
  }
  return { kept: kept.length, added, removed: removed.length };
}
