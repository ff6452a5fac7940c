// Per fellow and exercise: how many runs, the best result (the primary metric in its
// direction, see run-scores.ts) and when the last run started. For the facilitator's grid,
// the fellow's home and the exercise pages. A constant number of queries, however many
// fellows and exercises.
import type { PrismaClient } from '@/generated/prisma/client';
import { listCohortExercises, type CohortExercise } from '@/server/services/runs/exercises';
import { bestRunByUser } from './run-scores';
import { listScoredRuns } from './run-scores';

export type ExerciseStatus = {
  membershipId: string;
  exerciseSlug: string;
  runs: number;
  best: number | null;
  bestRunId: string | null;
  lastRunAt: Date | null;
};

/**
 * One row per (membership, exercise) pair, in the memberships' then the exercises' order.
 * `exercises`: the cohort's, when the caller has them already (else they are read here).
 */
export async function listExerciseStatus(
  cohortId: string,
  membershipIds: string[],
  db: PrismaClient,
  known?: CohortExercise[],
  /** The memberships' users, when the caller has them already (else they are read here). */
  knownUsers?: { id: string; userId: string }[],
): Promise<ExerciseStatus[]> {
  if (membershipIds.length === 0 || known?.length === 0) return [];
  const [cohort, memberships] = await Promise.all([
    known ? null : db.cohort.findUnique({ where: { id: cohortId }, select: { curriculumId: true } }),
    knownUsers ?? db.membership.findMany({ where: { id: { in: membershipIds }, cohortId }, select: { id: true, userId: true } }),
  ]);
  if (!known && !cohort) return [];
  const [exercises, runs] = await Promise.all([
    known ?? listCohortExercises(db, cohort!.curriculumId),
    listScoredRuns(db, cohortId, memberships.map((membership) => membership.userId)),
  ]);
  const byId = new Map(memberships.map((membership) => [membership.id, membership]));
  const rows: ExerciseStatus[] = [];
  for (const exercise of exercises) {
    const best = bestRunByUser(runs, exercise.itemId, exercise.higherIsBetter);
    const counts = new Map<string, { runs: number; lastRunAt: Date }>();
    for (const run of runs) {
      if (run.exerciseItemId !== exercise.itemId) continue;
      const entry = counts.get(run.userId);
      counts.set(run.userId, { runs: (entry?.runs ?? 0) + 1, lastRunAt: entry && entry.lastRunAt > run.createdAt ? entry.lastRunAt : run.createdAt });
    }
    for (const membershipId of membershipIds) {
      const membership = byId.get(membershipId);
      if (!membership) continue;
      const count = counts.get(membership.userId);
      const top = best.get(membership.userId);
      rows.push({
        membershipId,
        exerciseSlug: exercise.slug,
        runs: count?.runs ?? 0,
        best: top?.score ?? null,
        bestRunId: top?.id ?? null,
        lastRunAt: count?.lastRunAt ?? null,
      });
    }
  }
  // Memberships first, then exercises, as callers lay them out.
  const order = new Map(membershipIds.map((id, index) => [id, index]));
  return rows.sort((a, b) => order.get(a.membershipId)! - order.get(b.membershipId)!);
}
