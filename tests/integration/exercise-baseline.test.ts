// An exercise's baseline from earlier cohorts: the fellows' best results on the same exercise
// in cohorts that ran copies of the same template before this one; not later cohorts, not
// other syllabi, and NaN or missing results left out.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { createCohort as createCohortFromTemplate } from '@/server/services/cohorts/create-cohort';
import { listEarlierCohortBests } from '@/server/services/results/run-scores';
import { asCohortAdmin, asSystem, createCurriculum, createGroup, createMembership, createUser } from '../factories';
import { caughtAppOrTRPCError } from '../support/app-errors';
import { updateItemInput } from '@/lib/schemas/curriculum-editor';
import { updateItem } from '@/server/services/curriculum-editor/edit-items';
import { getGroupProgress } from '@/server/services/standing/group-progress';

let cohorts: Record<'spring' | 'summer' | 'fall' | 'other', string>;

async function exerciseItemOf(cohortSlug: string) {
  const cohort = await db.cohort.findUniqueOrThrow({ where: { slug: cohortSlug }, select: { id: true, curriculumId: true } });
  const item = await db.curriculumItem.findFirstOrThrow({ where: { exerciseSlug: 'vae', section: { week: { curriculumId: cohort.curriculumId } } }, select: { id: true } });
  return { cohortId: cohort.id, itemId: item.id };
}

async function addRuns(cohortSlug: string, values: (number | null)[]) {
  const { cohortId, itemId } = await exerciseItemOf(cohortSlug);
  for (const [index, value] of values.entries()) {
    const user = await createUser({ email: `${cohortSlug}-${index}@baseline.test` });
    await db.run.create({
      data: { cohortId, userId: user.id, exerciseItemId: itemId, clientRunId: `run-${index}`, status: 'FINISHED', summary: value === null ? { elbo: 'NaN' } : { elbo: value } },
    });
  }
  return cohortId;
}

beforeAll(async () => {
  const exerciseWeek = (slug: string) => ({
    slug,
    weeks: {
      create: [
        {
          position: 1,
          number: 1,
          title: 'VAEs',
          sections: {
            create: [
              {
                position: 1,
                title: 'Practical',
                kind: 'PRACTICAL' as const,
                items: { create: [{ position: 1, kind: 'EXERCISE' as const, title: 'VAE', exerciseSlug: 'vae', primaryMetric: 'elbo', higherIsBetter: true }] },
              },
            ],
          },
        },
      ],
    },
  });
  await createCurriculum(exerciseWeek('vae-track'));
  await createCurriculum(exerciseWeek('other-track'));
  const make = (slug: string, curriculum: string, startDate: string) => createCohortFromTemplate(asSystem(), { slug, name: slug, curriculum, startDate });
  await make('spring', 'vae-track', '2026-03-02');
  await make('summer', 'vae-track', '2026-06-01');
  await make('fall', 'vae-track', '2026-09-07');
  await make('other', 'other-track', '2026-01-05');
  cohorts = {
    spring: await addRuns('spring', [-100, -90, -80, null]),
    summer: await addRuns('summer', [-70, -60]),
    fall: await addRuns('fall', [-10]),
    other: await addRuns('other', [-1]),
  };
});

describe('earlier cohorts on the same exercise', () => {
  it('lists the cohorts of the same syllabus that ran before, newest first, with their median and best', async () => {
    const baseline = await listEarlierCohortBests(db, cohorts.fall, 'vae', true);
    expect(baseline).toEqual([
      { name: 'summer', fellows: 2, best: -60, median: -65 },
      { name: 'spring', fellows: 3, best: -80, median: -90 },
    ]);
    expect(await listEarlierCohortBests(db, cohorts.spring, 'vae', true)).toEqual([]);
    expect(await listEarlierCohortBests(db, cohorts.other, 'vae', true)).toEqual([]);
  });
});

describe('an exercise and the readings it builds on', () => {
  it('is set up in the editor, and the facilitator’s grid says who ran it without the reading', async () => {
    const fall = await db.cohort.findUniqueOrThrow({ where: { slug: 'fall' }, select: { id: true, curriculum: { select: { slug: true, id: true } } } });
    const { itemId } = await exerciseItemOf('fall');
    const section = await db.curriculumSection.findFirstOrThrow({ where: { week: { curriculumId: fall.curriculum.id } }, select: { id: true } });
    const reading = await db.curriculumItem.create({ data: { sectionId: section.id, position: 2, title: 'VAE intuition', url: 'https://example.org/vae-intuition' }, select: { id: true } });
    const ctx = asSystem();
    const updated = await updateItem(ctx, updateItemInput.parse({ curriculum: fall.curriculum.slug, itemId, buildsOn: ['https://example.org/vae-intuition'], primaryMetric: 'elbo' }));
    expect(updated.item).toMatchObject({ exerciseSlug: 'vae', buildsOn: ['https://example.org/vae-intuition'] });
    // The exercise name is unique in a curriculum.
    const taken = await caughtAppOrTRPCError(updateItem(ctx, updateItemInput.parse({ curriculum: fall.curriculum.slug, itemId: reading.id, exerciseSlug: 'vae' })));
    expect(taken.code).toBe('CONFLICT');
    expect(updateItemInput.safeParse({ curriculum: 'x', itemId: 'y', exerciseSlug: 'Not A Slug' }).success).toBe(false);

    // fall-0 (who ran it) joins a group; without the reading ticked, the grid says so.
    const runner = await db.user.findUniqueOrThrow({ where: { email: 'fall-0@baseline.test' }, select: { id: true } });
    const group = await createGroup(fall.id, { name: 'G' });
    const membership = await createMembership(fall.id, 'FELLOW', { userId: runner.id, groupId: group.id });
    const grid = async () => (await getGroupProgress(asCohortAdmin(fall.id), { groupId: group.id, week: null })).fellows[0]!.exercises[0]!;
    expect(await grid()).toMatchObject({ slug: 'vae', runs: 1, ranWithoutReading: true, readButNotRun: false });
    await db.readingProgress.create({ data: { membershipId: membership.id, itemId: reading.id } });
    expect(await grid()).toMatchObject({ ranWithoutReading: false });
  });
});
