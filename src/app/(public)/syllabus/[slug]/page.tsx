import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { pluralize } from '@/lib/format';
import { slugSchema } from '@/lib/schemas/slug';
import { describeReadingTime } from '@/features/syllabus/reading-time-summary';
import { SyllabusContents } from '@/features/syllabus/syllabus-contents';
import { SyllabusWeek } from '@/features/syllabus/syllabus-week';
import { api, isNotFoundError } from '@/trpc/server';

export const dynamic = 'force-dynamic';

type SyllabusPageProps = { params: Promise<{ slug: string }> };

/** One database read per request, shared by the metadata and the page. */
const loadCurriculum = cache(async (slug: string) => {
  if (!slugSchema.safeParse(slug).success) notFound();
  try {
    return await api.curriculum.bySlug({ slug });
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: SyllabusPageProps): Promise<Metadata> {
  const curriculum = await loadCurriculum((await params).slug);
  return { title: curriculum.title, description: curriculum.description ?? undefined };
}

export default async function SyllabusPage({ params }: SyllabusPageProps) {
  const curriculum = await loadCurriculum((await params).slug);

  return (
    <Container className="py-8 sm:py-12">
      <p className="text-sm">
        <Link href="/#curricula">← All curricula</Link>
      </p>
      <header className="mt-4 max-w-[72ch]">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{curriculum.title}</h1>
        {curriculum.description ? <p className="mt-3 text-lg text-muted">{curriculum.description}</p> : null}
        <p className="mt-3 text-muted">
          {pluralize(curriculum.weekCount, 'week')} · {describeReadingTime(curriculum.readingTime)}
        </p>
      </header>

      {curriculum.weeks.length === 0 ? (
        <div className="mt-10 max-w-[72ch]">
          <EmptyState title="This syllabus has no weeks yet">
            An admin can add weeks and readings in the curriculum editor or import them from markdown.
          </EmptyState>
        </div>
      ) : (
        <div className="mt-10 gap-12 lg:grid lg:grid-cols-[15rem_minmax(0,72ch)]">
          {/* The negative margin and padding keep the links' focus rings inside the scrolling column. */}
          <aside className="mb-10 lg:sticky lg:top-6 lg:-mx-2 lg:mb-0 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto lg:px-2">
            <SyllabusContents weeks={curriculum.weeks} />
          </aside>
          <div className="space-y-12">
            {curriculum.weeks.map((week) => (
              <SyllabusWeek key={week.id} week={week} />
            ))}
          </div>
        </div>
      )}
    </Container>
  );
}
