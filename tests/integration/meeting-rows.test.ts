// The fellow's next meeting and the calendar file follow the group's meeting rows: a meeting a
// facilitator moved shows at its new time, a cancelled one is skipped on the home page and
// marked CANCELLED in the .ics (so calendars that imported it drop it).
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { getCohortHome } from '@/server/services/cohorts/get-cohort-home';
import { buildMeetingsCalendar } from '@/server/services/calendar/meetings-calendar';
import { addWeek, deleteWeek, updateWeek } from '@/server/services/curriculum-editor/edit-weeks';
import { ensureGroupMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { createCohort, createGroup, createMembership, inCohort } from '../factories';

describe('meeting rows on the home page and in the calendar file', () => {
  it('shows the moved meeting, skips the cancelled one, and marks it CANCELLED in the .ics', async () => {
    // Week 1 from Monday 4 January 2027 in London; the group meets on Tuesdays at 18:00.
    const cohort = await createCohort({ timeZone: 'Europe/London', startDate: new Date('2027-01-04T00:00:00Z'), status: 'ACTIVE' });
    const group = await createGroup(cohort.id, { meetingDay: 2, meetingTime: '18:00', meetingMinutes: 90, location: 'Room 1' });
    const fellow = await createMembership(cohort.id, 'FELLOW', { groupId: group.id });
    await ensureGroupMeetings(db, group.id, new Date('2027-01-01T00:00:00Z'));
    const [first] = await db.meeting.findMany({ where: { groupId: group.id }, orderBy: { startsAt: 'asc' } });
    expect(first!.startsAt.toISOString()).toBe('2027-01-05T18:00:00.000Z');

    const access: CohortAccess = { cohortId: cohort.id, cohortSlug: cohort.slug, role: 'FELLOW', membershipId: fellow.id, groupIds: [group.id] };
    const now = new Date('2027-01-04T09:00:00Z');
    // Moved to Wednesday 19:30 in another room.
    await db.meeting.update({ where: { id: first!.id }, data: { startsAt: new Date('2027-01-06T19:30:00Z'), location: 'Room 2', movedAt: now } });
    let home = await getCohortHome(inCohort(access, null, now));
    expect(home.groups[0]!.nextMeeting).toMatchObject({ time: '19:30', minutes: 90, location: 'Room 2', moved: true });

    // The factory's syllabus has one week: add an extra meeting the week after.
    await db.meeting.create({ data: { groupId: group.id, regular: false, startsAt: new Date('2027-01-12T18:00:00Z'), minutes: 90 } });
    await db.meeting.update({ where: { id: first!.id }, data: { cancelledAt: now } });
    home = await getCohortHome(inCohort(access, null, now));
    // The next one is the extra one, at the usual time and place.
    expect(home.groups[0]!.nextMeeting).toMatchObject({ time: '18:00', location: 'Room 1', moved: false });
    expect(home.groups[0]!.nextMeeting!.startsAt!.toISOString()).toBe('2027-01-12T18:00:00.000Z');

    const { ics } = await buildMeetingsCalendar(inCohort(access));
    const events = ics.split('BEGIN:VEVENT').slice(1);
    const cancelled = events.find((event) => event.includes(`UID:${first!.id}@fellowship`))!;
    expect(cancelled).toMatch(/STATUS:CANCELLED/);
    expect(cancelled).toMatch(/LOCATION:Room 2/);
    expect(events).toHaveLength(2);
    expect(events.filter((event) => /STATUS:CANCELLED/.test(event))).toHaveLength(1);
    expect(events.find((event) => !/STATUS:CANCELLED/.test(event))).toMatch(/Extra meeting/);
  });

  it('follows an edit of the cohort’s syllabus at once: a week added, made longer or deleted', async () => {
    // The factory's syllabus has one week, from Monday 4 January 2027; meetings on Tuesdays.
    const cohort = await createCohort({ status: 'ACTIVE' });
    const group = await createGroup(cohort.id);
    await ensureGroupMeetings(db, group.id);
    const { slug } = await db.curriculum.findUniqueOrThrow({ where: { id: cohort.curriculumId }, select: { slug: true } });
    const meetingDays = async () =>
      (await db.meeting.findMany({ where: { groupId: group.id }, orderBy: { startsAt: 'asc' }, select: { startsAt: true } })).map((meeting) =>
        meeting.startsAt.toISOString().slice(0, 10),
      );
    expect(await meetingDays()).toEqual(['2027-01-05']);

    const { week } = await addWeek({ db, user: null }, { curriculum: slug, title: 'Capstone' });
    expect(await meetingDays()).toEqual(['2027-01-05', '2027-01-12']);
    // A two-week unit meets once a week, as the schedule of any other unit.
    await updateWeek({ db, user: null }, { curriculum: slug, weekId: week.id, span: 2 });
    expect(await meetingDays()).toEqual(['2027-01-05', '2027-01-12', '2027-01-19']);
    await deleteWeek({ db, user: null }, { curriculum: slug, weekId: week.id });
    expect(await meetingDays()).toEqual(['2027-01-05']);
  });
});
