// /cohorts/<cohort>/applications: the review table, for the cohort's reviewers and admins.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { Container } from '@/components/ui/container';
import { buttonClasses } from '@/components/ui/button-styles';
import { CohortAdminNav } from '@/features/cohort-admin/cohort-admin-nav';
import { ReviewTable } from '@/features/applications/review-table';
import { pluralize } from '@/lib/format';
import { slugSchema } from '@/lib/schemas/slug';
import { getRequestSession } from '@/server/auth/request-session';
import { api } from '@/trpc/server';
import { TRPCError } from '@trpc/server';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

/** The table's first page, which also says whether the caller reviews here: anyone else gets the 404 page. */
const loadApplications = cache(async (slug: string) => {
  if (!slugSchema.safeParse(slug).success) notFound();
  if (!(await getRequestSession())) redirect(`/signin?callbackUrl=${encodeURIComponent(`/cohorts/${slug}/applications`)}`);
  try {
    return await api.applications.list({ cohort: slug });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const table = await loadApplications(slug);
  return { title: `Applications · ${table.cohort.name}` };
}

export default async function ApplicationsPage({ params }: Props) {
  const { slug } = await params;
  const table = await loadApplications(slug);
  // Start on what is left to decide, or on everything once all is decided.
  const startFilter = table.counts.SUBMITTED > 0 ? 'to-decide' : 'all';
  const initial = startFilter === 'to-decide' ? await api.applications.list({ cohort: slug, statuses: ['SUBMITTED'] }) : table;
  const confirmed = Object.entries(table.counts).reduce((sum, [status, count]) => (status === 'UNCONFIRMED' ? sum : sum + count), 0);
  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">{table.canManage ? <Link href={`/cohorts/${slug}`}>← {table.cohort.name}</Link> : <span className="text-muted">{table.cohort.name}</span>}</p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Applications</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        {pluralize(confirmed, 'application')}: {table.counts.SUBMITTED} to decide, {table.counts.ACCEPTED} accepted, {table.counts.WAITLISTED} waitlisted,{' '}
        {table.counts.REJECTED} not accepted.{table.counts.UNCONFIRMED ? ` ${table.counts.UNCONFIRMED} more wait for their email to be confirmed.` : ''} Give each a score
        from 1 (no) to 5 (yes, strongly).
      </p>
      {table.canManage ? (
        <>
          <CohortAdminNav slug={slug} current="applications" />
          <p className="mt-4 flex flex-wrap gap-2">
            <Link href={`/cohorts/${slug}/applications/form`} className={buttonClasses('secondary', 'sm')}>
              Form, deadline and reviewers
            </Link>
            <a href={`/cohorts/${slug}/applications/export.csv`} className={buttonClasses('secondary', 'sm')} download>
              Download as CSV
            </a>
          </p>
        </>
      ) : null}
      <div className="mt-6">
        <ReviewTable cohort={slug} startFilter={startFilter} initial={initial} />
      </div>
    </Container>
  );
}
