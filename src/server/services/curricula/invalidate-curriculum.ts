// Expires the cached syllabus pages (syllabus-cache.ts) that show a curriculum, so the next
// request renders the change. Called by everything that changes a curriculum (the editor,
// markdown import, from the web app or the CLI) or a cohort's syllabus settings (start date,
// time zone, skipped weeks, visibility, the curriculum it runs).
//
// Expired at once rather than stale-while-revalidate: an admin who fixed a link expects the
// next visit to show it. The tags are expired in this process's cache when it is a Next
// server, and announced to every server (cache-broadcast.ts), so one behind the same load
// balancer, or any server when the CLI made the change, drops its copy within a second.
import { revalidateTag } from 'next/cache';
import { expireLocalTags } from '@/server/cache/cache-broadcast';
import { publishExpiredTags } from '@/server/services/cache/publish-expired-tags';
import type { Db } from '@/server/services/context';
import { cohortSyllabusTag, templateSyllabusTag } from './syllabus-cache';

function curriculumCacheTag(curriculumId: string): string {
  return `curriculum:${curriculumId}`;
}

/** Expires the tags here (inside a Next request) and on every other server. */
async function expireTags(db: Db, tags: string[]): Promise<void> {
  try {
    for (const tag of tags) revalidateTag(tag, { expire: 0 });
    // revalidateTag in a route handler takes effect only after the response is sent (Next runs
    // it as waitUntil work), and the announcement arrives back a moment later: a client that
    // asks for the page as soon as its mutation answers could still get the old one.
    expireLocalTags(tags);
  } catch {
    // Not inside a Next request (the CLI, the worker, tests): the announcement does it all.
  }
  await publishExpiredTags(db, tags);
}

/**
 * The template page of a curriculum and the syllabus page of every cohort that runs it.
 * `slug`: the slug the curriculum had before a change of slug, or of a curriculum just
 * created (whose slug may have been cached as "not found").
 */
export async function invalidateCurriculum(db: Db, curriculumId: string, options: { slug?: string } = {}): Promise<void> {
  const curriculum = await db.curriculum.findUnique({
    where: { id: curriculumId },
    select: { slug: true, cohorts: { select: { slug: true } } },
  });
  const slugs = new Set([options.slug, curriculum?.slug].filter((slug): slug is string => Boolean(slug)));
  await expireTags(db, [
    curriculumCacheTag(curriculumId),
    ...[...slugs].map(templateSyllabusTag),
    ...(curriculum?.cohorts ?? []).map((cohort) => cohortSyllabusTag(cohort.slug)),
  ]);
}

/** A cohort's syllabus page, after a change of its calendar, visibility or curriculum, or its creation. */
export async function invalidateCohortSyllabus(db: Db, cohortSlug: string): Promise<void> {
  await expireTags(db, [cohortSyllabusTag(cohortSlug)]);
}
