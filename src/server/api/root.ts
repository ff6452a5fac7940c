import { createCallerFactory, createTRPCRouter } from '@/server/api/trpc';
import { accountRouter } from '@/server/api/routers/account-router';
import { apiTokensRouter } from '@/server/api/routers/api-tokens-router';
import { curriculaRouter } from '@/server/api/routers/curricula-router';
import { curriculumEditorRouter } from '@/server/api/routers/curriculum-editor-router';
import { membersRouter } from '@/server/api/routers/members-router';
import { cohortsRouter } from '@/server/api/routers/cohorts-router';
import { groupsRouter } from '@/server/api/routers/groups-router';
import { rosterRouter } from '@/server/api/routers/roster-router';
import { usersRouter } from '@/server/api/routers/users-router';
import { runsRouter } from '@/server/api/routers/runs-router';
import { attendanceRouter } from '@/server/api/routers/attendance-router';
import { progressRouter } from '@/server/api/routers/progress-router';
import { standingRouter } from '@/server/api/routers/standing-router';
import { auditRouter } from '@/server/api/routers/audit-router';
import { announcementsRouter } from '@/server/api/routers/announcements-router';
import { notificationsRouter } from '@/server/api/routers/notifications-router';
import { applicationsRouter } from '@/server/api/routers/applications-router';
import { availabilityRouter } from '@/server/api/routers/availability-router';
import { groupingRouter } from '@/server/api/routers/grouping-router';
import { switchesRouter } from '@/server/api/routers/switches-router';
import { certificatesRouter, feedbackRouter } from '@/server/api/routers/closing-router';

export const appRouter = createTRPCRouter({
  curricula: curriculaRouter,
  curriculumEditor: curriculumEditorRouter,
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
  audit: auditRouter,
  announcements: announcementsRouter,
  notifications: notificationsRouter,
  applications: applicationsRouter,
  availability: availabilityRouter,
  grouping: groupingRouter,
  switches: switchesRouter,
  certificates: certificatesRouter,
  feedback: feedbackRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: server components, tests and the CLI. */
export const createCaller = createCallerFactory(appRouter);
