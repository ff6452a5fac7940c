import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { AdminCohortList } from '@/features/cohort-admin/admin-cohort-list';
import { NewCohortForm } from '@/features/cohort-admin/new-cohort-form';
import { getRequestSession } from '@/server/auth/request-session';
import { api } from '@/trpc/server';
import { canOnSite } from '@/lib/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Cohorts' };

export default async function AdminCohortsPage() {
  const session = await getRequestSession();
  // Not a hint that the page exists: everyone but admins sees the 404 page.
  if (!canOnSite(session?.user, 'cohorts.manage')) notFound();
  const [cohorts, templates] = await Promise.all([api.cohorts.list(), api.cohorts.templates()]);

  return (
    <Container className="py-10 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight">Cohorts</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        One cohort per quarter, each running its own copy of a syllabus. Create next quarter’s from a{' '}
        <Link href="/admin/curricula">curriculum template</Link> or as a copy of this one, then add its groups and roster.
      </p>

      <section aria-labelledby="cohorts-heading" className="mt-10">
        <h2 id="cohorts-heading" className="mb-4 text-2xl font-semibold">
          All cohorts
        </h2>
        <AdminCohortList cohorts={cohorts} />
      </section>

      <section aria-labelledby="new-cohort-heading" className="mt-12 max-w-3xl">
        <h2 id="new-cohort-heading" className="mb-4 text-2xl font-semibold">
          New cohort
        </h2>
        <NewCohortForm templates={templates} cohorts={cohorts} />
      </section>
    </Container>
  );
}
