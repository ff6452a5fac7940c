// The "Add to calendar" file: every meeting of the caller's groups for the whole cohort (a
// fellow's group, or the groups a facilitator leads): the group's meeting rows, so moved and
// cancelled meetings show as such (a cancelled one as STATUS:CANCELLED, which removes it from
// a calendar that imported it before); from the schedule, through the cohort calendar, for a
// group whose meetings were never made.
import { createEvents, type DateArray, type EventAttributes } from 'ics';
import { buildCohortCalendar, listMeetingDates, type MeetingDate } from '@/lib/cohort-calendar';
import { formatWeekLabel } from '@/lib/format';
import { toSingleLine } from '@/lib/schemas/text';
import { AppError, cohortNotFound } from '@/server/errors';
import { groupScheduleSelect } from '@/server/services/groups/group-select';
import type { CohortContext } from '@/server/services/context';

export type MeetingsCalendar = { filename: string; ics: string };

type Group = { id: string; name: string; location: string | null; videoUrl: string | null };

function dateArray(date: Date): DateArray {
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

function toEvent(
  cohort: { name: string; slug: string },
  group: Group,
  meeting: MeetingDate,
  unit: { number: number | null; span: number; title: string } | undefined,
  uid = `${group.id}-week-${meeting.teachingWeek}@fellowship`,
): EventAttributes {
  const week = unit ? (formatWeekLabel(unit) ?? `Week ${meeting.teachingWeek}`) : meeting.teachingWeek ? `Week ${meeting.teachingWeek}` : 'Extra meeting';
  const about = unit ? `${week}: ${unit.title}` : week;
  // Rows stored before inputs were made one line may still hold a CR or LF: never let one split the file.
  const where = toSingleLine([group.location, group.videoUrl].filter(Boolean).join(' · '));
  const common = {
    // Stable per meeting, so importing the file again updates the events instead of copying them.
    uid,
    title: toSingleLine(`${cohort.name}, ${group.name}: ${about}`),
    description: `Discussion meeting of ${group.name} on ${about}.${group.videoUrl ? `\nVideo call: ${group.videoUrl}` : ''}`,
    ...(where ? { location: where } : {}),
    ...(group.videoUrl ? { url: group.videoUrl } : {}),
  };
  if (meeting.startsAt && meeting.endsAt) {
    return {
      ...common,
      start: meeting.startsAt.getTime(),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: meeting.endsAt.getTime(),
      endInputType: 'utc',
      endOutputType: 'utc',
    };
  }
  // A group with a day but no time yet: an all-day event on that day.
  return { ...common, start: dateArray(meeting.date), duration: { days: 1 } };
}

export async function buildMeetingsCalendar(ctx: CohortContext): Promise<MeetingsCalendar> {
  const { db, access } = ctx;
  const cohort = await db.cohort.findUnique({
    where: { id: access.cohortId },
    select: {
      name: true,
      slug: true,
      startDate: true,
      timeZone: true,
      skippedWeeks: true,
      meetingCadenceWeeks: true,
      curriculum: { select: { weeks: { orderBy: { position: 'asc' }, select: { number: true, span: true, title: true } } } },
      groups: {
        where: { id: { in: access.groupIds } },
        orderBy: { name: 'asc' },
        select: {
          ...groupScheduleSelect,
          meetings: {
            orderBy: { startsAt: 'asc' },
            select: { id: true, weekPosition: true, startsAt: true, minutes: true, location: true, videoUrl: true, cancelledAt: true },
          },
        },
      },
    },
  });
  if (!cohort) throw cohortNotFound();
  if (cohort.groups.length === 0) throw new AppError('NOT_FOUND', 'You are not in a discussion group of this cohort, so there are no meetings to add.');

  const units = cohort.curriculum.weeks;
  const calendar = buildCohortCalendar(cohort, units);
  const events = cohort.groups.flatMap((group) => {
    if (group.meetings.length === 0) {
      return listMeetingDates(calendar, group, cohort.meetingCadenceWeeks, cohort.timeZone).map((meeting) =>
        toEvent(cohort, group, meeting, units[meeting.unitIndex]),
      );
    }
    return group.meetings.map((row) => {
      const unitIndex = row.weekPosition !== null ? row.weekPosition - 1 : -1;
      const meeting: MeetingDate = {
        teachingWeek: calendar.units[unitIndex]?.firstTeachingWeek ?? 0,
        unitIndex,
        date: row.startsAt,
        startsAt: row.startsAt,
        endsAt: new Date(row.startsAt.getTime() + row.minutes * 60_000),
      };
      const place = { ...group, location: row.location ?? group.location, videoUrl: row.videoUrl ?? group.videoUrl };
      const event = toEvent(cohort, place, meeting, units[unitIndex], `${row.id}@fellowship`);
      return row.cancelledAt ? { ...event, status: 'CANCELLED' as const } : event;
    });
  });
  const { error, value } = createEvents(events, { productId: '-//Fellowship//Meetings//EN', calName: `${cohort.name} meetings` });
  if (error || !value) throw error ?? new Error('The calendar file could not be made.');
  return { filename: `${cohort.slug}-meetings.ics`, ics: value };
}
