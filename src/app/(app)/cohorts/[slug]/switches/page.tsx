// /cohorts/<cohort>/switches: requests to join the groups one leads, to approve or decline.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { SwitchRequests } from '@/features/switches/switch-requests';
import { CohortAdminNav } from '@/features/cohort-admin/cohort-admin-nav';
import { can } from '@/lib/permissions';
import { loadCohort } from '../load-cohort';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/switches`);
  return { title: `Switch requests · ${home.name}` };
}

export default async function SwitchesPage({ params }: Props) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/switches`);
  if (!can(home, 'switches.decide')) notFound();
  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${slug}`}>← {home.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Switch requests</h1>
      {can(home, 'cohort.manage') ? <CohortAdminNav slug={slug} current="switches" /> : null}
      <p className="mt-2 max-w-[65ch] text-muted">Fellows asking to join {home.role === 'ADMIN' ? 'a group of this cohort' : 'a group you lead'}, for one meeting or for good.</p>
      <div className="mt-6 max-w-3xl">
        <SwitchRequests cohort={slug} timeZone={home.timeZone} />
      </div>
    </Container>
  );
}
