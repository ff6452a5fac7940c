import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { CurriculumEditor } from '@/features/curriculum-editor/curriculum-editor';
import { slugSchema } from '@/lib/schemas/slug';
import { getRequestSession } from '@/server/auth/request-session';
import { api, isNotFoundError } from '@/trpc/server';
import { canOnSite } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type EditPageProps = { params: Promise<{ slug: string }> };

/** Admins only: signed-out visitors sign in first; everyone else gets the 404 page. */
const loadForEditing = cache(async (slug: string) => {
  if (!slugSchema.safeParse(slug).success) notFound();
  const session = await getRequestSession();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(`/admin/curricula/${slug}/edit`)}`);
  if (!canOnSite(session.user, 'curricula.manage')) notFound();
  try {
    return await api.curriculumEditor.get({ curriculum: slug });
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: EditPageProps): Promise<Metadata> {
  const curriculum = await loadForEditing((await params).slug);
  return { title: `Edit · ${curriculum.title}` };
}

export default async function EditCurriculumPage({ params }: EditPageProps) {
  const curriculum = await loadForEditing((await params).slug);
  const isCopy = curriculum.kind === 'copy';

  return (
    <Container className="py-8 pb-28 sm:py-12 sm:pb-28">
      <nav aria-label="Breadcrumb" className="text-[0.95rem]">
        <Link href="/admin/curricula">← Curricula</Link>
      </nav>
      <CurriculumEditor
        initial={curriculum}
        badge={<Badge tone={isCopy ? 'warning' : 'accent'}>{isCopy ? 'Cohort copy' : 'Template'}</Badge>}
      >
        <p className="mt-2 max-w-[70ch] text-muted">
          Changes are saved as you make them: after a pause in typing, when you leave a field, or when you press Enter.
          Deleted parts can be brought back with Undo.
        </p>
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-[0.95rem]">
          <Link href={`/syllabus/${curriculum.slug}`}>View the syllabus page</Link>
          <a href={`/admin/curricula/${curriculum.slug}/export`}>Download as markdown</a>
        </p>
        <div className="mt-6 grid max-w-[75ch] gap-3">
          {isCopy ? (
            <Alert tone="warning" title="This is a cohort’s own copy">
              <p>
                {curriculum.cohorts.length > 0 ? (
                  <>
                    {curriculum.cohorts.map((cohort, index) => (
                      <span key={cohort.slug}>
                        {index > 0 ? ', ' : ''}
                        <Link href={`/cohorts/${cohort.slug}`}>{cohort.name}</Link>
                      </span>
                    ))}{' '}
                    {curriculum.cohorts.length === 1 ? 'runs' : 'run'} this copy
                  </>
                ) : (
                  'No cohort runs this copy'
                )}{' '}
                of the template <Link href={`/admin/curricula/${curriculum.source!.slug}/edit`}>{curriculum.source!.title}</Link>.
                Edits here change only {curriculum.cohorts.length === 1 ? 'that cohort' : 'this copy'}, not the template.
              </p>
              {curriculum.source!.behind && curriculum.cohorts[0] ? (
                <p className="mt-1">
                  The template has changed since this copy was made.{' '}
                  <Link href={`/cohorts/${curriculum.cohorts[0].slug}/template-changes`}>Review the template’s changes</Link>.
                </p>
              ) : null}
            </Alert>
          ) : (
            <>
              {curriculum.cohorts.length > 0 ? (
                <Alert tone="warning" title="Cohorts run this template directly">
                  Edits show on their syllabus at once:{' '}
                  {curriculum.cohorts.map((cohort, index) => (
                    <span key={cohort.slug}>
                      {index > 0 ? ', ' : ''}
                      <Link href={`/cohorts/${cohort.slug}`}>{cohort.name}</Link>
                    </span>
                  ))}
                  .
                </Alert>
              ) : null}
              {curriculum.cohortsBehind.length > 0 ? (
                <Alert tone="info" title="Cohorts on an older version of this template">
                  <p>Each cohort keeps its own copy; apply your changes to a cohort when you are ready.</p>
                  <ul className="mt-1 list-disc pl-5">
                    {curriculum.cohortsBehind.map((cohort) => (
                      <li key={cohort.slug}>
                        {cohort.name}
                        {cohort.term ? ` (${cohort.term})` : ''}: made from version {cohort.sourceVersion ?? '?'}.{' '}
                        <Link href={`/cohorts/${cohort.slug}/template-changes`}>
                          Review changes<span className="sr-only"> for {cohort.name}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </Alert>
              ) : null}
            </>
          )}
        </div>
      </CurriculumEditor>
    </Container>
  );
}
