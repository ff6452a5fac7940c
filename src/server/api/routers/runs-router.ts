// Training results in the web UI: run lists and pages, chart data, comparisons and exercise
// leaderboards. Who sees what is decided in the services (results/run-access.ts), from the
// caller's access to the cohort.
import { compareRunsInput, exerciseBoardInput, runInput, seriesInput } from '@/lib/schemas/runs';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { compareRuns } from '@/server/services/results/compare-runs';
import { getRunDetail } from '@/server/services/results/get-run';
import { getExerciseBoard, listExerciseSummaries } from '@/server/services/results/leaderboard';
import { listRuns } from '@/server/services/results/list-runs';
import { readRunChart } from '@/server/services/results/run-chart';

export const runsRouter = createTRPCRouter({
  /** The runs the caller may open, newest first. */
  list: cohortProcedure('runs.view').query(({ ctx }) => listRuns(ctx)),
  get: cohortProcedure('runs.view').input(runInput).query(({ ctx, input }) => getRunDetail(ctx, input)),
  /** One key's chart data; a step range re-reads what a zoomed chart shows at full detail. */
  series: cohortProcedure('runs.view').input(seriesInput).query(({ ctx, input }) => readRunChart(ctx, input)),
  compare: cohortProcedure('runs.view').input(compareRunsInput).query(({ ctx, input }) => compareRuns(ctx, input)),
  exercises: cohortProcedure('cohort.view').query(({ ctx }) => listExerciseSummaries(ctx)),
  exercise: cohortProcedure('cohort.view').input(exerciseBoardInput).query(({ ctx, input }) => getExerciseBoard(ctx, input)),
});
