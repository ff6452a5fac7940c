// A member's cohort home: the cohort, the caller's place in it (role, group, next meeting) and
// the week the cohort is in now, with that week's readings; for a fellow also their ticks,
// notes and progress (buildFellowHome). Dates come from the cohort calendar, so spans and
// skipped weeks agree with the syllabus and settings pages.
import { cohortNotFound } from '@/server/errors';
import { sumReadingTime, sumSectionMinutes } from '@/lib/reading-time';
import { buildCohortCalendar, calendarDateInZone, findNextMeeting, listMeetingDates, locateCurrentUnit, wallClockTime } from '@/lib/cohort-calendar';
import { buildFellowHome } from '@/server/services/progress/build-fellow-home';
import { groupScheduleSelect } from '@/server/services/groups/group-select';
import { nowOf, type CohortContext } from '@/server/services/context';
import { getCurriculumTree } from '@/server/services/curricula/curriculum-tree-cache';
import { listGroupAnswers, type GroupAnswer } from '@/server/services/prompts/group-answers';
import { cohortSettingsOf } from '@/server/services/cohorts/cohort-access';

export async function getCohortHome(ctx: CohortContext) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  // The cohort's settings came with the caller's access (one statement for both).
  const settings = await cohortSettingsOf(db, access);
  if (!settings) throw cohortNotFound();
  const cohort = { ...settings, slug: access.cohortSlug };
  // The syllabus is the same for every member: one copy per curriculum version (ADR 0033).
  const tree = await getCurriculumTree(db, cohort.curriculum);
  if (!tree) throw cohortNotFound();
  const { weeks, prompts: closingPrompts, closingTitle } = tree;
  const curriculum = { slug: tree.slug, title: tree.title };
  const located = locateCurrentUnit(cohort, weeks, now);
  const unit = located ? weeks[located.unitIndex]! : null;

  const dayAgo = new Date(now.getTime() - 24 * 3_600_000);
  // A group's schedule with its meetings from yesterday on, and the shown week's (its answers
  // close when it starts).
  const groupSelect = {
    ...groupScheduleSelect,
    meetings: {
      where: { OR: [{ startsAt: { gt: dayAgo } }, ...(unit ? [{ weekPosition: unit.position, cancelledAt: null }] : [])] },
      orderBy: { startsAt: 'asc' as const },
      select: { startsAt: true, minutes: true, location: true, videoUrl: true, movedAt: true, cancelledAt: true, weekPosition: true },
    },
  };
  // Only the caller's own groups: a fellow's group, or the groups a facilitator leads.
  const loadGroups = () =>
    access.groupIds.length
      ? db.discussionGroup.findMany({ where: { cohortId: access.cohortId, id: { in: access.groupIds } }, orderBy: { name: 'asc' }, select: groupSelect })
      : Promise.resolve([]);
  // A fellow's ticks and notes and their group come in one read; facilitators have none of
  // the first, and their role came with the access.
  const record =
    access.membershipId && access.membershipRole !== 'FACILITATOR'
      ? await db.membership.findFirst({
          where: { id: access.membershipId, cohortId: access.cohortId },
          select: {
            role: true,
            groupId: true,
            readings: { select: { itemId: true, completedAt: true } },
            reflections: { select: { weekId: true, text: true, updatedAt: true } },
            responses: { select: { promptId: true, text: true, updatedAt: true } },
            checkIns: { select: { weekId: true, rating: true, comment: true } },
            group: { select: groupSelect },
          },
        })
      : null;
  const membershipRole = record?.role ?? (access.membershipId ? (access.membershipRole ?? null) : null);
  const membership = record?.role === 'FELLOW' ? record : null;
  const groups = membership
    ? membership.group && access.groupIds.includes(membership.group.id)
      ? [membership.group]
      : []
    : await loadGroups();

  const isFellow = membership !== null;
  // The shown week's answers close when the fellow's group meets on it; the group's answers
  // are shown for the prompts the fellow has answered, where the cohort shares them.
  const shownPrompts = unit?.prompts ?? [];
  const answered = new Set((membership?.responses ?? []).map((response) => response.promptId));
  // The first meeting of the fellow's group on the shown week, as findAnswersCloseAt reads it.
  const answersCloseAt =
    isFellow && unit
      ? (groups
          .find((group) => group.id === membership.groupId)
          ?.meetings.find((meeting) => meeting.weekPosition === unit.position && meeting.cancelledAt === null)?.startsAt ?? null)
      : null;
  const groupAnswers =
    isFellow && unit && cohort.shareResponsesInGroup && membership.groupId && shownPrompts.some((prompt) => answered.has(prompt.id))
      ? await listGroupAnswers(db, {
          groupId: membership.groupId,
          exceptMembershipId: access.membershipId!,
          promptIds: shownPrompts.filter((prompt) => answered.has(prompt.id)).map((prompt) => prompt.id),
        })
      : new Map<string, GroupAnswer[]>();
  const calendar = buildCohortCalendar(cohort, weeks);
  // The next meeting as the group's meeting rows have it (a facilitator may have moved or
  // cancelled one); from the schedule for a group whose meetings were never made.
  const withMeetings = groups.map(({ meetings, ...group }) => {
    const rows = meetings.filter((row) => row.startsAt.getTime() > dayAgo.getTime());
    const upcoming = rows.find((row) => !row.cancelledAt && row.startsAt.getTime() + row.minutes * 60_000 > now.getTime());
    if (upcoming) {
      return {
        ...group,
        nextMeeting: {
          date: calendarDateInZone(upcoming.startsAt, cohort.timeZone),
          startsAt: upcoming.startsAt,
          time: wallClockTime(upcoming.startsAt, cohort.timeZone),
          minutes: upcoming.minutes,
          location: upcoming.location ?? group.location,
          videoUrl: upcoming.videoUrl ?? group.videoUrl,
          moved: upcoming.movedAt !== null,
        },
      };
    }
    const next = rows.length ? null : findNextMeeting(listMeetingDates(calendar, group, cohort.meetingCadenceWeeks, cohort.timeZone), now, cohort.timeZone);
    return {
      ...group,
      nextMeeting: next
        ? { date: next.date, startsAt: next.startsAt, time: next.startsAt ? group.meetingTime : null, minutes: group.meetingMinutes, location: group.location, videoUrl: group.videoUrl, moved: false }
        : null,
    };
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
    membershipRole,
    groups: withMeetings,
    /** The fellow's ticks, notes and progress; null for anyone who is not a fellow here. */
    fellow:
      isFellow
        ? buildFellowHome({
            weeks,
            calendar,
            shownUnitIndex: located?.unitIndex ?? null,
            timeZone: cohort.timeZone,
            now,
            ticks: membership.readings,
            reflections: membership.reflections,
            responses: membership.responses,
            checkIns: membership.checkIns,
            answersCloseAt,
            groupAnswers,
            sharesAnswers: cohort.shareResponsesInGroup,
            closing:
              closingTitle !== null && closingPrompts.length > 0 && located !== null && located.unitIndex === weeks.length - 1
                ? { title: closingTitle, prompts: closingPrompts }
                : null,
          })
        : null,
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
