// Availability and group formation against real PostgreSQL: grids painted in Los Angeles, London
// and Tokyo stored in UTC and shown back in each zone; a reminder the day before the deadline,
// once; a proposal solved from everyone's availability, adjusted by a move, and published as
// groups with their weekday and time in the cohort's zone, meetings and one email each; a re-run
// after a late joiner keeps every published group and places the joiner.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { getMyAvailability, planAvailabilityReminders, saveMyAvailability, summariseAvailability } from '@/server/services/availability/availability';
import { getLatestProposal, moveInProposal, publishProposal, runGroupingProposal, slotToGroupSchedule, startGroupingProposal } from '@/server/services/grouping/group-formation';
import { referenceMonday } from '@/lib/week-slots';
import type { MemberContext } from '@/server/services/context';
import { createCohort, createPerson, createUser, inCohort, asSystem } from '../factories';
import { caughtAppError } from '../support/app-errors';
import { runCli } from './run-command';
import { generatePeople } from '@/server/services/grouping/generated-cohorts';

const NOW = new Date('2027-01-20T12:00:00Z');
// Tuesday and Thursday 18:00–21:00 in the local zone, as local slots (0 = Monday 00:00).
const EVENINGS = [1, 3].flatMap((day) => Array.from({ length: 6 }, (_, k) => day * 48 + 36 + k));

describe('availability and group formation', () => {
  let cohort: { id: string; slug: string };
  let adminCtx: ReturnType<typeof inCohort>;
  const fellows: { userId: string; membershipId: string; email: string }[] = [];
  const facilitators: { userId: string; membershipId: string }[] = [];

  const memberCtx = (person: { userId: string; membershipId: string }, role: 'FELLOW' | 'FACILITATOR'): MemberContext =>
    inCohort({ cohortId: cohort.id, cohortSlug: cohort.slug, role, membershipId: person.membershipId, groupIds: [] }, { id: person.userId, email: '', name: null, isAdmin: false }, NOW) as MemberContext;

  beforeAll(async () => {
    cohort = await createCohort({ slug: 'grouping-2027', name: 'Grouping Cohort', startDate: new Date('2027-02-01T00:00:00Z'), timeZone: 'Europe/London' });
    const admin = await createUser({ email: 'grouping-admin@example.org', isAdmin: true });
    adminCtx = inCohort({ cohortId: cohort.id, cohortSlug: cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] }, admin, NOW);
    await db.applicationForm.create({ data: { cohortId: cohort.id, availabilityDeadline: new Date('2027-01-21T09:00:00Z') } });
    for (let i = 1; i <= 10; i++) {
      const email = `grouping-fellow${i}@example.org`;
      const { user, membership } = await createPerson(cohort.id, 'FELLOW', { name: `Fellow ${i}`, email });
      fellows.push({ userId: user.id, membershipId: membership.id, email });
    }
    for (let i = 1; i <= 2; i++) {
      const { user, membership } = await createPerson(cohort.id, 'FACILITATOR', { name: `Facilitator ${i}` });
      facilitators.push({ userId: user.id, membershipId: membership.id });
    }
  });

  it('stores a grid painted in Los Angeles in UTC and shows it back there', async () => {
    const saved = await saveMyAvailability(memberCtx(fellows[0]!, 'FELLOW'), { timeZone: 'America/Los_Angeles', localSlots: EVENINGS });
    expect(saved.localSlots).toEqual(EVENINGS);
    const [row] = await db.availability.findMany({ where: { userId: fellows[0]!.userId } });
    // Tuesday 18:00 in Los Angeles in February (UTC−8) is Wednesday 02:00 UTC.
    expect(row!.slots[0]).toBe(2 * 48 + 4);
    expect((await getMyAvailability(memberCtx(fellows[0]!, 'FELLOW'))).localSlots).toEqual(EVENINGS);
    await expect(saveMyAvailability(memberCtx(fellows[0]!, 'FELLOW'), { timeZone: 'Mars/Olympus', localSlots: [] })).rejects.toThrow(/Choose a time zone/);
  });

  it('reminds, the day before the deadline, only those who have not painted, once', async () => {
    expect(await planAvailabilityReminders(db, new Date('2027-01-19T12:00:00Z'))).toBe(0); // two days before
    const queued = await planAvailabilityReminders(db, NOW);
    expect(queued).toBe(11); // 9 fellows and 2 facilitators have not painted
    expect(await planAvailabilityReminders(db, new Date(NOW.getTime() + 60_000))).toBe(0);
    const notes = await db.notification.findMany({ where: { kind: 'AVAILABILITY_REQUEST', cohortId: cohort.id }, select: { userId: true } });
    expect(notes.map((note) => note.userId)).not.toContain(fellows[0]!.userId);
  });

  it('proposes groups from everyone’s availability, takes a move, and publishes them', async () => {
    // Everyone else paints London evenings; fellow 1 (Los Angeles) shares none of them.
    for (const fellow of fellows.slice(1)) await saveMyAvailability(memberCtx(fellow, 'FELLOW'), { timeZone: 'Europe/London', localSlots: EVENINGS });
    await saveMyAvailability(memberCtx(facilitators[0]!, 'FACILITATOR'), { timeZone: 'Europe/London', localSlots: EVENINGS.slice(0, 6) }); // Tuesday only
    await saveMyAvailability(memberCtx(facilitators[1]!, 'FACILITATOR'), { timeZone: 'Asia/Tokyo', localSlots: [] });
    const summary = await summariseAvailability(adminCtx);
    expect(summary.people.filter((p) => p.painted).length).toBe(11);

    const bad = await caughtAppError(startGroupingProposal(adminCtx, { minSize: 3, maxSize: 5, together: 'grouping-fellow2@example.org nobody@example.org' }));
    expect(bad.message).toBe('Together, line 1: nobody@example.org is not a fellow of this cohort.');

    const { proposalId } = await startGroupingProposal(adminCtx, { minSize: 3, maxSize: 5, meetingMinutes: 90, together: 'grouping-fellow2@example.org, grouping-fellow3@example.org' });
    expect((await getLatestProposal(adminCtx))!.status).toBe('RUNNING');
    const jobs = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'propose-groups'`;
    expect(jobs[0]!.n).toBeGreaterThanOrEqual(1);
    const result = await runGroupingProposal(asSystem(NOW), proposalId);
    expect(result!.stats).toMatchObject({ fellows: 10, placed: 5, groups: 1, status: 'optimal', gap: 0 });
    const reasons = Object.fromEntries(result!.unplaced.map((u) => [u.id, u.reason]));
    expect(reasons[fellows[0]!.userId]).toBe('no-facilitator');
    expect(Object.values(reasons).filter((r) => r === 'no-room').length).toBe(4);
    expect(result!.groups[0]!.memberIds).toEqual(expect.arrayContaining([fellows[1]!.userId, fellows[2]!.userId]));

    // The admin swaps one fellow in for another.
    const view = (await getLatestProposal(adminCtx))!;
    const outside = result!.unplaced.find((u) => u.reason === 'no-room')!.id;
    const members = [...view.proposal!.groups[0]!.memberIds.filter((id) => id !== fellows[1]!.userId), outside];
    const moved = await moveInProposal(adminCtx, { proposalId, groups: [{ memberIds: members }] });
    expect(moved.proposal!.unplaced.map((u) => u.id)).toContain(fellows[1]!.userId);
    await expect(moveInProposal(adminCtx, { proposalId, groups: [{ memberIds: [outside, outside] }] })).rejects.toThrow(/is in two groups/);

    const published = await publishProposal(adminCtx, { proposalId });
    expect(published).toMatchObject({ groupsCreated: 1, fellowsPlaced: 5, emailed: 6 });
    const group = await db.discussionGroup.findFirstOrThrow({
      where: { cohortId: cohort.id },
      select: { name: true, meetingDay: true, meetingTime: true, meetingMinutes: true, capacity: true, facilitators: { select: { membershipId: true } }, _count: { select: { members: true, meetings: true } } },
    });
    // Tuesday (2 in the group's Sunday-first numbering) at one of the London evening starts.
    expect(group).toMatchObject({ name: 'Group 1', meetingDay: 2, meetingMinutes: 90, capacity: 5, facilitators: [{ membershipId: facilitators[0]!.membershipId }] });
    expect(['18:00', '18:30', '19:00', '19:30']).toContain(group.meetingTime);
    expect(group._count.members).toBe(5);
    expect(group._count.meetings).toBeGreaterThan(0);
    expect(await db.notification.count({ where: { kind: 'GROUP_ASSIGNED', cohortId: cohort.id } })).toBe(6);
    await expect(publishProposal(adminCtx, { proposalId })).rejects.toThrow(/already published/);
  });

  it('re-run after a late joiner: the published group stays as it is and takes the joiner in', async () => {
    const before = await db.membership.findMany({ where: { cohortId: cohort.id, role: 'FELLOW', groupId: { not: null } }, select: { userId: true, groupId: true } });
    expect(before.length).toBe(5);
    // Only the 5 in the group and a late joiner are still in the running: the others leave.
    await db.membership.updateMany({ where: { cohortId: cohort.id, role: 'FELLOW', groupId: null }, data: { leftAt: NOW } });
    const late = await createPerson(cohort.id, 'FELLOW', { name: 'Late Joiner', email: 'late@example.org' });
    await saveMyAvailability(memberCtx({ userId: late.user.id, membershipId: late.membership.id }, 'FELLOW'), { timeZone: 'Europe/London', localSlots: EVENINGS });
    const { proposalId } = await startGroupingProposal(adminCtx, { minSize: 3, maxSize: 6 });
    const result = await runGroupingProposal(asSystem(NOW), proposalId);
    expect(result!.groups).toHaveLength(1);
    expect(result!.groups[0]!.publishedId).not.toBeNull();
    expect(result!.groups[0]!.memberIds.slice(0, 5).sort()).toEqual(before.map((m) => m.userId).sort());
    expect(result!.groups[0]!.memberIds).toContain(late.user.id);
    const published = await publishProposal(adminCtx, { proposalId });
    expect(published).toMatchObject({ groupsCreated: 0, groupsUpdated: 1, fellowsPlaced: 6, emailed: 1 });
    const after = await db.membership.findMany({ where: { cohortId: cohort.id, role: 'FELLOW', groupId: { not: null } }, select: { userId: true, groupId: true } });
    for (const member of before) expect(after).toContainEqual(member);
  });

  it('turns a UTC start into the weekday and time of the cohort’s zone', () => {
    const monday = referenceMonday(new Date('2027-02-01T00:00:00Z'));
    // Wednesday 02:00 UTC is Tuesday 18:00 in Los Angeles in February (Sunday-first weekday 2).
    expect(slotToGroupSchedule(2 * 48 + 4, 'America/Los_Angeles', monday)).toEqual({ meetingDay: 2, meetingTime: '18:00' });
    expect(slotToGroupSchedule(0, 'Asia/Tokyo', monday)).toEqual({ meetingDay: 1, meetingTime: '09:00' });
  });

  it('fellowship groups propose, groups publish and applications export, as a script would run them', async () => {
    const cli = await createCohort({ slug: 'grouping-cli', name: 'CLI Cohort', startDate: new Date('2027-02-01T00:00:00Z'), timeZone: 'UTC' });
    // 30 fellows and 6 facilitators with generated availability across time zones.
    for (const person of generatePeople('cli-fellow', 30, 21)) {
      const { user } = await createPerson(cli.id, 'FELLOW', { name: person.id, email: `${person.id}@example.org` });
      await db.availability.create({ data: { cohortId: cli.id, userId: user.id, timeZone: person.timeZone, slots: [...person.slots] } });
    }
    for (const person of generatePeople('cli-facilitator', 6, 22, 2)) {
      const { user } = await createPerson(cli.id, 'FACILITATOR', { name: person.id, email: `${person.id}@example.org` });
      await db.availability.create({ data: { cohortId: cli.id, userId: user.id, timeZone: person.timeZone, slots: [...person.slots] } });
    }
    await db.application.create({ data: { cohortId: cli.id, email: 'cli-fellow1@example.org', name: 'cli-fellow1', status: 'ACCEPTED', answers: {} } });

    const proposed = await runCli(['groups', 'propose', 'grouping-cli', '--min', '3', '--max', '6', '--time-limit', '10', '--json']);
    expect(proposed.code, proposed.stderr).toBe(0);
    const result = JSON.parse(proposed.stdout) as { proposalId: string; proposal: { stats: { placed: number; fellows: number; gap: number }; groups: unknown[]; unplaced: { reason: string }[] } };
    expect(result.proposal.stats.fellows).toBe(30);
    expect(result.proposal.stats.placed).toBeGreaterThan(0);
    expect(result.proposal.stats.placed + result.proposal.unplaced.length).toBe(30);

    const text = await runCli(['groups', 'propose', 'grouping-cli', '--min', '3', '--max', '6', '--time-limit', '10']);
    expect(text.stdout).toMatch(/of 30 fellows placed in \d+ groups/);
    expect(text.stdout).toContain('Publish it with: fellowship groups publish <cohort>');

    const published = await runCli(['groups', 'publish', 'grouping-cli']);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toMatch(/^Published: \d+ new groups, 0 changed, \d+ fellows placed, \d+ emails queued\.$/m);
    expect(await db.discussionGroup.count({ where: { cohortId: cli.id } })).toBe(result.proposal.groups.length);
    const again = await runCli(['groups', 'publish', 'grouping-cli']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/not ready to publish|already published/);

    const bad = await runCli(['groups', 'propose', 'grouping-cli', '--min', 'many']);
    expect(bad.code).toBe(2);
    const exported = await runCli(['applications', 'export', 'grouping-cli']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.split('\n')[0]).toBe('name,email,role,status,submitted,reviews,mean score');
  }, 120_000);
});
