// The facilitator's prep sheet for one meeting: for each fellow of the group, the week's
// readings done, their answers to the week's prompts, attendance so far, their exercise runs
// and their standing; and the week's prompts with how many answered. For the group's
// facilitators (and one a meeting was handed to) and admins; anyone else gets NOT_FOUND.
// A fixed number of queries whatever the group's size (bench:dashboard counts them).
import { nowOf, type CohortContext } from '@/server/services/context';
import { resolveBuildsOn } from '@/server/services/runs/exercises';
import { listScoredRuns, isBetter } from '@/server/services/results/run-scores';
import { loadCohortProgress } from '@/server/services/standing/load-cohort-progress';
import { findManagedMeeting } from './meeting-access';

export type PrepExercise = {
  slug: string;
  title: string;
  week: number | null;
  runs: number;
  failed: number;
  /** Finished without a finite result (NaN, or nothing logged). */
  noResult: number;
  best: number | null;
  /** Ran it without having ticked these readings it builds on (their titles). */
  ranWithoutReading: string[];
  /** Ticked every reading it builds on, and no run yet. */
  readButNotRun: boolean;
};

export async function getMeetingPrep(ctx: CohortContext, input: { meetingId: string }) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  const meeting = await findManagedMeeting(db, access, input.meetingId);
  const [progress, details] = await Promise.all([
    loadCohortProgress(db, access.cohortId, { groupIds: [meeting.groupId], now }),
    db.meeting.findUniqueOrThrow({
      where: { id: meeting.id },
      select: {
        weekPosition: true,
        group: {
          select: {
            name: true,
            cohort: { select: { name: true, slug: true, timeZone: true } },
          },
        },
      },
    }),
  ]);
  const cohort = details.group.cohort;
  const unit = details.weekPosition !== null ? (progress.units.find((candidate) => candidate.position === details.weekPosition) ?? null) : null;
  const fellows = progress.fellows.filter((fellow) => fellow.groupId === meeting.groupId);
  const membershipIds = fellows.map((fellow) => fellow.membershipId);

  const [prompts, exercises, runs] = await Promise.all([
    unit
      ? db.curriculumPrompt.findMany({
          where: { weekId: unit.id },
          orderBy: { position: 'asc' },
          select: { id: true, kind: true, text: true },
        })
      : Promise.resolve([]),
    progress.exercises,
    listScoredRuns(db, access.cohortId, fellows.map((fellow) => fellow.userId)),
  ]);
  const answers = prompts.length
    ? await db.promptResponse.findMany({
        where: { promptId: { in: prompts.map((prompt) => prompt.id) }, membershipId: { in: membershipIds } },
        select: { membershipId: true, promptId: true, text: true, updatedAt: true },
      })
    : [];

  const held = progress.meetings.filter((other) => other.groupId === meeting.groupId && other.held && other.startsAt < meeting.startsAt);
  const previous = held.at(-1) ?? null;
  const readings = unit?.items ?? [];
  // The readings each exercise builds on, found by URL (or title) among the cohort's readings.
  const allItems = progress.units.flatMap((candidate) => candidate.items);
  const basisOf = new Map(exercises.map((exercise) => [exercise.itemId, resolveBuildsOn(exercise, allItems)]));
  const exerciseRuns = (userId: string, done: Map<string, Date>): PrepExercise[] =>
    exercises.map((exercise) => {
      const own = runs.filter((run) => run.userId === userId && run.exerciseItemId === exercise.itemId);
      const basis = basisOf.get(exercise.itemId) ?? [];
      const unread = basis.filter((item) => !done.has(item.id));
      let best: number | null = null;
      for (const run of own) if (run.score !== null && (best === null || isBetter(run.score, best, exercise.higherIsBetter))) best = run.score;
      return {
        slug: exercise.slug,
        title: exercise.title,
        week: exercise.week,
        runs: own.length,
        failed: own.filter((run) => run.status === 'FAILED').length,
        noResult: own.filter((run) => run.status === 'FINISHED' && run.score === null).length,
        best,
        ranWithoutReading: own.length > 0 ? unread.map((item) => item.title) : [],
        readButNotRun: own.length === 0 && basis.length > 0 && unread.length === 0,
      };
    });

  return {
    cohort: { name: cohort.name, slug: cohort.slug, timeZone: cohort.timeZone },
    meeting: {
      id: meeting.id,
      groupId: meeting.groupId,
      startsAt: meeting.startsAt,
      minutes: meeting.minutes,
      location: meeting.location,
      cancelled: meeting.cancelledAt !== null,
      groupName: details.group.name,
    },
    week: unit ? { position: unit.position, label: unit.label, title: unit.title } : null,
    readings: readings.map((item) => ({ id: item.id, title: item.title, url: item.url, core: item.core, minutes: item.minutes })),
    prompts: prompts.map((prompt) => ({
      ...prompt,
      answered: answers.filter((answer) => answer.promptId === prompt.id && answer.text.trim() !== '').length,
    })),
    meetingsHeld: held.length,
    fellows: fellows
      .map((fellow) => ({
        membershipId: fellow.membershipId,
        name: fellow.name,
        readingsDone: readings.filter((item) => fellow.done.has(item.id)).map((item) => item.id),
        answers: prompts.map((prompt) => answers.find((answer) => answer.promptId === prompt.id && answer.membershipId === fellow.membershipId) ?? null),
        attendance: fellow.standing.attendance,
        missedLast: previous ? fellow.marks.get(previous.id)?.status === 'ABSENT' : false,
        // Facilitators' notes on the fellow at earlier meetings (the attendance sheet's note), newest first.
        notes: held
          .flatMap((earlier) => {
            const note = fellow.marks.get(earlier.id)?.note;
            return note ? [{ at: earlier.startsAt, text: note }] : [];
          })
          .reverse(),
        exercises: exerciseRuns(fellow.userId, fellow.done),
        standing: { status: fellow.standing.status, atRisk: fellow.standing.atRisk, reasons: fellow.standing.riskReasons },
        lastActivityAt: fellow.lastActivityAt,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export type MeetingPrep = Awaited<ReturnType<typeof getMeetingPrep>>;
