import { db } from '@/server/db/client';

// Every cohort for now; the issue that brings cohort membership scopes this list.
export async function listCohorts() {
  return db.cohort.findMany({
    orderBy: [{ startDate: 'desc' }, { name: 'asc' }],
    select: {
      slug: true,
      name: true,
      term: true,
      status: true,
      startDate: true,
      timeZone: true,
      curriculum: { select: { slug: true, title: true } },
    },
  });
}

export type CohortSummary = Awaited<ReturnType<typeof listCohorts>>[number];
