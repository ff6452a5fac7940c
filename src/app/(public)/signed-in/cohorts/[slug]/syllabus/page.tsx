// /cohorts/<slug>/syllabus for people signed in (next.config.ts rewrites requests with a
// session cookie here): public cohorts to anyone, members-only cohorts to members and admins
// (everyone else gets the 404 page). The syllabus comes from the data cache: a request reads
// the session and, for a members-only cohort, the membership, nothing else. See
// ../../../../load-syllabus.ts.
import type { Metadata } from 'next';
import { SyllabusDocument } from '@/features/syllabus/syllabus-document';
import { cohortSyllabusTitle, loadCohortSyllabusForViewer } from '../../../../load-syllabus';
import { canOnSite } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type PageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { page } = await loadCohortSyllabusForViewer((await params).slug);
  return { title: cohortSyllabusTitle(page), description: page.curriculum.description ?? undefined };
}

export default async function SignedInCohortSyllabusPage({ params }: PageProps) {
  const { page, session } = await loadCohortSyllabusForViewer((await params).slug);
  return <SyllabusDocument curriculum={page.curriculum} cohort={page.cohort} viewer={{ mayEdit: canOnSite(session?.user, 'curricula.manage') }} />;
}
