// The demo's training exercise: Week 5's "Full VAE derivation and implementation" becomes the
// `vae` exercise (primary metric `elbo`, higher is better), in the Diffusion Track template and
// in the demo cohort's own copy of it, so demo fellows can send runs at once.
//
// Idempotent: a curriculum that already has a `vae` exercise, or whose item already has a
// slug (an admin chose one), is left alone.
import type { Prisma } from '@/generated/prisma/client';

export const DEMO_EXERCISE = { slug: 'vae', primaryMetric: 'elbo', higherIsBetter: true } as const;
const DEMO_COHORT = 'demo';
const TEMPLATE = 'diffusion-track';
const WEEK = 5;
const TITLE_START = 'full vae derivation';

/** Returns how many curriculum items it marked. */
export async function ensureDemoExercises(db: Prisma.TransactionClient): Promise<number> {
  // One after the other: inside a transaction, queries share one connection.
  const cohort = await db.cohort.findUnique({
    where: { slug: DEMO_COHORT },
    select: { curriculumId: true, curriculum: { select: { sourceId: true } } },
  });
  const template = await db.curriculum.findUnique({ where: { slug: TEMPLATE }, select: { id: true } });
  const curriculumIds = new Set(
    [cohort?.curriculumId, cohort?.curriculum.sourceId, template?.id].filter((id): id is string => Boolean(id)),
  );
  let marked = 0;
  for (const curriculumId of curriculumIds) {
    const taken = await db.curriculumItem.count({
      where: { exerciseSlug: DEMO_EXERCISE.slug, section: { week: { curriculumId } } },
    });
    if (taken > 0) continue;
    const item = await db.curriculumItem.findFirst({
      where: {
        exerciseSlug: null,
        title: { startsWith: TITLE_START, mode: 'insensitive' },
        section: { week: { curriculumId, number: WEEK } },
      },
      orderBy: { position: 'asc' },
      select: { id: true },
    });
    if (!item) continue;
    // It builds on the VAE readings before it (week 3's intuition, week 4's mechanics), by URL or title.
    const basis = await db.curriculumItem.findMany({
      where: { kind: { not: 'EXERCISE' }, title: { contains: 'VAE', mode: 'insensitive' }, section: { week: { curriculumId, number: { lt: WEEK } } } },
      select: { title: true, url: true },
    });
    await db.curriculumItem.update({
      where: { id: item.id },
      data: {
        kind: 'EXERCISE',
        exerciseSlug: DEMO_EXERCISE.slug,
        primaryMetric: DEMO_EXERCISE.primaryMetric,
        higherIsBetter: DEMO_EXERCISE.higherIsBetter,
        buildsOn: basis.map((reading) => reading.url ?? reading.title),
      },
    });
    marked += 1;
  }
  return marked;
}
