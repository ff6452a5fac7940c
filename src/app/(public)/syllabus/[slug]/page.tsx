// /syllabus/<slug>: a template's syllabus as visitors without a session see it. A static
// page, rendered on its first request and then served from the cache with no database query
// and no render. People signed in are sent to ../../signed-in/syllabus/[slug] instead (a
// rewrite in next.config.ts). See ../../load-syllabus.ts.
import type { Metadata } from 'next';
import { SyllabusDocument } from '@/features/syllabus/syllabus-document';
import { loadTemplateSyllabus } from '../../load-syllabus';

// headers() and cookies() read as empty here, so the site header renders signed out.
export const dynamic = 'force-static';
export const dynamicParams = true;
// A bound on staleness for changes the web app cannot announce (the CLI); edits in the app
// expire the page at once (invalidate-curriculum.ts).
export const revalidate = 3600;

// `next build` has no database: every syllabus is rendered on its first request instead.
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type PageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const curriculum = await loadTemplateSyllabus((await params).slug);
  return { title: curriculum.title, description: curriculum.description ?? undefined };
}

export default async function SyllabusPage({ params }: PageProps) {
  const curriculum = await loadTemplateSyllabus((await params).slug);
  return <SyllabusDocument curriculum={curriculum} viewer={{ mayEdit: false }} />;
}
