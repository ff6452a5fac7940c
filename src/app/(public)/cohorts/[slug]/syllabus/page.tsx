// /cohorts/<slug>/syllabus: a cohort's syllabus as visitors without a session see it, when the
// cohort made it public; a members-only cohort is the 404 page here. A static page, rendered
// on its first request and then served from the cache with no database query and no render.
// People signed in are sent to ../../../signed-in/cohorts/[slug]/syllabus instead (a rewrite
// in next.config.ts). See ../../../load-syllabus.ts.
import type { Metadata } from 'next';
import { SyllabusDocument } from '@/features/syllabus/syllabus-document';
import { cohortSyllabusTitle, loadPublicCohortSyllabus } from '../../../load-syllabus';

// headers() and cookies() read as empty here, so the site header renders signed out.
export const dynamic = 'force-static';
export const dynamicParams = true;
// "This week" moves on with the calendar: the page is rendered again (from cached data, with
// no database query) at most ten minutes after a new week begins.
export const revalidate = 600;

// `next build` has no database: every cohort's page is rendered on its first request instead.
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type PageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const page = await loadPublicCohortSyllabus((await params).slug);
  return { title: cohortSyllabusTitle(page), description: page.curriculum.description ?? undefined };
}

export default async function CohortSyllabusPage({ params }: PageProps) {
  const page = await loadPublicCohortSyllabus((await params).slug);
  return <SyllabusDocument curriculum={page.curriculum} cohort={page.cohort} viewer={{ mayEdit: false }} />;
}
