// A cohort's copy of a template against the template after edits: what the comparison
// reports, and what applying the template does to the copy (readings that match keep their
// ids; the copy then says exactly what the template says).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { addGoal, updateGoal } from '@/server/services/curriculum-editor/edit-goals';
import { addItem, deleteItem, moveItem, updateItem } from '@/server/services/curriculum-editor/edit-items';
import { updateSection } from '@/server/services/curriculum-editor/edit-sections';
import { addWeek, updateCurriculumFields } from '@/server/services/curriculum-editor/edit-weeks';
import { applyTemplateToCohort, compareCohortCopyWithTemplate } from '@/server/services/curriculum-editor/template-changes';
import { importSyllabus, loadCurriculumForExport } from '@/server/services/syllabus/import-syllabus';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { createCohort, createCurriculum } from '../factories';

const diffusionText = readFileSync(path.join(process.cwd(), 'prisma/seed/diffusion-track.md'), 'utf8');

/** A cohort on its own copy of `templateSlug`, as cohort creation makes one. */
async function cohortOnCopy(templateSlug: string, cohortSlug: string) {
  const template = await db.curriculum.findUniqueOrThrow({ where: { slug: templateSlug } });
  const copySlug = `${templateSlug}-${cohortSlug}`;
  const { id } = await importSyllabus({ db, user: null }, { syllabus: { ...(await loadCurriculumForExport({ db, user: null }, { slug: templateSlug })), slug: copySlug } });
  await db.curriculum.update({ where: { id }, data: { sourceId: template.id, sourceVersion: template.version } });
  await createCohort({ slug: cohortSlug, curriculumId: id });
  return copySlug;
}

async function itemsOf(slug: string) {
  const weeks = await db.curriculumWeek.findMany({
    where: { curriculum: { slug } },
    orderBy: { position: 'asc' },
    select: { sections: { orderBy: { position: 'asc' }, select: { items: { orderBy: { position: 'asc' }, select: { id: true, title: true, url: true } } } } },
  });
  return weeks.map((week) => week.sections.flatMap((section) => section.items));
}

const withoutSlug = <T extends { slug: string }>({ slug: _slug, ...rest }: T) => rest;

describe('template changes for a cohort', () => {
  const template = 'tc-diffusion';
  let copySlug: string;

  beforeAll(async () => {
    await importSyllabus({ db, user: null }, { syllabus: parseSyllabusMarkdown(diffusionText, { slug: template }) });
    copySlug = await cohortOnCopy(template, 'tc-spring');
  });

  it('says "up to date" while the template has not moved on', async () => {
    const comparison = await compareCohortCopyWithTemplate({ db, user: null }, { cohort: 'tc-spring' });
    expect(comparison).toMatchObject({
      cohort: { slug: 'tc-spring' },
      copy: { slug: copySlug, sourceVersion: 1 },
      template: { slug: template, version: 1 },
      templateMovedOn: false,
      changes: [],
    });
  });

  it('lists what changed in the template, in words', async () => {
    const copyItems = await itemsOf(template);
    const [w1a, w1b] = copyItems[0]!;
    const w2 = copyItems[1]!;
    await updateItem({ db, user: null }, { curriculum: template, itemId: w1a!.id, title: 'Renamed reading', minutes: 42 });
    await updateItem({ db, user: null }, { curriculum: template, itemId: w1b!.id, url: 'https://example.org/new-link' });
    await deleteItem({ db, user: null }, { curriculum: template, itemId: w2[0]!.id });
    const week3 = await db.curriculumWeek.findFirstOrThrow({
      where: { curriculum: { slug: template }, position: 3 },
      select: { id: true, sections: { orderBy: { position: 'asc' }, select: { id: true } }, goals: { orderBy: { position: 'asc' }, select: { id: true } } },
    });
    await addItem({ db, user: null }, { curriculum: template, sectionId: week3.sections[0]!.id, title: 'Brand new reading', url: 'https://example.org/brand-new', minutes: 15 });
    await updateSection({ db, user: null }, { curriculum: template, sectionId: week3.sections[0]!.id, title: 'Core readings, revised' });
    await updateGoal({ db, user: null }, { curriculum: template, goalId: week3.goals[0]!.id, category: 'PRACTICAL' });
    await addGoal({ db, user: null }, { curriculum: template, weekId: week3.id, text: 'Explain classifier-free guidance', category: 'THEORETICAL' });
    await addWeek({ db, user: null }, { curriculum: template, title: 'Capstone' });
    await updateCurriculumFields({ db, user: null }, { curriculum: template, description: 'Revised for 2027' });

    const comparison = await compareCohortCopyWithTemplate({ db, user: null }, { cohort: 'tc-spring' });
    expect(comparison.templateMovedOn).toBe(true);
    expect(comparison.template!.version).toBe(10);
    const summary = comparison.changes.map((change) => `${change.kind} ${change.entity}: ${change.title}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        `changed curriculum: ${comparison.template!.title}`,
        'changed reading: Renamed reading',
        `changed reading: ${w1b!.title}`,
        `removed reading: ${w2[0]!.title}`,
        'added reading: Brand new reading',
        'changed section: Core readings, revised',
        'added goal: Explain classifier-free guidance',
        'added week: Week 7: Capstone',
      ]),
    );
    const renamed = comparison.changes.find((change) => change.title === 'Renamed reading')!;
    expect(renamed.fields).toEqual([
      { field: 'title', before: w1a!.title, after: 'Renamed reading' },
      { field: 'minutes', before: expect.any(String), after: '42' },
    ]);
    expect(renamed.week).toMatch(/^Week 1: /);
    const relinked = comparison.changes.find((change) => change.title === w1b!.title)!;
    expect(relinked.fields).toEqual([{ field: 'link', before: w1b!.url, after: 'https://example.org/new-link' }]);
    expect(comparison.changes.filter((change) => change.entity === 'goal' && change.kind === 'changed')).toHaveLength(1);
    expect(comparison.changes).toHaveLength(9);

    // Nothing was applied by looking.
    expect((await db.curriculum.findUniqueOrThrow({ where: { slug: copySlug } })).sourceVersion).toBe(1);
  });

  it('applies the template to the copy, keeping the ids of readings that match', async () => {
    const before = await itemsOf(copySlug);
    const templateItems = await itemsOf(template);
    const copyVersion = (await db.curriculum.findUniqueOrThrow({ where: { slug: copySlug } })).version;

    const result = await applyTemplateToCohort({ db, user: null }, { cohort: 'tc-spring' });
    expect(result).toEqual({ applied: true, version: copyVersion + 1, templateVersion: 10, changes: 9, readingsKept: 21, readingsAdded: 1, readingsRemoved: 1 });

    const after = await itemsOf(copySlug);
    // Week 1: the renamed reading matched by URL, the relinked one by title: both kept.
    expect(after[0]!.map((item) => item.id)).toEqual(before[0]!.map((item) => item.id));
    expect(after[0]![0]!.title).toBe('Renamed reading');
    expect(after[0]![1]!.url).toBe('https://example.org/new-link');
    // Week 2: the deleted reading is gone, the others kept their ids.
    expect(after[1]!.map((item) => item.id)).toEqual(before[1]!.slice(1).map((item) => item.id));
    // Week 3: the new reading is new here too, with its own id.
    const added = after[2]!.find((item) => item.title === 'Brand new reading')!;
    expect(before.flat().map((item) => item.id)).not.toContain(added.id);
    expect(templateItems.flat().map((item) => item.id)).not.toContain(added.id);
    // Every other week: untouched ids.
    for (const index of [3, 4, 5]) expect(after[index]!.map((item) => item.id)).toEqual(before[index]!.map((item) => item.id));

    expect(withoutSlug(await loadCurriculumForExport({ db, user: null }, { slug: copySlug }))).toEqual(withoutSlug(await loadCurriculumForExport({ db, user: null }, { slug: template })));
    const copy = await db.curriculum.findUniqueOrThrow({ where: { slug: copySlug } });
    expect(copy.sourceVersion).toBe(10);
    expect(copy.version).toBe(copyVersion + 1);

    const comparison = await compareCohortCopyWithTemplate({ db, user: null }, { cohort: 'tc-spring' });
    expect(comparison.templateMovedOn).toBe(false);
    expect(comparison.changes).toEqual([]);
  });

  it('handles readings that moved between sections, sections that went, and weeks removed', async () => {
    const copyBefore = await itemsOf(copySlug);
    // In the template: move week 2's first reading into its second section, delete the last week.
    const week2 = await db.curriculumWeek.findFirstOrThrow({
      where: { curriculum: { slug: template }, position: 2 },
      select: { sections: { orderBy: { position: 'asc' }, select: { id: true, items: { orderBy: { position: 'asc' }, select: { id: true } } } } },
    });
    await moveItem({ db, user: null }, { curriculum: template, itemId: week2.sections[0]!.items[0]!.id, toSectionId: week2.sections[1]!.id, toPosition: 1 });
    const capstone = await db.curriculumWeek.findFirstOrThrow({ where: { curriculum: { slug: template }, position: 7 } });
    await db.curriculumWeek.delete({ where: { id: capstone.id } });
    await db.curriculum.update({ where: { slug: template }, data: { version: { increment: 1 } } });

    const comparison = await compareCohortCopyWithTemplate({ db, user: null }, { cohort: 'tc-spring' });
    expect(comparison.changes.map((change) => `${change.kind} ${change.entity}`)).toEqual(
      expect.arrayContaining(['changed reading', 'removed week']),
    );
    const moved = comparison.changes.find((change) => change.entity === 'reading')!;
    expect(moved.fields).toEqual([{ field: 'section', before: expect.any(String), after: expect.any(String) }]);

    await applyTemplateToCohort({ db, user: null }, { cohort: 'tc-spring' });
    expect(withoutSlug(await loadCurriculumForExport({ db, user: null }, { slug: copySlug }))).toEqual(withoutSlug(await loadCurriculumForExport({ db, user: null }, { slug: template })));
    const after = await itemsOf(copySlug);
    expect(after).toHaveLength(6);
    expect(after[1]!.map((item) => item.id).sort()).toEqual(copyBefore[1]!.map((item) => item.id).sort());
  });

  it('rewrites a copy whose readings differ entirely, and refuses nothing else', async () => {
    await createCurriculum({ slug: 'tc-small' });
    const copy = await cohortOnCopy('tc-small', 'tc-small-cohort');
    // A local fix in the copy shows as a difference, and applying the template undoes it.
    const item = (await itemsOf(copy))[0]![0]!;
    await updateItem({ db, user: null }, { curriculum: copy, itemId: item.id, url: 'https://example.org/fixed' });
    const comparison = await compareCohortCopyWithTemplate({ db, user: null }, { cohort: 'tc-small-cohort' });
    expect(comparison.templateMovedOn).toBe(false);
    expect(comparison.changes).toHaveLength(1);
    await applyTemplateToCohort({ db, user: null }, { cohort: 'tc-small-cohort' });
    expect((await itemsOf(copy))[0]![0]).toEqual({ ...item, url: 'https://example.com/1' });
  });

  it('leaves an archived cohort’s syllabus alone', async () => {
    await createCurriculum({ slug: 'tc-archived-template' });
    const copy = await cohortOnCopy('tc-archived-template', 'tc-archived');
    await db.cohort.update({ where: { slug: 'tc-archived' }, data: { status: 'ARCHIVED' } });
    const item = (await itemsOf('tc-archived-template'))[0]![0]!;
    await updateItem({ db, user: null }, { curriculum: 'tc-archived-template', itemId: item.id, title: 'Changed in the template' });
    const before = await loadCurriculumForExport({ db, user: null }, { slug: copy });
    await expect(applyTemplateToCohort({ db, user: null }, { cohort: 'tc-archived' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await loadCurriculumForExport({ db, user: null }, { slug: copy })).toEqual(before);
    expect((await db.curriculum.findUniqueOrThrow({ where: { slug: copy } })).sourceVersion).toBe(1);
  });

  it('has nothing to apply for a cohort that runs a template directly', async () => {
    const direct = await createCohort({ slug: 'tc-direct' });
    expect(direct.slug).toBe('tc-direct');
    const comparison = await compareCohortCopyWithTemplate({ db, user: null }, { cohort: 'tc-direct' });
    expect(comparison).toMatchObject({ template: null, templateMovedOn: false, changes: [] });
    expect(await applyTemplateToCohort({ db, user: null }, { cohort: 'tc-direct' })).toMatchObject({ applied: false });
    await expect(compareCohortCopyWithTemplate({ db, user: null }, { cohort: 'no-such-cohort' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
