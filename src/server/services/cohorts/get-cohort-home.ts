// A member's cohort home: the cohort, the caller's place in it (role, group, next meeting) and
// the week the cohort is in now, with that week's readings. Dates come from the cohort
// calendar, so spans and skipped weeks agree with the syllabus and settings pages.
import { db } from '@/server/db/client';
import { AppError } from '@/server/errors';
import { sumReadingTime, sumSectionMinutes } from '@/lib/reading-time';
import { buildCohortCalendar, findNextMeeting, listMeetingDates, locateCurrentUnit } from '@/lib/cohort-calendar';
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
      skippedWeeks: true,
      meetingCadenceWeeks: true,
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
  const located = locateCurrentUnit(cohort, weeks, now);
  const unit = located ? weeks[located.unitIndex]! : null;
  const calendar = buildCohortCalendar(cohort, weeks);
  const withMeetings = groups.map((group) => {
    const next = findNextMeeting(listMeetingDates(calendar, group, cohort.meetingCadenceWeeks, cohort.timeZone), now, cohort.timeZone);
    return { ...group, nextMeeting: next ? { date: next.date, startsAt: next.startsAt } : null };
  });

  return {
    name: cohort.name,
    slug: cohort.slug,
    term: cohort.term,
    status: cohort.status,
    startDate: cohort.startDate,
    timeZone: cohort.timeZone,
    endDate: calendar.endDate,
    curriculum,
    /** ADMIN, FACILITATOR or FELLOW: what the caller may do here. */
    role: access.role,
    /** The caller's membership role, null for an admin who is not a member. */
    membershipRole: membership?.role ?? null,
    groups: withMeetings,
    currentWeek:
      located && unit
        ? {
            phase: located.phase,
            /** The syllabus week running now (from 1); null before, in a skipped week and after. */
            teachingWeek: located.teachingWeek,
            totalWeeks: located.totalTeachingWeeks,
            /** The first and last day of the unit shown. */
            startsOn: located.unitStartDate,
            endsOn: located.unitEndDate,
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
