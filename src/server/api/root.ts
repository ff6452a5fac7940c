import { createCallerFactory, createTRPCRouter } from '@/server/api/trpc';
import { cohortRouter } from '@/server/api/routers/cohort/cohort-router';
import { curriculumRouter } from '@/server/api/routers/curriculum/curriculum-router';

export const appRouter = createTRPCRouter({
  curriculum: curriculumRouter,
  cohort: cohortRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: server components, tests and the CLI. */
export const createCaller = createCallerFactory(appRouter);
