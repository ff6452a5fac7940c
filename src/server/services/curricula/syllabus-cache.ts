// The syllabus pages' data cache. A page asks for its syllabus through these functions; the
// first request reads the database (syllabus-page.ts) and Next's data cache keeps the result
// under a tag, so later requests, and later renders of the page itself, read no database. The
// tags are expired by invalidate-curriculum.ts whenever a curriculum or a cohort changes, on
// every server (announced through PostgreSQL, cache-broadcast.ts); the time limit is a
// backstop for a change made by hand in the database.
import { unstable_cache } from 'next/cache';
import type { ServiceContext } from '@/server/services/context';
import { loadCohortSyllabusPage, loadTemplateSyllabusPage } from './syllabus-page';

/** How long a cached template syllabus may live without an invalidation, in seconds. */
export const SYLLABUS_CACHE_SECONDS = 3600;
/** …and a cohort's, whose visibility and calendar matter more (keep to its page's `revalidate`). */
export const COHORT_SYLLABUS_CACHE_SECONDS = 600;

/** The tag of everything cached for /syllabus/<slug>. */
export function templateSyllabusTag(slug: string): string {
  return `syllabus:${slug}`;
}

/** The tag of everything cached for /cohorts/<slug>/syllabus. */
export function cohortSyllabusTag(cohortSlug: string): string {
  return `cohort-syllabus:${cohortSlug}`;
}

// The context stays out of the cached function's arguments: they make its cache key.
export function getCachedTemplateSyllabus(ctx: ServiceContext, slug: string) {
  return unstable_cache((key: string) => loadTemplateSyllabusPage(ctx, { slug: key }), ['syllabus-page', 'template'], {
    tags: [templateSyllabusTag(slug)],
    revalidate: SYLLABUS_CACHE_SECONDS,
  })(slug);
}

export function getCachedCohortSyllabus(ctx: ServiceContext, cohortSlug: string) {
  return unstable_cache((key: string) => loadCohortSyllabusPage(ctx, { cohort: key }), ['syllabus-page', 'cohort'], {
    tags: [cohortSyllabusTag(cohortSlug)],
    revalidate: COHORT_SYLLABUS_CACHE_SECONDS,
  })(cohortSlug);
}
