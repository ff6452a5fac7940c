// /cohorts/<cohort>/certificates: who qualifies for a certificate, issuing them (to everyone who
// qualifies, or by hand), and revoking one. Admins only.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { CertificatesManager } from '@/features/certificates/certificates-manager';
import { CohortAdminNav } from '@/features/cohort-admin/cohort-admin-nav';
import { can } from '@/lib/permissions';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/certificates`);
  return { title: `Certificates · ${home.name}` };
}

export default async function CertificatesPage({ params }: Props) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/certificates`);
  if (!can(home, 'certificates.manage')) notFound();
  const initial = await api.certificates.list({ cohort: slug });
  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${slug}`}>← {home.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Certificates</h1>
      <CohortAdminNav slug={slug} current="certificates" />
      <p className="mt-2 max-w-[65ch] text-muted">
        Fellows who meet the completion rule (the cohort’s settings: absences, core readings
        and, where required, prompts) get a certificate of completion; facilitators a certificate of facilitation.
        Each has a public page that says whether it is valid.
      </p>
      <div className="mt-6 max-w-4xl">
        <CertificatesManager cohort={slug} initial={initial} />
      </div>
    </Container>
  );
}
