// /syllabus/<slug> for people signed in (next.config.ts rewrites requests with a session
// cookie here): their own site header, and admins see where a stated total disagrees with the
// readings. Rendered per request from the cached syllabus: only the session is read. See
// ../../../load-syllabus.ts.
import type { Metadata } from 'next';
import { SyllabusDocument } from '@/features/syllabus/syllabus-document';
import { getRequestSession } from '@/server/auth/request-session';
import { loadTemplateSyllabus } from '../../../load-syllabus';
import { canOnSite } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type PageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const curriculum = await loadTemplateSyllabus((await params).slug);
  return { title: curriculum.title, description: curriculum.description ?? undefined };
}

export default async function SignedInSyllabusPage({ params }: PageProps) {
  const { slug } = await params;
  const [curriculum, session] = await Promise.all([loadTemplateSyllabus(slug), getRequestSession()]);
  return <SyllabusDocument curriculum={curriculum} viewer={{ mayEdit: canOnSite(session?.user, 'curricula.manage') }} />;
}
