// A curriculum as the editor shows it: the whole outline with ids, and where it stands. A
// template (no source) lists the cohorts whose copies are behind it; a cohort's copy names
// its template and its cohort.
import type { z } from 'zod';
import type { curriculumRefInput } from '@/lib/schemas/curriculum-editor';
import type { ServiceContext } from '@/server/services/context';
import { curriculumNotFound } from './edit-transaction';
import { weekSelect } from './selects';

export async function getEditorCurriculum(ctx: ServiceContext, input: z.output<typeof curriculumRefInput>) {
  const slug = input.curriculum;
  const curriculum = await ctx.db.curriculum.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      notes: true,
      version: true,
      sourceVersion: true,
      updatedAt: true,
      source: { select: { slug: true, title: true, version: true } },
      cohorts: { orderBy: { startDate: 'desc' }, select: { slug: true, name: true, term: true, status: true } },
      copies: {
        orderBy: { slug: 'asc' },
        select: {
          slug: true,
          sourceVersion: true,
          cohorts: { orderBy: { startDate: 'desc' }, select: { slug: true, name: true, term: true, status: true } },
        },
      },
      weeks: { orderBy: { position: 'asc' }, select: weekSelect },
    },
  });
  if (!curriculum) throw curriculumNotFound(slug);

  const { copies, source, ...rest } = curriculum;
  const isCopy = source !== null;
  return {
    ...rest,
    kind: isCopy ? ('copy' as const) : ('template' as const),
    source: source
      ? { ...source, behind: curriculum.sourceVersion === null || source.version > curriculum.sourceVersion }
      : null,
    /** Cohorts running a copy of this template made from an older version of it. */
    cohortsBehind: copies.flatMap((copy) =>
      (copy.sourceVersion ?? 0) < curriculum.version
        ? copy.cohorts.map((cohort) => ({ ...cohort, copySlug: copy.slug, sourceVersion: copy.sourceVersion }))
        : [],
    ),
  };
}

export type EditorCurriculum = Awaited<ReturnType<typeof getEditorCurriculum>>;
