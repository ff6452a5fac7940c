// /cohorts/<cohort>/switch: a fellow asks to switch group (one meeting or for good), defers or leaves.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { SwitchPanel } from '@/features/switches/switch-panel';
import { can } from '@/lib/permissions';
import { loadCohort } from '../load-cohort';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/switch`);
  return { title: `Switch group · ${home.name}` };
}

export default async function SwitchPage({ params }: Props) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/switch`);
  if (!can(home, 'membership.self')) notFound();
  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${slug}`}>← {home.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Switch group, defer or leave</h1>
      <div className="mt-6 max-w-5xl">
        <SwitchPanel cohort={slug} timeZone={home.timeZone} />
      </div>
    </Container>
  );
}
