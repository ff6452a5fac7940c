// The facilitator's view of one group: fellows × readings for one week or the whole cohort,
// with each fellow's attendance so far, core readings done and last activity. Facilitators
// see the groups they lead, admins any group; anyone else gets NOT_FOUND.
import { canInGroup } from '@/lib/permissions';
import { AppError, outOfReach } from '@/server/errors';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { listExerciseStatus } from '@/server/services/results/exercise-status';
import { resolveBuildsOn } from '@/server/services/runs/exercises';
import { loadCohortProgress, type ProgressUnit } from './load-cohort-progress';
import { nowOf, type CohortContext } from '@/server/services/context';
import { type GroupProgressInput } from '@/lib/schemas/standing';

export type { GroupProgressInput };

export function assertMayWatchGroup(access: CohortAccess, groupId: string) {
  if (!canInGroup(access, 'standing.viewGroup', groupId)) throw outOfReach('No such group in this cohort.');
}

/** The unit the cohort is in (the last one started), or the first before the start. */
function currentUnit(units: ProgressUnit[], now: Date): ProgressUnit | undefined {
  const started = units.filter((unit) => unit.startsOn.getTime() <= now.getTime());
  return started.at(-1) ?? units[0];
}

export async function getGroupProgress(ctx: CohortContext, input: GroupProgressInput) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  // A facilitator's first group by default; an admin picks one.
  const groupId = input.groupId ?? access.groupIds[0];
  if (!groupId) throw outOfReach('You lead no group in this cohort yet.');
  assertMayWatchGroup(access, groupId);
  const progress = await loadCohortProgress(db, access.cohortId, { groupIds: [groupId], now });
  const group = progress.groups[0];
  if (!group) throw outOfReach('No such group in this cohort.');

  const chosen =
    input.week === null
      ? null
      : input.week !== undefined
        ? progress.units.find((unit) => unit.position === input.week)
        : currentUnit(progress.units, now);
  if (input.week !== undefined && input.week !== null && !chosen) {
    throw new AppError('NOT_FOUND', `This syllabus has no week ${input.week}.`, [{ path: 'week', message: 'No such week.' }]);
  }
  const shownUnits = chosen ? [chosen] : progress.units;
  const items = shownUnits.flatMap((unit) => unit.items.map((item) => ({ ...item, unitPosition: unit.position, unitLabel: unit.label })));
  const heldMeetings = progress.meetings.filter((meeting) => meeting.held);
  // Exercises submitted: runs per exercise and the best result (a constant number of queries).
  const exercises = progress.exercises;
  const exerciseStatus = await listExerciseStatus(
    access.cohortId,
    progress.fellows.map((fellow) => fellow.membershipId),
    db,
    exercises,
    progress.fellows.map((fellow) => ({ id: fellow.membershipId, userId: fellow.userId })),
  );
  // The readings each exercise builds on: to say who ran it without them.
  const allItems = progress.units.flatMap((unit) => unit.items);
  const basisOf = new Map(exercises.map((exercise) => [exercise.slug, resolveBuildsOn(exercise, allItems).map((item) => item.id)]));

  return {
    cohort: progress.cohort,
    group,
    units: progress.units.map(({ items: unitItems, ...unit }) => ({ ...unit, itemCount: unitItems.length })),
    week: chosen ? chosen.position : null,
    items,
    meetingsHeld: heldMeetings.length,
    coreTotal: progress.coreTotal,
    coreDue: progress.coreDue,
    fellows: progress.fellows.map((fellow) => ({
      membershipId: fellow.membershipId,
      name: fellow.name,
      email: fellow.email,
      lastActivityAt: fellow.lastActivityAt,
      coreDone: fellow.coreDone,
      coreDoneOfDue: fellow.coreDoneOfDue,
      standing: fellow.standing,
      // When each of `items` was ticked (ISO time) or null, in the items' order: a compact shape,
      // since a whole cohort's grid is fellows × 60 readings (a date object per cell tripled the
      // response's size and serialisation time).
      done: items.map((item) => fellow.done.get(item.id)?.toISOString() ?? null),
      exercises: exerciseStatus
        .filter((status) => status.membershipId === fellow.membershipId)
        .map(({ exerciseSlug, runs, best }) => {
          const basis = basisOf.get(exerciseSlug) ?? [];
          const unread = basis.filter((itemId) => !fellow.done.has(itemId)).length;
          return { slug: exerciseSlug, runs, best, ranWithoutReading: runs > 0 && unread > 0, readButNotRun: runs === 0 && basis.length > 0 && unread === 0 };
        }),
    })),
  };
}

export type GroupProgress = Awaited<ReturnType<typeof getGroupProgress>>;
