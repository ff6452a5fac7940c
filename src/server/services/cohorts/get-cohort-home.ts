// A member's cohort home: the cohort, the caller's place in it (role, group, meeting time) and
// the week the cohort is in now, with that week's readings.
import { db } from '@/server/db/client';
import { AppError } from '@/server/errors';
import { sumReadingTime, sumSectionMinutes } from '@/lib/reading-time';
import { cohortWeekNumber, locateCurriculumWeek, weekStartDate } from '@/lib/cohort-week';
import type { CohortAccess } from './cohort-access';

const groupSelect = {
  id: true,
  name: true,
  meetingDay: true,
  meetingTime: true,
  meetingMinutes: true,
  location: true,
  videoUrl: true,
} as const;

export async function getCohortHome(access: CohortAccess, now: Date = new Date()) {
  const cohort = await db.cohort.findUnique({
    where: { id: access.cohortId },
    select: {
      name: true,
      slug: true,
      term: true,
      status: true,
      startDate: true,
      timeZone: true,
      curriculum: {
        select: {
          slug: true,
          title: true,
          weeks: {
            orderBy: { position: 'asc' },
            select: {
              id: true,
              position: true,
              number: true,
              span: true,
              title: true,
              sections: {
                orderBy: { position: 'asc' },
                select: {
                  id: true,
                  position: true,
                  title: true,
                  kind: true,
                  statedMinutes: true,
                  items: {
                    orderBy: { position: 'asc' },
                    select: {
                      id: true,
                      position: true,
                      kind: true,
                      title: true,
                      url: true,
                      minutes: true,
                      optional: true,
                      note: true,
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!cohort) throw new AppError('NOT_FOUND', 'No cohort with that name.');

  // Only the caller's own groups: a fellow's group, or the groups a facilitator leads.
  const groups = access.groupIds.length
    ? await db.discussionGroup.findMany({
        where: { cohortId: access.cohortId, id: { in: access.groupIds } },
        orderBy: { name: 'asc' },
        select: groupSelect,
      })
    : [];
  const membership = access.membershipId
    ? await db.membership.findFirst({
        where: { id: access.membershipId, cohortId: access.cohortId },
        select: { role: true },
      })
    : null;

  const { weeks, ...curriculum } = cohort.curriculum;
  const weekNumber = cohortWeekNumber(cohort.startDate, cohort.timeZone, now);
  const located = locateCurriculumWeek(weeks, weekNumber);
  const unit = located ? weeks[located.index]! : null;

  return {
    name: cohort.name,
    slug: cohort.slug,
    term: cohort.term,
    status: cohort.status,
    startDate: cohort.startDate,
    timeZone: cohort.timeZone,
    curriculum,
    /** ADMIN, FACILITATOR or FELLOW: what the caller may do here. */
    role: access.role,
    /** The caller's membership role, null for an admin who is not a member. */
    membershipRole: membership?.role ?? null,
    groups,
    currentWeek:
      located && unit
        ? {
            calendarWeek: weekNumber,
            phase: located.phase,
            totalWeeks: located.totalWeeks,
            startsOn: weekStartDate(cohort.startDate, Math.max(1, weekNumber)),
            week: {
              ...unit,
              sections: unit.sections.map((section) => ({ ...section, computedMinutes: sumSectionMinutes(section) })),
              readingTime: sumReadingTime(unit.sections),
            },
          }
        : null,
  };
}

export type CohortHome = Awaited<ReturnType<typeof getCohortHome>>;
