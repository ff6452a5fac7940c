import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { slugSchema } from '@/lib/schemas/slug';
import { getRequestSession } from '@/server/auth/request-session';
import { TRPCError } from '@trpc/server';
import { api, isNotFoundError } from '@/trpc/server';

/**
 * Runs a cohort page's first read: signed-out visitors go to sign in (for any slug alike),
 * everyone who is not a member (reviewers included) gets the 404 page, as for a cohort that
 * does not exist.
 */
async function readCohortPage<T>(slug: string, path: string, read: () => Promise<T>): Promise<T> {
  if (!slugSchema.safeParse(slug).success) notFound();
  if (!(await getRequestSession())) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  try {
    return await read();
  } catch (error) {
    // FORBIDDEN: a reviewer, who reaches the cohort's applications and none of its pages.
    if (isNotFoundError(error) || (error instanceof TRPCError && error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
}

/**
 * The cohort's name, dates and the caller's role and groups for a page under /cohorts/<slug>:
 * no read beyond the caller's access. Cached per request for the metadata and the page.
 */
export const loadCohort = cache((slug: string, path: string) => readCohortPage(slug, path, () => api.cohorts.frame({ cohort: slug })));

/** The whole cohort home (this week, the caller's groups and meetings, a fellow's ticks): the home page's. */
export const loadCohortHome = cache((slug: string, path: string) => readCohortPage(slug, path, () => api.cohorts.get({ cohort: slug })));
