// Training results in the web UI: run lists and pages, chart data, comparisons and exercise
// leaderboards. Who sees what is decided in the services (results/run-access.ts), from the
// caller's access to the cohort.
import { z } from 'zod';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { MAX_INT, metricKeySchema } from '@/lib/schemas/runs';
import { db } from '@/server/db/client';
import { compareRuns, MAX_COMPARED_RUNS } from '@/server/services/results/compare-runs';
import { getRunDetail } from '@/server/services/results/get-run';
import { getExerciseBoard, listExerciseSummaries } from '@/server/services/results/leaderboard';
import { listRuns } from '@/server/services/results/list-runs';
import { readRunChart } from '@/server/services/results/run-chart';

const runIdSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'is not a run id');
const stepSchema = z.int().min(0).max(MAX_INT);

export const seriesInput = z
  .object({
    runId: runIdSchema,
    key: metricKeySchema,
    minStep: stepSchema.optional(),
    maxStep: stepSchema.optional(),
    maxPoints: z.int().min(10).max(5000).default(1500),
  })
  .refine((input) => input.minStep === undefined || input.maxStep === undefined || input.minStep <= input.maxStep, {
    message: 'minStep must not be greater than maxStep',
    path: ['minStep'],
  });

const viewerOf = (ctx: { access: Parameters<typeof listRuns>[1]['access']; session: { user: { id: string } } }) => ({
  access: ctx.access,
  userId: ctx.session.user.id,
});

export const runsRouter = createTRPCRouter({
  /** The runs the caller may open, newest first. */
  list: cohortProcedure('runs.view').query(({ ctx }) => listRuns(db, viewerOf(ctx))),

  get: cohortProcedure('runs.view')
    .input(z.object({ runId: runIdSchema }))
    .query(({ ctx, input }) => getRunDetail(db, viewerOf(ctx), input.runId)),

  /** One key's chart data; a step range re-reads what a zoomed chart shows at full detail. */
  series: cohortProcedure('runs.view')
    .input(seriesInput)
    .query(({ ctx, input }) =>
      readRunChart(db, viewerOf(ctx), input.runId, input.key, { maxPoints: input.maxPoints, minStep: input.minStep, maxStep: input.maxStep }),
    ),

  compare: cohortProcedure('runs.view')
    .input(
      z.object({
        runIds: z.array(runIdSchema).min(1, 'Pick at least one run.').max(MAX_COMPARED_RUNS, `Compare at most ${MAX_COMPARED_RUNS} runs at once.`),
        key: metricKeySchema.nullish(),
      }),
    )
    .query(({ ctx, input }) => compareRuns(db, viewerOf(ctx), input.runIds, input.key)),

  exercises: cohortProcedure('cohort.view').query(({ ctx }) => listExerciseSummaries(db, viewerOf(ctx))),

  exercise: cohortProcedure('cohort.view')
    .input(z.object({ exercise: z.string().min(1).max(120).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'is not an exercise slug') }))
    .query(({ ctx, input }) => getExerciseBoard(db, viewerOf(ctx), input.exercise)),
});
