import type { Metadata } from 'next';
import Link from 'next/link';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { formatMetric } from '@/lib/run-status';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type ExercisesPageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: ExercisesPageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/exercises`);
  return { title: `Exercises · ${home.name}` };
}

export default async function ExercisesPage({ params }: ExercisesPageProps) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/exercises`);
  const exercises = await api.runs.exercises({ cohort: slug });
  const isFellow = !can(home, 'exercises.viewGroups');

  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${home.slug}`}>← {home.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Exercises</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        {isFellow
          ? 'The training exercises of this cohort: your best result and the leaderboard of everyone’s best runs.'
          : 'The training exercises of this cohort: who has submitted, and the leaderboard of best runs.'}
      </p>
      <div className="mt-8">
        {exercises.length === 0 ? (
          <EmptyState title="This cohort has no exercises yet">An admin marks a syllabus item as an exercise, with a slug and a primary metric.</EmptyState>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {exercises.map((exercise) => (
              <li key={exercise.slug} className="rounded-xl border border-line bg-surface p-5">
                <p className="text-[0.9rem] text-muted">{exercise.week !== null ? `Week ${exercise.week}` : 'Exercise'}</p>
                <h2 className="text-xl font-semibold">
                  <Link href={`/cohorts/${home.slug}/exercises/${exercise.slug}`}>{exercise.title}</Link>
                </h2>
                <p className="mt-1 text-[0.95rem] text-muted">
                  Ranked by {exercise.primaryMetric ?? 'its primary metric'} ({exercise.higherIsBetter === false ? 'lower' : 'higher'} is better)
                </p>
                <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-[0.95rem]">
                  <dt className="text-muted">Fellows with results</dt>
                  <dd>
                    {exercise.fellowsWithResults} of {exercise.fellows}
                  </dd>
                  <dt className="text-muted">Best so far</dt>
                  <dd>{formatMetric(exercise.top)}</dd>
                  {isFellow ? (
                    <>
                      <dt className="text-muted">Your best</dt>
                      <dd>{exercise.mine.runs === 0 ? 'No runs yet' : `${formatMetric(exercise.mine.best)} (${exercise.mine.runs} ${exercise.mine.runs === 1 ? 'run' : 'runs'})`}</dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Container>
  );
}
