import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { Container } from '@/components/ui/container';
import { TemplateChangesPanel } from '@/features/curriculum-editor/template-changes-panel';
import { slugSchema } from '@/lib/schemas/slug';
import { getRequestSession } from '@/server/auth/request-session';
import { api, isNotFoundError } from '@/trpc/server';
import { canOnSite } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type TemplateChangesPageProps = { params: Promise<{ slug: string }> };

/** Admins only: signed-out visitors sign in first; everyone else gets the 404 page. */
const loadComparison = cache(async (slug: string) => {
  if (!slugSchema.safeParse(slug).success) notFound();
  const session = await getRequestSession();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(`/cohorts/${slug}/template-changes`)}`);
  if (!canOnSite(session.user, 'curricula.manage')) notFound();
  try {
    return await api.curriculumEditor.templateChanges({ cohort: slug });
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: TemplateChangesPageProps): Promise<Metadata> {
  const comparison = await loadComparison((await params).slug);
  return { title: `Template changes · ${comparison.cohort.name}` };
}

export default async function TemplateChangesPage({ params }: TemplateChangesPageProps) {
  const comparison = await loadComparison((await params).slug);
  return (
    <Container className="py-8 sm:py-12">
      <nav aria-label="Breadcrumb" className="text-[0.95rem]">
        <Link href={`/cohorts/${comparison.cohort.slug}`}>← {comparison.cohort.name}</Link>
      </nav>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Template changes</h1>
      <p className="mt-2 max-w-[70ch] text-muted">
        {comparison.cohort.name} keeps the syllabus it was created with, so editing the template never changes a running
        cohort by surprise. Here you can see what changed and apply it when you are ready.
      </p>
      <TemplateChangesPanel initial={comparison} />
    </Container>
  );
}
