import { createCallerFactory, createTRPCRouter } from '@/server/api/trpc';
import { accountRouter } from '@/server/api/routers/account/account-router';
import { apiTokensRouter } from '@/server/api/routers/api-tokens/api-tokens-router';
import { cohortRouter } from '@/server/api/routers/cohort/cohort-router';
import { curriculaRouter } from '@/server/api/routers/curricula-router';
import { curriculumEditorRouter } from '@/server/api/routers/curriculum-editor-router';
import { membersRouter } from '@/server/api/routers/members/members-router';
import { cohortsRouter } from '@/server/api/routers/cohorts/cohorts-router';
import { groupsRouter } from '@/server/api/routers/groups/groups-router';
import { rosterRouter } from '@/server/api/routers/roster/roster-router';
import { usersRouter } from '@/server/api/routers/users/users-router';
import { runsRouter } from '@/server/api/routers/runs/runs-router';
import { attendanceRouter } from '@/server/api/routers/attendance/attendance-router';
import { progressRouter } from '@/server/api/routers/progress/progress-router';
import { standingRouter } from '@/server/api/routers/standing/standing-router';

export const appRouter = createTRPCRouter({
  curricula: curriculaRouter,
  curriculumEditor: curriculumEditorRouter,
  cohort: cohortRouter,
  account: accountRouter,
  users: usersRouter,
  members: membersRouter,
  apiTokens: apiTokensRouter,
  cohorts: cohortsRouter,
  groups: groupsRouter,
  roster: rosterRouter,
  runs: runsRouter,
  attendance: attendanceRouter,
  progress: progressRouter,
  standing: standingRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: server components, tests and the CLI. */
export const createCaller = createCallerFactory(appRouter);
