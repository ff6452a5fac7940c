// After the start, against real PostgreSQL: a fellow is offered the groups that meet when they
// are free and have room; asks for one meeting or for good; only the receiving group's
// facilitator or an admin decides, and each side is emailed; a cohort can approve at once;
// leaving keeps the records and drops the fellow from the rates and the emails; deferring
// carries the application to a later cohort; a meeting handed over is the other facilitator's
// to run.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { getAttendanceSheet } from '@/server/services/attendance/attendance-sheet';
import { markAttendance } from '@/server/services/attendance/mark-attendance';
import { listApplications } from '@/server/services/applications/review';
import { saveMyAvailability } from '@/server/services/availability/availability';
import type { CohortContext, MemberContext } from '@/server/services/context';
import { ensureGroupMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { addExtraMeeting, listAttendanceGroups, listGroupMeetings } from '@/server/services/meetings/manage-meetings';
import { findSkipReasons } from '@/server/services/notifications/recipients';
import { loadCohortProgress } from '@/server/services/standing/load-cohort-progress';
import { decideSwitch, deferToCohort, handOverMeeting, leaveCohort, listSwitchOptions, listSwitchRequests, requestSwitch } from '@/server/services/switches/switches';
import { createCohort, createGroup, createPerson, inCohort } from '../factories';
import { caughtAppError } from '../support/app-errors';

const NOW = new Date('2027-02-03T12:00:00Z');
const EVENINGS = [1, 3].flatMap((day) => Array.from({ length: 6 }, (_, k) => day * 48 + 36 + k)); // Tue and Thu 18:00–21:00

type Person = Awaited<ReturnType<typeof createPerson>>;

describe('switching groups, leaving, deferring, handing a meeting over', () => {
  let cohort: { id: string; slug: string };
  let groups: Record<'A' | 'B' | 'C' | 'D', { id: string }>;
  let fellow: Person;
  let leads: Record<'A' | 'B', Person>;

  const ctxOf = (person: Person, role: 'FELLOW' | 'FACILITATOR', groupIds: string[]): MemberContext =>
    inCohort({ cohortId: cohort.id, cohortSlug: cohort.slug, role, membershipId: person.membership.id, groupIds }, person.user, NOW) as MemberContext;
  const admin = (): CohortContext => inCohort({ cohortId: cohort.id, cohortSlug: cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] }, null, NOW);

  beforeAll(async () => {
    cohort = await createCohort({ slug: 'switch-2027', startDate: new Date('2027-02-01T00:00:00Z'), timeZone: 'Europe/London' });
    groups = {
      A: await createGroup(cohort.id, { name: 'A', meetingDay: 2, meetingTime: '18:00' }),
      B: await createGroup(cohort.id, { name: 'B', meetingDay: 4, meetingTime: '18:00' }),
      C: await createGroup(cohort.id, { name: 'C', meetingDay: 2, meetingTime: '19:00', capacity: 1 }),
      D: await createGroup(cohort.id, { name: 'D', meetingDay: 6, meetingTime: '10:00' }),
    };
    for (const group of Object.values(groups)) await ensureGroupMeetings(db, group.id, new Date('2027-01-20T00:00:00Z'));
    fellow = await createPerson(cohort.id, 'FELLOW', { name: 'Sam Switcher', email: 'sam@example.org', groupId: groups.A.id });
    await createPerson(cohort.id, 'FELLOW', { name: 'Cleo Full', groupId: groups.C.id });
    leads = {
      A: await createPerson(cohort.id, 'FACILITATOR', { name: 'Lead A', groupId: groups.A.id }),
      B: await createPerson(cohort.id, 'FACILITATOR', { name: 'Lead B', groupId: groups.B.id }),
    };
    await saveMyAvailability(ctxOf(fellow, 'FELLOW', [groups.A.id]), { timeZone: 'Europe/London', localSlots: EVENINGS });
  });

  it('offers the groups that meet when the fellow is free, with room first', async () => {
    const options = await listSwitchOptions(ctxOf(fellow, 'FELLOW', [groups.A.id]));
    expect(options.currentGroupId).toBe(groups.A.id);
    expect(options.groups.map((g) => [g.name, g.fits, g.room])).toEqual([
      ['B', true, true],
      ['C', true, false],
      ['D', false, true],
    ]);
    expect(options.groups[0]!.upcoming.length).toBeGreaterThan(0);
    const full = await caughtAppError(requestSwitch(ctxOf(fellow, 'FELLOW', [groups.A.id]), { toGroupId: groups.C.id, scope: 'PERMANENT' }));
    expect(full.message).toBe('C is full: choose another group, or ask for one meeting.');
  });

  it('asks for one meeting of B: only B’s facilitator or an admin decides, and both sides are emailed', async () => {
    const options = await listSwitchOptions(ctxOf(fellow, 'FELLOW', [groups.A.id]));
    const meetingId = options.groups[0]!.upcoming[0]!.meetingId;
    const asked = await requestSwitch(ctxOf(fellow, 'FELLOW', [groups.A.id]), { toGroupId: groups.B.id, scope: 'ONE_WEEK', meetingId, reason: 'A clash on Tuesday.' });
    expect(asked.status).toBe('PENDING');
    const requested = await db.notification.findMany({ where: { kind: 'GROUP_SWITCH', subjectId: asked.requestId }, select: { toEmail: true, payload: true } });
    expect(requested.map((n) => [n.toEmail, (n.payload as { event: string }).event])).toEqual([[leads.B.user.email, 'requested']]);

    // Lead A does not lead B: the request is out of their reach.
    expect(await listSwitchRequests(ctxOf(leads.A, 'FACILITATOR', [groups.A.id]))).toEqual([]);
    expect((await caughtAppError(decideSwitch(ctxOf(leads.A, 'FACILITATOR', [groups.A.id]), { requestId: asked.requestId, approve: true }))).code).toBe('NOT_FOUND');

    const pending = await listSwitchRequests(ctxOf(leads.B, 'FACILITATOR', [groups.B.id]));
    expect(pending.map((r) => [r.fellowName, r.fromGroupName, r.toGroupName, r.scope, r.reason])).toEqual([['Sam Switcher', 'A', 'B', 'ONE_WEEK', 'A clash on Tuesday.']]);
    expect(await decideSwitch(ctxOf(leads.B, 'FACILITATOR', [groups.B.id]), { requestId: asked.requestId, approve: true })).toMatchObject({ status: 'APPROVED', emailed: 1 });
    // One meeting only: Sam stays in A, and is a guest on that meeting's sheet, marked like the rest.
    expect((await db.membership.findUniqueOrThrow({ where: { id: fellow.membership.id } })).groupId).toBe(groups.A.id);
    const leadB = ctxOf(leads.B, 'FACILITATOR', [groups.B.id]);
    const sheet = await getAttendanceSheet(leadB, { meetingId });
    expect(sheet.rows.map((row) => row.name)).toEqual(['Sam Switcher (guest)']);
    await markAttendance(leadB, { meetingId, membershipId: fellow.membership.id, status: 'PRESENT' });
    // Another meeting of B: Sam is no guest there.
    const other = (await db.meeting.create({ data: { groupId: groups.B.id, regular: false, startsAt: new Date('2027-03-04T18:00:00Z') } })).id;
    expect((await caughtAppError(markAttendance(leadB, { meetingId: other, membershipId: fellow.membership.id, status: 'PRESENT' }))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(decideSwitch(admin(), { requestId: asked.requestId, approve: false }))).code).toBe('CONFLICT');
  });

  it('moves for good when approved, and at once where the cohort approves switches itself', async () => {
    const asked = await requestSwitch(ctxOf(fellow, 'FELLOW', [groups.A.id]), { toGroupId: groups.B.id, scope: 'PERMANENT' });
    await decideSwitch(admin(), { requestId: asked.requestId, approve: true });
    expect((await db.membership.findUniqueOrThrow({ where: { id: fellow.membership.id } })).groupId).toBe(groups.B.id);

    await db.cohort.update({ where: { id: cohort.id }, data: { autoApproveSwitches: true } });
    const back = await requestSwitch(ctxOf(fellow, 'FELLOW', [groups.B.id]), { toGroupId: groups.A.id, scope: 'PERMANENT' });
    expect(back.status).toBe('APPROVED');
    expect((await db.membership.findUniqueOrThrow({ where: { id: fellow.membership.id } })).groupId).toBe(groups.A.id);
  });

  it('hands one meeting of A to B’s facilitator, who can then run its sheet', async () => {
    const meeting = await db.meeting.findFirstOrThrow({ where: { groupId: groups.A.id }, orderBy: { startsAt: 'asc' } });
    const leadB = ctxOf(leads.B, 'FACILITATOR', [groups.B.id]);
    expect((await caughtAppError(getAttendanceSheet(leadB, { meetingId: meeting.id }))).code).toBe('NOT_FOUND');
    await handOverMeeting(ctxOf(leads.A, 'FACILITATOR', [groups.A.id]), { meetingId: meeting.id, toMembershipId: leads.B.membership.id });
    expect((await getAttendanceSheet(leadB, { meetingId: meeting.id })).rows.map((row) => row.name)).toContain('Sam Switcher');
    expect((await caughtAppError(handOverMeeting(leadB, { meetingId: meeting.id, toMembershipId: fellow.membership.id }))).code).toBe('NOT_FOUND');
    // Lead B now finds group A among their attendance groups and sees its meetings, but changes only the one handed over.
    expect((await listAttendanceGroups(leadB)).map((g) => g.name)).toEqual(['A', 'B']);
    expect((await listGroupMeetings(leadB, { groupId: groups.A.id })).meetings.length).toBeGreaterThan(0);
    expect((await caughtAppError(addExtraMeeting(leadB, { groupId: groups.A.id, date: '2027-03-09', time: '18:00', minutes: 90, weekPosition: null }))).code).toBe('NOT_FOUND');
  });

  it('leaving keeps the records, and takes the fellow out of the rates and the emails', async () => {
    const leaver = await createPerson(cohort.id, 'FELLOW', { name: 'Lee Leaver', groupId: groups.D.id });
    const before = await loadCohortProgress(db, cohort.id, { now: NOW });
    await leaveCohort(ctxOf(leaver, 'FELLOW', [groups.D.id]));
    const after = await loadCohortProgress(db, cohort.id, { now: NOW });
    expect(after.fellows.length).toBe(before.fellows.length - 1);
    expect(await db.membership.findUnique({ where: { id: leaver.membership.id } })).toMatchObject({ groupId: groups.D.id });
    const skips = await findSkipReasons(db, { kind: 'ANNOUNCEMENT', cohortId: cohort.id, candidates: [{ userId: leaver.user.id, email: leaver.user.email }] });
    expect([...skips.values()]).toEqual(['not-in-cohort']);
    expect((await caughtAppError(listSwitchOptions(ctxOf(leaver, 'FELLOW', [])))).message).toBe('You have left this cohort.');
  });

  it('deferring carries the application to a later cohort, shown to its admins', async () => {
    const later = await createCohort({ slug: 'switch-2027-autumn', name: 'Autumn 2027', startDate: new Date('2027-09-06T00:00:00Z') });
    await createCohort({ slug: 'switch-2026', name: 'Earlier', startDate: new Date('2026-09-06T00:00:00Z') });
    const deferrer = await createPerson(cohort.id, 'FELLOW', { name: 'Dee Ferrer', email: 'dee@example.org', groupId: groups.D.id });
    await db.application.create({ data: { cohortId: cohort.id, email: 'dee@example.org', userId: deferrer.user.id, name: 'Dee Ferrer', status: 'ACCEPTED', answers: { why: 'Curious.' } } });
    expect((await caughtAppError(deferToCohort(ctxOf(deferrer, 'FELLOW', [groups.D.id]), { toCohort: 'switch-2026' }))).details).toEqual([{ path: 'toCohort', message: 'Choose a later cohort.' }]);
    await deferToCohort(ctxOf(deferrer, 'FELLOW', [groups.D.id]), { toCohort: later.slug });
    const membership = await db.membership.findUniqueOrThrow({ where: { id: deferrer.membership.id } });
    expect(membership.leftAt).not.toBeNull();
    expect(membership.deferredToCohortId).toBe(later.id);
    expect((await db.application.findFirstOrThrow({ where: { cohortId: cohort.id, email: 'dee@example.org' } })).status).toBe('DEFERRED');
    const table = await listApplications(inCohort({ cohortId: later.id, cohortSlug: later.slug, role: 'ADMIN', membershipId: null, groupIds: [] }, null, NOW));
    expect(table.rows.map((row) => [row.name, row.status, row.deferredFromCohort, row.answers])).toEqual([['Dee Ferrer', 'SUBMITTED', 'Test cohort', { why: 'Curious.' }]]);
  });
});
