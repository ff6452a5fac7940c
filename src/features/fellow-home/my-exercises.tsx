import Link from 'next/link';
import { formatMetric } from '@/lib/run-status';
import type { ExerciseSummary } from '@/server/services/results/leaderboard';

/** The fellow's exercises on their home page: their best result so far, or how to send one. */
export function MyExercises({ cohortSlug, exercises }: { cohortSlug: string; exercises: ExerciseSummary[] }) {
  return (
    <ul className="grid gap-3">
      {exercises.map((exercise) => (
        <li key={exercise.slug} className="rounded-xl border border-line bg-surface p-4">
          <Link href={`/cohorts/${cohortSlug}/exercises/${exercise.slug}`} className="font-semibold">
            {exercise.title}
          </Link>
          <p className="mt-1 text-[0.95rem]">
            {exercise.mine.runs === 0 ? (
              <>
                <span className="text-muted">No runs yet. </span>
                <Link href={`/cohorts/${cohortSlug}/runs`}>How to send one</Link>
              </>
            ) : (
              <>
                Your best {exercise.primaryMetric ?? 'result'}: <span className="font-medium">{formatMetric(exercise.mine.best)}</span>{' '}
                <span className="text-muted">
                  ({exercise.mine.runs} {exercise.mine.runs === 1 ? 'run' : 'runs'})
                </span>
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
