// /cohorts/<cohort>/applications/form: the application form's settings, questions and decision
// emails, the reviewers, and the link to share. Admins only.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { CohortAdminNav } from '@/features/cohort-admin/cohort-admin-nav';
import { ApplicationFormEditor } from '@/features/applications/form-editor';
import { ReviewersPanel } from '@/features/applications/reviewers-panel';
import { can } from '@/lib/permissions';
import { parseEnv } from '@/server/env';
import { api } from '@/trpc/server';
import { loadCohort } from '../../load-cohort';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/applications/form`);
  return { title: `Application form · ${home.name}` };
}

export default async function ApplicationFormPage({ params }: Props) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/applications/form`);
  if (!can(home, 'applications.manage')) notFound();
  const settings = await api.applications.formSettings({ cohort: slug });
  // NEXTAUTH_URL is the address applicants reach; without one (local mode) the path alone.
  const configured = parseEnv().NEXTAUTH_URL;
  const link = `${configured ? new URL(configured).origin : ''}/apply/${slug}`;
  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${slug}/applications`}>← Applications</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Application form</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        Share <a href={`/apply/${slug}`}>{link}</a>: applicants answer there, signed out, and confirm their email by a link.
      </p>
      <CohortAdminNav slug={slug} current="applications" />
      <div className="mt-8 max-w-4xl">
        <ApplicationFormEditor cohort={slug} timeZone={home.timeZone} initial={settings} />
      </div>
      <section aria-labelledby="reviewers-heading" className="mt-12 max-w-4xl">
        <h2 id="reviewers-heading" className="mb-3 text-xl font-semibold">
          Reviewers
        </h2>
        <ReviewersPanel cohort={slug} />
      </section>
    </Container>
  );
}
