// A cohort's discussion groups: names unique in the cohort, meeting settings validated,
// facilitators assigned, another cohort's groups out of reach.
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { toIsoDate } from '@/lib/cohort-calendar';
import { db } from '@/server/db/client';

import { createGroup, deleteGroup, listCohortGroups, setGroupFacilitators, updateGroup } from '@/server/services/groups/manage-groups';
import { createCohort, createGroup as createGroupRow, createMembership, asCohortAdmin } from '../factories';
import { caughtAppError } from '../support/app-errors';

describe('groups', () => {
  let cohortId: string;
  let otherGroupId: string;

  beforeAll(async () => {
    // Starts Monday 4 Jan 2027 in London; the factory's curriculum has one week.
    cohortId = (await createCohort({ slug: 'groups-cohort', timeZone: 'Europe/London' })).id;
    otherGroupId = (await createGroupRow((await createCohort()).id, { name: 'Other' })).id;
  });

  it('creates a group with its meeting settings and shows its first meeting', async () => {
    const group = await createGroup(asCohortAdmin(cohortId), {
      name: '  Group A ',
      meetingDay: 2,
      meetingTime: '18:00',
      meetingMinutes: 90,
      location: 'Room 2.14',
      videoUrl: 'https://meet.example.com/a',
    });
    expect(group).toMatchObject({ name: 'Group A', meetingDay: 2, meetingTime: '18:00', location: 'Room 2.14', videoUrl: 'https://meet.example.com/a' });
    const listed = await listCohortGroups(asCohortAdmin(cohortId, new Date('2026-12-01T00:00:00Z')));
    expect(listed.groups).toHaveLength(1);
    expect(toIsoDate(listed.groups[0]!.firstMeeting!)).toBe('2027-01-05');
    expect(toIsoDate(listed.groups[0]!.nextMeeting!)).toBe('2027-01-05');
    expect(listed.groups[0]!.meetingCount).toBe(1);
  });

  it('keeps names unique in the cohort, whatever their case', async () => {
    const error = await caughtAppError(createGroup(asCohortAdmin(cohortId), { name: 'group a' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toEqual([{ path: 'name', message: 'There is already a group called "Group A".' }]);
    // The same name in another cohort is fine.
    expect(await createGroup(asCohortAdmin((await createCohort()).id), { name: 'Group A' })).toMatchObject({ name: 'Group A' });
  });

  it('validates times and video links', async () => {
    await expect(createGroup(asCohortAdmin(cohortId), { name: 'Bad time', meetingTime: '25:00' })).rejects.toBeInstanceOf(ZodError);
    await expect(createGroup(asCohortAdmin(cohortId), { name: 'Bad link', videoUrl: 'javascript:alert(1)' })).rejects.toBeInstanceOf(ZodError);
    await expect(createGroup(asCohortAdmin(cohortId), { name: 'Bad link', videoUrl: 'meet.example.com' })).rejects.toBeInstanceOf(ZodError);
    await expect(createGroup(asCohortAdmin(cohortId), { name: 'Bad day', meetingDay: 7 })).rejects.toBeInstanceOf(ZodError);
  });

  it('updates a group, clearing fields with blanks', async () => {
    const group = await db.discussionGroup.findFirstOrThrow({ where: { cohortId, name: 'Group A' } });
    const updated = await updateGroup(asCohortAdmin(cohortId), { groupId: group.id, meetingTime: '', location: '', meetingDay: null, meetingMinutes: 60 });
    expect(updated).toMatchObject({ meetingTime: null, location: null, meetingDay: null, meetingMinutes: 60, videoUrl: 'https://meet.example.com/a' });
    await createGroup(asCohortAdmin(cohortId), { name: 'Group B' });
    expect((await caughtAppError(updateGroup(asCohortAdmin(cohortId), { groupId: group.id, name: 'GROUP B' }))).code).toBe('CONFLICT');
    // Renaming to its own name in another case is not a clash with itself.
    expect(await updateGroup(asCohortAdmin(cohortId), { groupId: group.id, name: 'group A' })).toMatchObject({ name: 'group A' });
  });

  it('assigns facilitators, only the cohort’s facilitators', async () => {
    const group = await db.discussionGroup.findFirstOrThrow({ where: { cohortId, name: 'Group B' } });
    const lead = await createMembership(cohortId, 'FACILITATOR');
    const colead = await createMembership(cohortId, 'FACILITATOR');
    const fellow = await createMembership(cohortId, 'FELLOW');
    await setGroupFacilitators(asCohortAdmin(cohortId), { groupId: group.id, membershipIds: [lead.id, colead.id] });
    await setGroupFacilitators(asCohortAdmin(cohortId), { groupId: group.id, membershipIds: [colead.id] });
    const leads = await db.groupFacilitator.findMany({ where: { groupId: group.id } });
    expect(leads.map((row) => row.membershipId)).toEqual([colead.id]);

    expect((await caughtAppError(setGroupFacilitators(asCohortAdmin(cohortId), { groupId: group.id, membershipIds: [fellow.id] }))).message).toMatch(/is a fellow/);
    const outsider = await createMembership((await createCohort()).id, 'FACILITATOR');
    expect((await caughtAppError(setGroupFacilitators(asCohortAdmin(cohortId), { groupId: group.id, membershipIds: [outsider.id] }))).code).toBe('NOT_FOUND');
    const listed = await listCohortGroups(asCohortAdmin(cohortId));
    expect(listed.facilitators.map((row) => row.membershipId).sort()).toEqual([lead.id, colead.id].sort());
    expect(listed.groups.find((row) => row.id === group.id)!.facilitators.map((row) => row.membershipId)).toEqual([colead.id]);
  });

  it('cannot reach another cohort’s group', async () => {
    expect((await caughtAppError(updateGroup(asCohortAdmin(cohortId), { groupId: otherGroupId, name: 'Mine now' }))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(deleteGroup(asCohortAdmin(cohortId), { groupId: otherGroupId }))).code).toBe('NOT_FOUND');
    expect((await caughtAppError(setGroupFacilitators(asCohortAdmin(cohortId), { groupId: otherGroupId, membershipIds: [] }))).code).toBe('NOT_FOUND');
    expect(await db.discussionGroup.findUniqueOrThrow({ where: { id: otherGroupId } })).toMatchObject({ name: 'Other' });
  });

  it('deletes a group, leaving its fellows in the cohort without a group', async () => {
    const group = await db.discussionGroup.findFirstOrThrow({ where: { cohortId, name: 'Group B' } });
    const fellow = await createMembership(cohortId, 'FELLOW', { groupId: group.id });
    expect(await deleteGroup(asCohortAdmin(cohortId), { groupId: group.id })).toEqual({ id: group.id, fellowsWithoutGroup: 1 });
    expect(await db.membership.findUniqueOrThrow({ where: { id: fellow.id } })).toMatchObject({ groupId: null });
    expect((await listCohortGroups(asCohortAdmin(cohortId))).ungroupedFellows).toBeGreaterThanOrEqual(1);
  });
});
