// Two test files write the same slugs at the same time; each has its own database, so
// neither sees the other's rows and neither hits a unique-constraint error.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { createCohort, createCurriculum } from '../factories';

describe('database per test file (a)', () => {
  it('writes the shared slug without colliding with the other file', async () => {
    const curriculum = await createCurriculum({ slug: 'shared-slug', title: 'Written by file a' });
    await createCohort({ slug: 'shared-slug', curriculumId: curriculum.id });
    // Give the other file time to write the same slugs in its own database.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const rows = await db.curriculum.findMany({ where: { slug: 'shared-slug' }, select: { title: true } });
    expect(rows).toEqual([{ title: 'Written by file a' }]);
    expect(await db.cohort.count()).toBe(1);
  });
});
