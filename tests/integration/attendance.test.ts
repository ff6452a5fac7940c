// Meetings made from a group's schedule (time zone, skipped weeks, cadence; idempotent and safe
// under concurrency; moved, cancelled and extra meetings), and attendance: marks with their
// audit log, two facilitators at once losing nothing, who may mark, and a fellow's own record.
import { beforeAll, describe, expect, it } from 'vitest';
import { toZonedClock } from '@/lib/meeting-format';
import { db } from '@/server/db/client';

import { getAttendanceSheet, getAttendanceSheetWithChanges, listAttendanceChanges } from '@/server/services/attendance/attendance-sheet';
import { markAllPresent, markAttendance } from '@/server/services/attendance/mark-attendance';
import { getMyAttendance } from '@/server/services/attendance/my-attendance';
import { resolveCohortAccess, type CohortAccess } from '@/server/services/cohorts/cohort-access';
import { seedDemoData } from '@/server/services/demo/seed-demo';
import { ensureGroupMeetings } from '@/server/services/meetings/ensure-group-meetings';
import {
  addExtraMeeting,
  cancelMeeting,
  listAttendanceGroups,
  listGroupMeetings,
  moveMeeting,
  restoreMeeting,
} from '@/server/services/meetings/manage-meetings';
import { createCohort, createCurriculum, createGroup, createMembership, createUser, inCohort } from '../factories';
import { systemContext } from '@/server/services/context';
import { caughtAppError } from '../support/app-errors';

const LA = 'America/Los_Angeles';
const STATUSES = ['PRESENT', 'LATE', 'EXCUSED', 'ABSENT'] as const;

/** A curriculum of `count` one-week units at positions 1…count. */
function createUnits(count: number) {
  return createCurriculum({
    weeks: {
      create: Array.from({ length: count }, (_, index) => ({ position: index + 1, number: index + 1, title: `Unit ${index + 1}` })),
    },
  });
}

async function accessOf(slug: string, userId: string): Promise<CohortAccess> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, isAdmin: true } });
  const access = await resolveCohortAccess(db, slug, user);
  if (!access) throw new Error(`no access to ${slug}`);
  return access;
}

async function meetingsOf(groupId: string) {
  return db.meeting.findMany({ where: { groupId }, orderBy: { startsAt: 'asc' } });
}

/** A cohort of four units in Los Angeles from Mon 1 Mar 2027, week 1 (8 Mar) skipped. */
async function createScheduledCohort(slug: string, overrides: { skippedWeeks?: number[]; meetingCadenceWeeks?: number } = {}) {
  const curriculum = await createUnits(4);
  const cohort = await createCohort({
    slug,
    curriculumId: curriculum.id,
    startDate: new Date('2027-03-01T00:00:00Z'),
    timeZone: LA,
    status: 'ACTIVE',
    skippedWeeks: overrides.skippedWeeks ?? [1],
    meetingCadenceWeeks: overrides.meetingCadenceWeeks ?? 1,
  });
  const group = await createGroup(cohort.id, { name: 'Tuesdays', meetingDay: 2, meetingTime: '18:00', meetingMinutes: 90, location: 'Room 1' });
  return { cohort, group };
}

describe('meeting generation', () => {
  const before = new Date('2027-02-01T00:00:00Z');

  it('makes one meeting per syllabus week, in the cohort’s time zone, around skipped weeks', async () => {
    const { group } = await createScheduledCohort('gen-zone');
    expect(await ensureGroupMeetings(db, group.id, before)).toEqual({ created: 4, updated: 0, removed: 0 });
    const meetings = await meetingsOf(group.id);
    // Tue 2 Mar; the skipped week (9 Mar) shifts units 2–4 a week later; 18:00 in Los Angeles
    // is 02:00 UTC the next day in winter and 01:00 UTC after the clocks change on 14 Mar.
    expect(meetings.map((meeting) => meeting.startsAt.toISOString())).toEqual([
      '2027-03-03T02:00:00.000Z',
      '2027-03-17T01:00:00.000Z',
      '2027-03-24T01:00:00.000Z',
      '2027-03-31T01:00:00.000Z',
    ]);
    expect(meetings.map((meeting) => toZonedClock(meeting.startsAt, LA))).toEqual([
      { date: '2027-03-02', time: '18:00' },
      { date: '2027-03-16', time: '18:00' },
      { date: '2027-03-23', time: '18:00' },
      { date: '2027-03-30', time: '18:00' },
    ]);
    expect(meetings.map((meeting) => meeting.weekPosition)).toEqual([1, 2, 3, 4]);
    expect(meetings.every((meeting) => meeting.regular && meeting.minutes === 90 && meeting.location === 'Room 1')).toBe(true);
  });

  it('moves every later meeting a week when another week is skipped', async () => {
    const { cohort, group } = await createScheduledCohort('gen-skip', { skippedWeeks: [] });
    await ensureGroupMeetings(db, group.id, before);
    const dates = async () => (await meetingsOf(group.id)).map((meeting) => toZonedClock(meeting.startsAt, LA).date);
    expect(await dates()).toEqual(['2027-03-02', '2027-03-09', '2027-03-16', '2027-03-23']);
    await db.cohort.update({ where: { id: cohort.id }, data: { skippedWeeks: [2] } });
    expect(await ensureGroupMeetings(db, group.id, before)).toEqual({ created: 0, updated: 2, removed: 0 });
    expect(await dates()).toEqual(['2027-03-02', '2027-03-09', '2027-03-23', '2027-03-30']);
  });

  it('meets every other week at a cadence of two', async () => {
    const { group } = await createScheduledCohort('gen-cadence', { skippedWeeks: [], meetingCadenceWeeks: 2 });
    await ensureGroupMeetings(db, group.id, before);
    const meetings = await meetingsOf(group.id);
    expect(meetings.map((meeting) => [meeting.weekPosition, toZonedClock(meeting.startsAt, LA).date])).toEqual([
      [1, '2027-03-02'],
      [3, '2027-03-16'],
    ]);
  });

  it('is idempotent, and concurrent calls create no duplicates', async () => {
    const { group } = await createScheduledCohort('gen-concurrent');
    const results = await Promise.all(Array.from({ length: 8 }, () => ensureGroupMeetings(db, group.id, before)));
    expect(results.reduce((sum, result) => sum + result.created, 0)).toBe(4);
    expect(await db.meeting.count({ where: { groupId: group.id } })).toBe(4);
    expect(await ensureGroupMeetings(db, group.id, before)).toEqual({ created: 0, updated: 0, removed: 0 });
    expect(await db.meeting.count({ where: { groupId: group.id } })).toBe(4);
  });

  it('makes none for a group without a meeting day or time', async () => {
    const { cohort } = await createScheduledCohort('gen-none');
    const noTime = await createGroup(cohort.id, { name: 'No time', meetingDay: 3, meetingTime: null });
    const noDay = await createGroup(cohort.id, { name: 'No day', meetingDay: null, meetingTime: '18:00' });
    await ensureGroupMeetings(db, noTime.id, before);
    await ensureGroupMeetings(db, noDay.id, before);
    expect(await db.meeting.count({ where: { groupId: { in: [noTime.id, noDay.id] } } })).toBe(0);
  });

  it('lets unmoved future meetings follow a new schedule; past, moved and cancelled ones keep what they have', async () => {
    const { cohort, group } = await createScheduledCohort('gen-follow');
    const facilitator = await createMembership(cohort.id, 'FACILITATOR');
    await db.groupFacilitator.create({ data: { groupId: group.id, membershipId: facilitator.id } });
    const access = await accessOf('gen-follow', facilitator.userId);
    await ensureGroupMeetings(db, group.id, before);
    const [first, second, third, fourth] = await meetingsOf(group.id);

    // Between the first and the second meeting: the third is moved by hand, the fourth cancelled.
    const now = new Date('2027-03-10T12:00:00Z');
    await moveMeeting(inCohort(access, null, now), { meetingId: third!.id, date: '2027-03-25', time: '17:00', minutes: 60, location: 'Café' });
    await cancelMeeting(inCohort(access, null, now), { meetingId: fourth!.id });
    await db.discussionGroup.update({ where: { id: group.id }, data: { meetingDay: 3, meetingTime: '19:30', location: 'Room 2' } });
    expect(await ensureGroupMeetings(db, group.id, now)).toEqual({ created: 0, updated: 2, removed: 0 });

    const after = new Map((await meetingsOf(group.id)).map((meeting) => [meeting.id, meeting]));
    expect(after.get(first!.id)).toMatchObject({ startsAt: first!.startsAt, location: 'Room 1' });
    expect(toZonedClock(after.get(second!.id)!.startsAt, LA)).toEqual({ date: '2027-03-17', time: '19:30' });
    expect(after.get(second!.id)!.location).toBe('Room 2');
    expect(toZonedClock(after.get(third!.id)!.startsAt, LA)).toEqual({ date: '2027-03-25', time: '17:00' });
    expect(after.get(third!.id)).toMatchObject({ minutes: 60, location: 'Café' });
    expect(after.get(third!.id)!.movedAt).not.toBeNull();
    expect(after.get(fourth!.id)!.cancelledAt).not.toBeNull();
    expect(toZonedClock(after.get(fourth!.id)!.startsAt, LA)).toEqual({ date: '2027-03-31', time: '19:30' });

    // No schedule any more: the unmoved future meeting without marks goes; the rest stay.
    await db.discussionGroup.update({ where: { id: group.id }, data: { meetingDay: null } });
    expect(await ensureGroupMeetings(db, group.id, now)).toEqual({ created: 0, updated: 0, removed: 1 });
    expect((await meetingsOf(group.id)).map((meeting) => meeting.id)).toEqual([first!.id, third!.id, fourth!.id]);
  });
});

describe('managing meetings', () => {
  let access: CohortAccess;
  let outsider: CohortAccess;
  let groupId: string;

  beforeAll(async () => {
    const { cohort, group } = await createScheduledCohort('manage');
    groupId = group.id;
    const lead = await createMembership(cohort.id, 'FACILITATOR');
    const other = await createMembership(cohort.id, 'FACILITATOR');
    const otherGroup = await createGroup(cohort.id, { name: 'Other' });
    await db.groupFacilitator.createMany({ data: [{ groupId, membershipId: lead.id }, { groupId: otherGroup.id, membershipId: other.id }] });
    access = await accessOf('manage', lead.userId);
    outsider = await accessOf('manage', other.userId);
  });

  it('lists the group’s meetings with local times and picks the latest that has begun', async () => {
    const listed = await listGroupMeetings(inCohort(access, null, new Date('2027-03-20T00:00:00Z')), { groupId });
    expect(listed.group).toMatchObject({ name: 'Tuesdays', hasSchedule: true });
    expect(listed.timeZone).toBe(LA);
    expect(listed.meetings.map((meeting) => [meeting.weekLabel, meeting.local.date, meeting.local.time])).toEqual([
      ['Week 1', '2027-03-02', '18:00'],
      ['Week 2', '2027-03-16', '18:00'],
      ['Week 3', '2027-03-23', '18:00'],
      ['Week 4', '2027-03-30', '18:00'],
    ]);
    expect(listed.defaultMeetingId).toBe(listed.meetings[1]!.id);
    // Before the first meeting: the next one.
    expect((await listGroupMeetings(inCohort(access, null, new Date('2027-02-01T00:00:00Z')), { groupId })).defaultMeetingId).toBe(listed.meetings[0]!.id);
    expect((await listAttendanceGroups(inCohort(access))).map((group) => group.name)).toEqual(['Tuesdays']);
    expect((await listAttendanceGroups(inCohort(outsider))).map((group) => group.name)).toEqual(['Other']);
  });

  it('moves, cancels, restores and adds meetings; another group’s facilitator cannot', async () => {
    const [meeting] = await meetingsOf(groupId);
    const moved = await moveMeeting(inCohort(access), { meetingId: meeting!.id, date: '2027-03-04', time: '12:15', minutes: 45, location: 'Park', videoUrl: '' });
    expect(toZonedClock(moved.startsAt, LA)).toEqual({ date: '2027-03-04', time: '12:15' });
    expect(moved).toMatchObject({ minutes: 45, location: 'Park', videoUrl: null });
    expect(moved.movedAt).not.toBeNull();

    expect((await cancelMeeting(inCohort(access), { meetingId: meeting!.id })).cancelledAt).not.toBeNull();
    expect((await restoreMeeting(inCohort(access), { meetingId: meeting!.id })).cancelledAt).toBeNull();

    const extra = await addExtraMeeting(inCohort(access), { groupId, date: '2027-04-02', time: '17:00', minutes: 60, weekPosition: 4 });
    expect(extra).toMatchObject({ regular: false, weekPosition: 4 });
    expect(toZonedClock(extra.startsAt, LA)).toEqual({ date: '2027-04-02', time: '17:00' });
    // The schedule never removes an extra meeting.
    await ensureGroupMeetings(db, groupId, new Date('2027-02-01T00:00:00Z'));
    expect(await db.meeting.count({ where: { id: extra.id } })).toBe(1);
    expect((await caughtAppError(addExtraMeeting(inCohort(access), { groupId, date: '2027-04-02', time: '17:00', minutes: 60, weekPosition: 9 }))).code).toBe('BAD_REQUEST');

    expect((await caughtAppError(moveMeeting(inCohort(outsider), { meetingId: meeting!.id, date: '2027-03-04', time: '12:00', minutes: 45 }))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(cancelMeeting(inCohort(outsider), { meetingId: meeting!.id }))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(addExtraMeeting(inCohort(outsider), { groupId, date: '2027-04-02', time: '17:00', minutes: 60 }))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(listGroupMeetings(inCohort(outsider), { groupId }))).code).toBe('NOT_FOUND');
  });
});

describe('attendance', () => {
  let cohortId: string;
  let groupId: string;
  let meetingId: string;
  let first: CohortAccess;
  let second: CohortAccess;
  let otherGroupLead: CohortAccess;
  let fellows: { id: string; userId: string }[];
  let firstUserId: string;
  let secondUserId: string;

  beforeAll(async () => {
    const { cohort, group } = await createScheduledCohort('marks');
    cohortId = cohort.id;
    groupId = group.id;
    const leads = [await createMembership(cohortId, 'FACILITATOR'), await createMembership(cohortId, 'FACILITATOR')];
    const otherGroup = await createGroup(cohortId, { name: 'Other group' });
    const otherLead = await createMembership(cohortId, 'FACILITATOR');
    await db.groupFacilitator.createMany({
      data: [...leads.map((lead) => ({ groupId, membershipId: lead.id })), { groupId: otherGroup.id, membershipId: otherLead.id }],
    });
    first = await accessOf('marks', leads[0]!.userId);
    second = await accessOf('marks', leads[1]!.userId);
    firstUserId = leads[0]!.userId;
    secondUserId = leads[1]!.userId;
    otherGroupLead = await accessOf('marks', otherLead.userId);
    fellows = [];
    for (let index = 0; index < 6; index++) {
      const user = await createUser({ name: `Fellow ${index + 1}` });
      fellows.push(await createMembership(cohortId, 'FELLOW', { userId: user.id, groupId }));
    }
    await ensureGroupMeetings(db, groupId);
    meetingId = (await meetingsOf(groupId))[0]!.id;
  });

  it('marks a fellow, logs the change, and logs nothing for the same mark again', async () => {
    const fellow = fellows[0]!.id;
    const marked = await markAttendance(inCohort(first, firstUserId), { meetingId, membershipId: fellow, status: 'LATE', note: 'Train' });
    expect(marked).toMatchObject({ changed: true, mark: { status: 'LATE', note: 'Train', updatedById: firstUserId } });
    expect((await markAttendance(inCohort(second, secondUserId), { meetingId, membershipId: fellow, status: 'LATE' })).changed).toBe(false);
    // A note left out stays; an empty note clears it.
    await markAttendance(inCohort(second, secondUserId), { meetingId, membershipId: fellow, status: 'PRESENT' });
    await markAttendance(inCohort(second, secondUserId), { meetingId, membershipId: fellow, status: 'PRESENT', note: '' });

    const changes = await listAttendanceChanges(inCohort(first), { meetingId });
    expect(changes.map((change) => [change.fromStatus, change.toStatus, change.fromNote, change.toNote])).toEqual([
      ['PRESENT', 'PRESENT', 'Train', null],
      ['LATE', 'PRESENT', 'Train', 'Train'],
      [null, 'LATE', null, 'Train'],
    ]);
    expect(changes[0]!.fellowName).toBe('Fellow 1');

    const sheet = await getAttendanceSheet(inCohort(first), { meetingId });
    const row = sheet.rows.find((candidate) => candidate.membershipId === fellow)!;
    expect(row).toMatchObject({ status: 'PRESENT', note: null });
    expect(row.updatedBy).toEqual(expect.any(String));
    expect(row.version).toBe(row.updatedAt!.getTime());
    expect(sheet.rows).toHaveLength(6);
    // The page's first read gives both at once, the same as each alone.
    expect(await getAttendanceSheetWithChanges(inCohort(first), { meetingId })).toEqual({ sheet, changes });
  });

  it('marks everyone not yet marked present, and leaves the others as they are', async () => {
    await markAttendance(inCohort(first, firstUserId), { meetingId, membershipId: fellows[1]!.id, status: 'ABSENT' });
    expect(await markAllPresent(inCohort(first, firstUserId), { meetingId })).toEqual({ marked: 4, alreadyMarked: 2 });
    const sheet = await getAttendanceSheet(inCohort(first), { meetingId });
    expect(sheet.rows.map((row) => row.status).sort()).toEqual(['ABSENT', 'PRESENT', 'PRESENT', 'PRESENT', 'PRESENT', 'PRESENT']);
    expect(await markAllPresent(inCohort(second, secondUserId), { meetingId })).toEqual({ marked: 0, alreadyMarked: 6 });
  });

  it('loses nothing when two facilitators mark the same sheet at the same moment', async () => {
    const meeting = (await meetingsOf(groupId))[1]!.id;
    // 60 writes from two facilitators to six fellows, all at once, each with its own note so
    // that every write is a change: the log must hold all 60, chained without a gap.
    const writes = Array.from({ length: 60 }, (_, index) => ({
      who: index % 2 === 0 ? { access: first, userId: firstUserId } : { access: second, userId: secondUserId },
      input: { meetingId: meeting, membershipId: fellows[index % 6]!.id, status: STATUSES[(index * 7) % 4]!, note: `write ${index}` },
    }));
    const results = await Promise.all(
      [...writes.map(({ who, input }) => markAttendance(inCohort(who.access, who.userId), input)), markAllPresent(inCohort(second, secondUserId), { meetingId: meeting })],
    );
    expect(results.slice(0, 60).every((result) => 'changed' in result && result.changed)).toBe(true);

    const changes = await db.attendanceChange.findMany({ where: { meetingId: meeting } });
    const allPresent = results[60] as { marked: number };
    expect(changes).toHaveLength(60 + allPresent.marked);
    expect(new Set(changes.map((change) => change.changedById))).toEqual(new Set([firstUserId, secondUserId]));

    const marks = await db.attendance.findMany({ where: { meetingId: meeting } });
    expect(marks).toHaveLength(6);
    for (const fellow of fellows) {
      const own = changes.filter((change) => change.membershipId === fellow.id);
      const mark = marks.find((candidate) => candidate.membershipId === fellow.id)!;
      // One chain from "not marked" to the mark that is stored: each change starts where
      // exactly one other ended, and only the stored (last) one is nobody's start.
      const froms = own.map((change) => `${change.fromStatus}|${change.fromNote}`);
      const tos = own.map((change) => `${change.toStatus}|${change.toNote}`);
      expect(froms.filter((from) => from.startsWith('null|'))).toHaveLength(1);
      expect(new Set(froms).size).toBe(own.length);
      const ends = tos.filter((to) => !froms.includes(to));
      expect(ends).toEqual([`${mark.status}|${mark.note}`]);
      // …and it is the last write applied to this fellow.
      const end = own.find((change) => `${change.toStatus}|${change.toNote}` === ends[0])!;
      expect(end.changedAt.getTime()).toBe(Math.max(...own.map((change) => change.changedAt.getTime())));
      expect(own.filter((change) => change.toNote?.startsWith('write ')).length).toBe(10);
    }
  });

  it('refuses a facilitator of another group, a fellow, a fellow of another group and a cancelled meeting', async () => {
    const input = { meetingId, membershipId: fellows[2]!.id, status: 'ABSENT' as const };
    expect((await caughtAppError(markAttendance(inCohort(otherGroupLead, 'x'), input))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(markAllPresent(inCohort(otherGroupLead, 'x'), { meetingId }))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(getAttendanceSheet(inCohort(otherGroupLead), { meetingId }))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(listAttendanceChanges(inCohort(otherGroupLead), { meetingId }))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(getAttendanceSheetWithChanges(inCohort(otherGroupLead), { meetingId }))).code).toBe('NOT_FOUND');

    const fellowAccess = await accessOf('marks', fellows[0]!.userId);
    expect((await caughtAppError(markAttendance(inCohort(fellowAccess, fellows[0]!.userId), { ...input, membershipId: fellows[0]!.id }))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(getAttendanceSheet(inCohort(fellowAccess), { meetingId }))).code).toBe('NOT_FOUND');

    const stranger = await createMembership(cohortId, 'FELLOW');
    expect((await caughtAppError(markAttendance(inCohort(first, firstUserId), { ...input, membershipId: stranger.id }))).code).toBe('NOT_FOUND');

    const cancelled = (await meetingsOf(groupId))[3]!.id;
    await cancelMeeting(inCohort(first), { meetingId: cancelled });
    expect((await caughtAppError(markAttendance(inCohort(first, firstUserId), { ...input, meetingId: cancelled }))).code).toBe('CONFLICT');
    await restoreMeeting(inCohort(first), { meetingId: cancelled });
    expect((await markAttendance(inCohort(first, firstUserId), { ...input, meetingId: cancelled })).changed).toBe(true);
  });

  it('shows a fellow their own record only, with a summary', async () => {
    const [m1, m2, m3, m4] = await meetingsOf(groupId);
    const after = new Date(m3!.startsAt.getTime() + 60_000);
    const mine = await getMyAttendance(inCohort(await accessOf('marks', fellows[1]!.userId), null, after));
    expect(mine!.meetings.map((meeting) => meeting.id)).toEqual([m1!.id, m2!.id, m3!.id, m4!.id]);
    const ownMarks = await db.attendance.findMany({ where: { membershipId: fellows[1]!.id }, select: { meetingId: true, status: true } });
    const expected = new Map(ownMarks.map((mark) => [mark.meetingId, mark.status]));
    expect(mine!.meetings.map((meeting) => meeting.status)).toEqual([m1, m2, m3, m4].map((m) => expected.get(m!.id) ?? null));
    expect(mine!.meetings[0]!.status).toBe('ABSENT');
    expect(mine!.summary.held).toBe(3);
    expect(mine!.summary.attended + mine!.summary.excused + mine!.summary.absent + mine!.summary.unmarked).toBe(3);
    // Nothing of another fellow's, and no facilitator notes.
    expect(JSON.stringify(mine)).not.toContain('write ');
    expect(JSON.stringify(mine)).not.toContain(fellows[0]!.id);

    // Facilitators and admins are not fellows here: no record.
    expect(await getMyAttendance(inCohort(first))).toBeNull();
  });

  it('refuses every change in an archived cohort', async () => {
    await db.cohort.update({ where: { id: cohortId }, data: { status: 'ARCHIVED' } });
    const input = { meetingId, membershipId: fellows[3]!.id, status: 'LATE' as const };
    expect((await caughtAppError(markAttendance(inCohort(first, firstUserId), input))).code).toBe('CONFLICT');
    expect((await caughtAppError(markAllPresent(inCohort(first, firstUserId), { meetingId }))).code).toBe('CONFLICT');
    expect((await caughtAppError(cancelMeeting(inCohort(first), { meetingId }))).code).toBe('CONFLICT');
    // Reading still works.
    expect((await getAttendanceSheet(inCohort(first), { meetingId })).rows).toHaveLength(6);
    await db.cohort.update({ where: { id: cohortId }, data: { status: 'ACTIVE' } });
  });
});

describe('demo attendance', () => {
  it('marks the demo meetings that are over, never fellow1 or fellow2, with two fellows at risk, once', async () => {
    // Wednesday 18 March 2026: the demo started Monday 2 March; Group A (Tuesdays) has met three
    // times, Group B (Thursdays) twice.
    const now = new Date('2026-03-18T20:00:00Z');
    await seedDemoData(systemContext(db, now));
    const absences = async (email: string) =>
      db.attendance.count({ where: { status: 'ABSENT', membership: { user: { email }, cohort: { slug: 'demo' } } } });
    const marksOf = async (email: string) => db.attendance.count({ where: { membership: { user: { email }, cohort: { slug: 'demo' } } } });

    expect(await db.meeting.count({ where: { group: { cohort: { slug: 'demo' } } } })).toBe(12);
    expect(await marksOf('fellow1@example.com')).toBe(0);
    expect(await marksOf('fellow2@example.com')).toBe(0);
    expect(await marksOf('fellow3@example.com')).toBe(3);
    expect(await marksOf('fellow7@example.com')).toBe(2);
    expect(await absences('fellow4@example.com')).toBe(2);
    expect(await absences('fellow9@example.com')).toBe(2);
    const inDemo = { meeting: { group: { cohort: { slug: 'demo' } } } };
    const total = await db.attendance.count({ where: inDemo });
    expect(total).toBe(4 * 3 + 6 * 2);
    expect(await db.attendanceChange.count({ where: inDemo })).toBe(total);

    // A second seeding, weeks later, adds nothing.
    await seedDemoData(systemContext(db, new Date('2026-04-30T20:00:00Z')));
    expect(await db.attendance.count({ where: inDemo })).toBe(total);
    expect(await db.meeting.count({ where: { group: { cohort: { slug: 'demo' } } } })).toBe(12);
  });
});
