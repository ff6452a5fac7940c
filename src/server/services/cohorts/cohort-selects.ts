// The cohort's columns as every cohort view selects them, in one place: the list of one's
// cohorts, the admin's list, a new cohort, the settings page.
import type { Prisma } from '@/generated/prisma/client';

/** What names a cohort and dates it: every list of cohorts shows these. */
export const cohortSummarySelect = {
  slug: true,
  name: true,
  term: true,
  status: true,
  startDate: true,
  timeZone: true,
} as const satisfies Prisma.CohortSelect;

/** The summary plus what its calendar is computed from. */
export const cohortScheduleSelect = {
  id: true,
  ...cohortSummarySelect,
  meetingCadenceWeeks: true,
  skippedWeeks: true,
} as const satisfies Prisma.CohortSelect;

/** Every setting an admin can change on the settings page. */
export const cohortSettingsSelect = {
  ...cohortScheduleSelect,
  syllabusVisibility: true,
  leaderboardHideNames: true,
  atRiskMissedMeetings: true,
  atRiskReadingPercent: true,
  completionMaxUnexcusedAbsences: true,
  completionReadingPercent: true,
  digestHour: true,
  reminderHoursBefore: true,
  atRiskNudges: true,
  autoApproveSwitches: true,
  promptsRequired: true,
  shareResponsesInGroup: true,
  certificatesNeedSurvey: true,
  clonedFromId: true,
  updatedAt: true,
} as const satisfies Prisma.CohortSelect;

/** The syllabus copy a cohort runs and the template (and version) it descends from. */
export const cohortCurriculumSelect = {
  slug: true,
  title: true,
  sourceVersion: true,
  source: { select: { slug: true, title: true, version: true } },
} as const satisfies Prisma.CurriculumSelect;
