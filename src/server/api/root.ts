import { createCallerFactory, createTRPCRouter } from '@/server/api/trpc';
import { accountRouter } from '@/server/api/routers/account/account-router';
import { cohortRouter } from '@/server/api/routers/cohort/cohort-router';
import { curriculumRouter } from '@/server/api/routers/curriculum/curriculum-router';
import { membersRouter } from '@/server/api/routers/members/members-router';
import { usersRouter } from '@/server/api/routers/users/users-router';

export const appRouter = createTRPCRouter({
  curriculum: curriculumRouter,
  cohort: cohortRouter,
  account: accountRouter,
  users: usersRouter,
  members: membersRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: server components, tests and the CLI. */
export const createCaller = createCallerFactory(appRouter);
