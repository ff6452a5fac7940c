// The demo's Diffusion Track has a `vae` exercise (primary metric elbo, higher is better), in
// the template and in the demo cohort's copy, so demo fellows can send runs at once.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { ensureDemoExercises } from '@/server/services/demo/demo-exercises';
import { seedDemoData } from '@/server/services/demo/seed-demo';
import { listCohortExercises } from '@/server/services/runs/exercises';
import { systemContext } from '@/server/services/context';

describe('the demo exercise', () => {
  it('marks Week 5\'s VAE exercise as `vae` in the template and the cohort copy, once', async () => {
    await seedDemoData(systemContext(db));
    const cohort = await db.cohort.findUniqueOrThrow({ where: { slug: 'demo' }, include: { curriculum: true } });
    const curricula = new Set([cohort.curriculumId, cohort.curriculum.sourceId].filter(Boolean) as string[]);
    const template = await db.curriculum.findUnique({ where: { slug: 'diffusion-track' } });
    if (template) curricula.add(template.id);
    for (const curriculumId of curricula) {
      const exercises = await listCohortExercises(db, curriculumId);
      expect(exercises).toEqual([
        expect.objectContaining({ slug: 'vae', title: 'Full VAE derivation and implementation', primaryMetric: 'elbo', higherIsBetter: true, week: 5 }),
      ]);
    }
    // Seeding again changes nothing.
    expect(await ensureDemoExercises(db)).toBe(0);
    await seedDemoData(systemContext(db));
    expect(await db.curriculumItem.count({ where: { exerciseSlug: 'vae' } })).toBe(curricula.size);
  });
});
