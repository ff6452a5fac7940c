// The syllabus pages' data, for the page and its metadata alike. Each page exists twice:
// - /syllabus/<slug> and /cohorts/<slug>/syllabus themselves are static (ISR) pages for
//   visitors without a session: rendered on the first request, then served from Next's cache
//   with no database query and no render, until invalidate-curriculum.ts expires them.
// - /signed-in/… render per request for people signed in (their own header, admins'
//   warnings, members-only cohorts), from the same cached data: only the session and, for a
//   members-only cohort, the membership are read. next.config.ts rewrites requests that
//   carry a session cookie there.
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { slugSchema } from '@/lib/schemas/slug';
import { getRequestSession } from '@/server/auth/request-session';
import type { SessionUser } from '@/server/auth/session';
import { requestContext } from '@/server/services/context';
import { canReadCohortSyllabus } from '@/server/services/curricula/syllabus-access';
import { getCachedCohortSyllabus, getCachedTemplateSyllabus } from '@/server/services/curricula/syllabus-cache';

export const loadTemplateSyllabus = cache(async (slug: string) => {
  if (!slugSchema.safeParse(slug).success) notFound();
  const curriculum = await getCachedTemplateSyllabus(requestContext(null), slug);
  if (!curriculum) notFound();
  return curriculum;
});

/** The cohort's syllabus if `user` may read it; the 404 page otherwise (never a hint it exists). */
async function loadCohortSyllabusAs(slug: string, user: SessionUser | null) {
  if (!slugSchema.safeParse(slug).success) notFound();
  const ctx = requestContext(user);
  const page = await getCachedCohortSyllabus(ctx, slug);
  if (!page || !(await canReadCohortSyllabus(ctx, page.cohort))) notFound();
  return page;
}

/** For the static page: the cohort's syllabus when it is public. */
export const loadPublicCohortSyllabus = cache((slug: string) => loadCohortSyllabusAs(slug, null));

/** For the per-request page: the cohort's syllabus when this request's viewer may read it. */
export const loadCohortSyllabusForViewer = cache(async (slug: string) => {
  const session = await getRequestSession();
  return { page: await loadCohortSyllabusAs(slug, session?.user ?? null), session };
});

export function cohortSyllabusTitle(page: { cohort: { name: string } }): string {
  return `Syllabus · ${page.cohort.name}`;
}
