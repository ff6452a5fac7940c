// Exercise pages: per exercise, the fellows' best runs ranked by the primary metric in its
// direction (higherIsBetter from the curriculum). Fellows see everyone's best result, but when
// the cohort hides names, the other fellows appear as "Fellow 1", "Fellow 2"… (in rank order)
// without their run names, and no one's run but their own opens. Facilitators (and admins)
// also see, per group they lead, each fellow's submissions, those with none listed first.
import type { PrismaClient } from '@/generated/prisma/client';
import { can, canInGroup, reachOf } from '@/lib/permissions';
import type { ExerciseBoardInput } from '@/lib/schemas/runs';
import { cohortNotFound, outOfReach } from '@/server/errors';
import { getCurriculumTree } from '@/server/services/curricula/curriculum-tree-cache';
import { exercisesOfTree, type CohortExercise } from '@/server/services/runs/exercises';
import { listExerciseStatus } from './exercise-status';
import { bestRunByUser, listEarlierCohortBests, listScoredRuns, summarizeExerciseResults, type ScoredRun } from './run-scores';
import { displayName } from '@/lib/format';
import type { MemberContext } from '@/server/services/context';

export type LeaderboardEntry = {
  rank: number;
  /** The fellow's name, or "Fellow N" when names are hidden from this viewer. */
  displayName: string;
  isViewer: boolean;
  runName: string | null;
  value: number;
  /** Set only when the viewer may open the run. */
  runId: string | null;
};

type Fellow = { membershipId: string; userId: string; name: string; groupId: string | null };

async function loadCohortFellows(db: PrismaClient, cohortId: string) {
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: {
      curriculumId: true,
      curriculum: { select: { id: true, version: true } },
      leaderboardHideNames: true,
      memberships: {
        where: { role: 'FELLOW' },
        orderBy: { user: { name: 'asc' } },
        select: { id: true, userId: true, groupId: true, user: { select: { name: true, email: true } } },
      },
      groups: { orderBy: { name: 'asc' }, select: { id: true, name: true } },
    },
  });
  if (!cohort) throw cohortNotFound();
  const fellows: Fellow[] = cohort.memberships.map((membership) => ({
    membershipId: membership.id,
    userId: membership.userId,
    name: displayName(membership.user),
    groupId: membership.groupId,
  }));
  return { ...cohort, fellows };
}

/** Whether the caller may open a fellow's run: the same rules as run-access.ts (runs.view). */
function canOpen(ctx: MemberContext, fellow: Fellow): boolean {
  if (reachOf(ctx.access, 'runs.view') === 'cohort') return true;
  if (fellow.userId === ctx.user.id) return true;
  return fellow.groupId !== null && canInGroup(ctx.access, 'runs.view', fellow.groupId);
}

function rankEntries(
  ctx: MemberContext,
  fellows: Fellow[],
  best: Map<string, ScoredRun>,
  higherIsBetter: boolean | null,
  hideNames: boolean,
): LeaderboardEntry[] {
  const hideFromViewer = hideNames && !can(ctx.access, 'exercises.viewGroups');
  const ranked = fellows
    .filter((fellow) => best.has(fellow.userId))
    .map((fellow) => ({ fellow, run: best.get(fellow.userId)! }))
    .sort((a, b) => (higherIsBetter === false ? a.run.score! - b.run.score! : b.run.score! - a.run.score!));
  let hiddenNumber = 0;
  let rank = 0;
  let previous: number | null = null;
  return ranked.map(({ fellow, run }, index) => {
    // Equal results share a rank.
    if (previous === null || run.score !== previous) rank = index + 1;
    previous = run.score;
    const isViewer = fellow.userId === ctx.user.id;
    const hidden = hideFromViewer && !isViewer;
    return {
      rank,
      displayName: hidden ? `Fellow ${++hiddenNumber}` : fellow.name,
      isViewer,
      runName: hidden ? null : run.name,
      value: run.score!,
      runId: canOpen(ctx, fellow) ? run.id : null,
    };
  });
}

export type ExerciseSummary = Pick<CohortExercise, 'slug' | 'title' | 'primaryMetric' | 'higherIsBetter' | 'week'> & {
  fellowsWithResults: number;
  fellows: number;
  top: number | null;
  /** The viewer's own best result and number of runs (fellows and anyone who sent runs). */
  mine: { runs: number; best: number | null };
};

/** The exercises page: every exercise of the cohort with how far the cohort has got. */
export async function listExerciseSummaries(ctx: MemberContext): Promise<ExerciseSummary[]> {
  const { db, access } = ctx;
  // The curriculum's version came with the access; the results and the fellows in one statement,
  // summarised in the database: its rows are the exercises, however many runs the cohort sent.
  const curriculum = access.cohort?.curriculum ?? (await loadCohortFellows(db, access.cohortId)).curriculum;
  const [tree, { fellows, byExercise }] = await Promise.all([getCurriculumTree(db, curriculum), summarizeExerciseResults(db, access.cohortId, ctx.user.id)]);
  const exercises = tree ? exercisesOfTree(tree) : [];
  return exercises.map((exercise) => {
    const results = byExercise.get(exercise.itemId);
    return {
      slug: exercise.slug,
      title: exercise.title,
      primaryMetric: exercise.primaryMetric,
      higherIsBetter: exercise.higherIsBetter,
      week: exercise.week,
      fellows,
      fellowsWithResults: results?.fellowsWithResults ?? 0,
      top: results?.top ?? null,
      mine: { runs: results?.myRuns ?? 0, best: results?.myBest ?? null },
    };
  });
}

/** One exercise: its leaderboard, and for facilitators and admins their groups' submissions. */
export async function getExerciseBoard(ctx: MemberContext, input: ExerciseBoardInput) {
  const { db, access } = ctx;
  const slug = input.exercise;
  const cohort = await loadCohortFellows(db, access.cohortId);
  const tree = await getCurriculumTree(db, cohort.curriculum);
  const exercises = tree ? exercisesOfTree(tree) : [];
  const exercise = exercises.find((candidate) => candidate.slug === slug);
  if (!exercise) throw outOfReach(`No exercise "${slug.slice(0, 120)}" in this cohort.`);

  const runs = await listScoredRuns(db, access.cohortId, cohort.fellows.map((fellow) => fellow.userId), exercise.itemId);
  const best = bestRunByUser(runs, exercise.itemId, exercise.higherIsBetter);
  const leaderboard = rankEntries(ctx, cohort.fellows, best, exercise.higherIsBetter, cohort.leaderboardHideNames);

  const seesGroups = can(access, 'exercises.viewGroups');
  const groupIds = reachOf(access, 'exercises.viewGroups') === 'cohort' ? cohort.groups.map((group) => group.id) : access.groupIds;
  const groupFellows = seesGroups ? cohort.fellows.filter((fellow) => fellow.groupId !== null && groupIds.includes(fellow.groupId)) : [];
  const statuses = seesGroups
    ? (await listExerciseStatus(access.cohortId, groupFellows.map((fellow) => fellow.membershipId), db)).filter(
        (status) => status.exerciseSlug === slug,
      )
    : [];
  const statusOf = new Map(statuses.map((status) => [status.membershipId, status]));
  const groups = cohort.groups
    .filter((group) => seesGroups && groupIds.includes(group.id))
    .map((group) => ({
      id: group.id,
      name: group.name,
      fellows: groupFellows
        .filter((fellow) => fellow.groupId === group.id)
        .map((fellow) => {
          const status = statusOf.get(fellow.membershipId);
          return { name: fellow.name, runs: status?.runs ?? 0, best: status?.best ?? null, bestRunId: status?.bestRunId ?? null, lastRunAt: status?.lastRunAt ?? null };
        })
        // Who has not submitted yet comes first: they are who a facilitator follows up with.
        .sort((a, b) => Number(a.runs > 0) - Number(b.runs > 0) || a.name.localeCompare(b.name)),
    }));

  return {
    exercise: { slug: exercise.slug, title: exercise.title, primaryMetric: exercise.primaryMetric, higherIsBetter: exercise.higherIsBetter, week: exercise.week },
    namesHidden: cohort.leaderboardHideNames && !can(access, 'exercises.viewGroups'),
    leaderboard,
    groups,
    /** Earlier cohorts of the same syllabus on this exercise, newest first: a baseline. */
    earlierCohorts: await listEarlierCohortBests(db, access.cohortId, exercise.slug, exercise.higherIsBetter),
  };
}

export type ExerciseBoard = Awaited<ReturnType<typeof getExerciseBoard>>;
