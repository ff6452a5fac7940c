// /cohorts/<cohort>/availability: a member marks the half-hours they could meet each week, in
// their own time zone, so the optimiser can place them in a group that meets then.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { AvailabilityGrid } from '@/features/availability/availability-grid';
import { formatCalendarDate } from '@/lib/format';
import { formatMoment } from '@/lib/format-time';
import { can } from '@/lib/permissions';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/availability`);
  return { title: `When are you free? · ${home.name}` };
}

export default async function AvailabilityPage({ params }: Props) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/availability`);
  if (!can(home, 'availability.edit')) notFound();
  const mine = await api.availability.mine({ cohort: slug });
  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${slug}`}>← {home.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">When are you free each week?</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        Groups meet once a week from {formatCalendarDate(mine.referenceMonday)}. The more times you mark, the likelier a group fits you.
        {mine.deadline ? ` Please mark them by ${formatMoment(mine.deadline, mine.timeZone)}.` : ''}
      </p>
      <div className="mt-6 max-w-3xl">
        <AvailabilityGrid cohort={slug} initialTimeZone={mine.timeZone} initialSlots={mine.localSlots} />
      </div>
    </Container>
  );
}
