import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { describePrepMeeting, PrepSheet } from '@/features/meeting-prep/prep-sheet';
import { PrintButton } from '@/features/meeting-prep/print-button';
import { formatTimeZone } from '@/lib/format';
import { can } from '@/lib/permissions';
import { api, isNotFoundError } from '@/trpc/server';
import { loadCohort } from '../../../load-cohort';

export const dynamic = 'force-dynamic';

type PrepPageProps = { params: Promise<{ slug: string; meetingId: string }> };

async function loadPrep(slug: string, meetingId: string) {
  const home = await loadCohort(slug, `/cohorts/${slug}/meetings/${meetingId}/prep`);
  // Fellows have no prep sheets: the same answer as for a meeting of another group.
  if (!can(home, 'attendance.mark')) notFound();
  try {
    return { home, prep: await api.attendance.prep({ cohort: slug, meetingId }) };
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: PrepPageProps): Promise<Metadata> {
  const { slug, meetingId } = await params;
  const { home, prep } = await loadPrep(slug, meetingId);
  return { title: `Prep sheet · ${prep.meeting.groupName} · ${home.name}` };
}

export default async function PrepPage({ params }: PrepPageProps) {
  const { slug, meetingId } = await params;
  const { home, prep } = await loadPrep(slug, meetingId);
  return (
    <Container className="py-8 sm:py-12 print:py-0">
      <div className="max-w-4xl">
        <p className="text-[0.95rem] print:hidden">
          <Link href={`/cohorts/${home.slug}/attendance?group=${encodeURIComponent(prep.meeting.groupId)}&meeting=${encodeURIComponent(prep.meeting.id)}`}>← Attendance for this meeting</Link>
        </p>
        <div className="mt-3 flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-3xl font-bold tracking-tight print:text-2xl">Prep sheet: {prep.meeting.groupName}</h1>
            <p className="mt-2 text-muted">
              {describePrepMeeting(prep)} ({formatTimeZone(prep.cohort.timeZone)}){prep.meeting.location ? ` · ${prep.meeting.location}` : ''}
              {prep.meeting.cancelled ? ' · cancelled' : ''}
            </p>
          </div>
          <PrintButton />
        </div>
        <PrepSheet prep={prep} />
      </div>
    </Container>
  );
}
