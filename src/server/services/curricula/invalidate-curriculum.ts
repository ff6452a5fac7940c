// Expires the cached syllabus pages (syllabus-cache.ts) that show a curriculum, so the next
// request renders the change. Called by everything in the web app that changes a curriculum
// (the editor, markdown import) or a cohort's syllabus settings (start date, time zone,
// skipped weeks, visibility, the curriculum it runs).
//
// Expired at once rather than stale-while-revalidate: an admin who fixed a link expects the
// next visit to show it. Outside a Next request (tests, the CLI) there is no cache to expire:
// these do nothing there, and the pages' time limits catch up (an hour for a template's
// page, ten minutes for a cohort's: SYLLABUS_CACHE_SECONDS, COHORT_SYLLABUS_CACHE_SECONDS).
// The cache lives in the server process (Next's default cache handler): several app servers
// behind one address would each need telling, through a shared cache handler.
import { revalidateTag } from 'next/cache';
import type { Db } from '@/server/services/context';
import { cohortSyllabusTag, templateSyllabusTag } from './syllabus-cache';

function curriculumCacheTag(curriculumId: string): string {
  return `curriculum:${curriculumId}`;
}

/** Expires the tags; false when there is no Next cache here (tests, the CLI). */
function expireTags(tags: string[]): boolean {
  try {
    for (const tag of tags) revalidateTag(tag, { expire: 0 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The template page of a curriculum and the syllabus page of every cohort that runs it.
 * `slug`: the slug the curriculum had before a change of slug, or of a curriculum just
 * created (whose slug may have been cached as "not found").
 */
export async function invalidateCurriculum(db: Db, curriculumId: string, options: { slug?: string } = {}): Promise<void> {
  if (!expireTags([curriculumCacheTag(curriculumId)])) return;
  const curriculum = await db.curriculum.findUnique({
    where: { id: curriculumId },
    select: { slug: true, cohorts: { select: { slug: true } } },
  });
  const slugs = new Set([options.slug, curriculum?.slug].filter((slug): slug is string => Boolean(slug)));
  expireTags([
    ...[...slugs].map(templateSyllabusTag),
    ...(curriculum?.cohorts ?? []).map((cohort) => cohortSyllabusTag(cohort.slug)),
  ]);
}

/** A cohort's syllabus page, after a change of its calendar, visibility or curriculum, or its creation. */
export function invalidateCohortSyllabus(cohortSlug: string): void {
  expireTags([cohortSyllabusTag(cohortSlug)]);
}
