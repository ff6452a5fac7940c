// A cohort's exercises: curriculum items of kind EXERCISE with a slug, in the cohort's own
// copy of its curriculum (Cohort.curriculumId).
import type { CurriculumTree } from '@/server/services/curricula/curriculum-tree-cache';
import type { PrismaClient } from '@/generated/prisma/client';
import { AppError } from '@/server/errors';

export type CohortExercise = {
  itemId: string;
  slug: string;
  title: string;
  primaryMetric: string | null;
  higherIsBetter: boolean | null;
  week: number | null;
  /** The readings it builds on, by URL (or title). */
  buildsOn: string[];
};

export async function listCohortExercises(db: PrismaClient, curriculumId: string): Promise<CohortExercise[]> {
  const items = await db.curriculumItem.findMany({
    where: { kind: 'EXERCISE', exerciseSlug: { not: null }, section: { week: { curriculumId } } },
    orderBy: [{ section: { week: { position: 'asc' } } }, { section: { position: 'asc' } }, { position: 'asc' }],
    select: {
      id: true,
      exerciseSlug: true,
      title: true,
      primaryMetric: true,
      higherIsBetter: true,
      buildsOn: true,
      section: { select: { week: { select: { number: true } } } },
    },
  });
  const seen = new Set<string>();
  const exercises: CohortExercise[] = [];
  for (const item of items) {
    // Slugs are unique in a curriculum; should an edit ever repeat one, the first one counts.
    if (seen.has(item.exerciseSlug!)) continue;
    seen.add(item.exerciseSlug!);
    exercises.push({
      itemId: item.id,
      slug: item.exerciseSlug!,
      title: item.title,
      primaryMetric: item.primaryMetric,
      higherIsBetter: item.higherIsBetter,
      week: item.section.week.number,
      buildsOn: item.buildsOn,
    });
  }
  return exercises;
}

const exercisesByTree = new WeakMap<CurriculumTree, CohortExercise[]>();

/** The same list from a curriculum tree already loaded (curriculum-tree-cache.ts): no query. */
export function exercisesOfTree(tree: CurriculumTree): CohortExercise[] {
  let exercises = exercisesByTree.get(tree);
  if (!exercises) {
    const seen = new Set<string>();
    exercises = [];
    for (const week of tree.weeks) {
      for (const section of week.sections) {
        for (const item of section.items) {
          if (item.kind !== 'EXERCISE' || !item.exerciseSlug || seen.has(item.exerciseSlug)) continue;
          seen.add(item.exerciseSlug);
          exercises.push({
            itemId: item.id,
            slug: item.exerciseSlug,
            title: item.title,
            primaryMetric: item.primaryMetric,
            higherIsBetter: item.higherIsBetter,
            week: week.number,
            buildsOn: item.buildsOn,
          });
        }
      }
    }
    Object.freeze(exercises);
    exercisesByTree.set(tree, exercises);
  }
  return exercises;
}

/**
 * The readings an exercise builds on, found among `items` by URL (or title, without one): the
 * first item of each. Keys that match nothing (a reading since removed) are left out.
 */
export function resolveBuildsOn<T extends { id: string; url: string | null; title: string }>(exercise: Pick<CohortExercise, 'itemId' | 'buildsOn'>, items: T[]): T[] {
  return exercise.buildsOn.flatMap((key) => items.filter((item) => item.id !== exercise.itemId && (item.url ?? item.title) === key).slice(0, 1));
}

/** The exercise `slug` of the cohort, or a 404 that lists the ones there are. */
export async function findCohortExercise(
  db: PrismaClient,
  curriculumId: string,
  cohortName: string,
  slug: string,
): Promise<CohortExercise> {
  const exercises = await listCohortExercises(db, curriculumId);
  const found = exercises.find((exercise) => exercise.slug === slug);
  if (found) return found;
  const known = exercises.map((exercise) => exercise.slug);
  throw new AppError(
    'NOT_FOUND',
    `No exercise "${slug}" in ${cohortName}. ${known.length ? `Its exercises are: ${known.join(', ')}.` : 'It has no exercises yet.'}`,
    [{ path: 'exercise', message: known.length ? `must be one of ${known.join(', ')}` : 'this cohort has no exercises' }],
  );
}
