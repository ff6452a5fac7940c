import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { slugSchema } from '@/lib/schemas/slug';
import { getRequestSession } from '@/server/auth/request-session';
import { TRPCError } from '@trpc/server';
import { api, isNotFoundError } from '@/trpc/server';

/**
 * The cohort home for a page under /cohorts/<slug>: signed-out visitors go to sign in (for
 * any slug alike), everyone who is not a member (reviewers included) gets the 404 page, as for a cohort that
 * does not exist. Cached per request for the metadata and the page.
 */
export const loadCohort = cache(async (slug: string, path: string) => {
  if (!slugSchema.safeParse(slug).success) notFound();
  if (!(await getRequestSession())) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  try {
    return await api.cohorts.get({ cohort: slug });
  } catch (error) {
    // FORBIDDEN: a reviewer, who reaches the cohort's applications and none of its pages.
    if (isNotFoundError(error) || (error instanceof TRPCError && error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
});
