import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { GroupSubmissions } from '@/features/results/group-submissions';
import { Leaderboard } from '@/features/results/leaderboard';
import { formatMetric } from '@/lib/run-status';
import { api, isNotFoundError } from '@/trpc/server';
import { loadCohort } from '../../load-cohort';

export const dynamic = 'force-dynamic';

type ExercisePageProps = { params: Promise<{ slug: string; exercise: string }> };

async function loadBoard(slug: string, exercise: string) {
  const home = await loadCohort(slug, `/cohorts/${slug}/exercises/${exercise}`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$/.test(exercise)) notFound();
  try {
    return { home, board: await api.runs.exercise({ cohort: slug, exercise }) };
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: ExercisePageProps): Promise<Metadata> {
  const { slug, exercise } = await params;
  const { home, board } = await loadBoard(slug, exercise);
  return { title: `${board.exercise.title} · ${home.name}` };
}

export default async function ExercisePage({ params }: ExercisePageProps) {
  const { slug, exercise } = await params;
  const { home, board } = await loadBoard(slug, exercise);
  const metric = board.exercise.primaryMetric ?? 'result';
  const direction = board.exercise.higherIsBetter === false ? 'lower is better' : 'higher is better';

  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${home.slug}/exercises`}>← Exercises</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">{board.exercise.title}</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        Each fellow’s best run, ranked by {metric} ({direction}): the final summary’s value, else the last one logged.
        {board.namesHidden ? ' This cohort hides the other fellows’ names.' : ''}
      </p>

      {board.groups.length > 0 ? (
        <section aria-labelledby="groups-heading" className="mt-8">
          <h2 id="groups-heading" className="mb-3 text-xl font-semibold">
            {board.groups.length > 1 ? 'Your groups’ submissions' : 'Your group’s submissions'}
          </h2>
          <GroupSubmissions cohort={home.slug} groups={board.groups} metric={metric} timeZone={home.timeZone} />
        </section>
      ) : null}

      <section aria-labelledby="leaderboard-heading" className="mt-10">
        <h2 id="leaderboard-heading" className="mb-3 text-xl font-semibold">
          Leaderboard
        </h2>
        {board.leaderboard.length === 0 ? (
          <EmptyState title="No results yet">The first fellow to send a run of this exercise appears here.</EmptyState>
        ) : (
          <Leaderboard cohort={home.slug} entries={board.leaderboard} metric={metric} />
        )}
      </section>

      {board.earlierCohorts.length ? (
        <section aria-labelledby="baseline-heading" className="mt-10 max-w-3xl">
          <h2 id="baseline-heading" className="text-xl font-semibold">
            Earlier cohorts
          </h2>
          <p className="mt-1 mb-3 text-muted">The same exercise in cohorts that ran this syllabus before: each fellow’s best {metric}, {direction}.</p>
          <div className="overflow-x-auto rounded-xl border border-line bg-surface">
            <table className="w-full text-left text-[0.95rem]">
              <thead className="border-b border-line text-muted">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Cohort</th>
                  <th scope="col" className="px-4 py-2 font-medium">Fellows with a result</th>
                  <th scope="col" className="px-4 py-2 font-medium">Median best</th>
                  <th scope="col" className="px-4 py-2 font-medium">Best</th>
                </tr>
              </thead>
              <tbody>
                {board.earlierCohorts.map((cohort) => (
                  <tr key={cohort.name} className="border-b border-line last:border-b-0">
                    <th scope="row" className="px-4 py-2 font-medium">{cohort.name}</th>
                    <td className="px-4 py-2 tabular-nums">{cohort.fellows}</td>
                    <td className="px-4 py-2 tabular-nums">{formatMetric(cohort.median)}</td>
                    <td className="px-4 py-2 tabular-nums">{formatMetric(cohort.best)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </Container>
  );
}
