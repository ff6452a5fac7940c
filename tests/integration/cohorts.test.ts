// Cohorts each quarter: created from a template (a deep, independent copy of its syllabus),
// cloned from last quarter's, updated, archived (read-only for every change to people, groups
// and the roster, still visible to members).
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { buildCohortCalendar, toIsoDate } from '@/lib/cohort-calendar';
import { db } from '@/server/db/client';

import { resolveCohortAccess, type CohortAccess } from '@/server/services/cohorts/cohort-access';
import { cloneCohort, createCohort } from '@/server/services/cohorts/create-cohort';
import { getCohortFrame, listOwnGroups } from '@/server/services/cohorts/get-cohort-frame';
import { getCohortHome } from '@/server/services/cohorts/get-cohort-home';
import { listAdminCohorts } from '@/server/services/cohorts/list-admin-cohorts';
import { listCurriculumTemplates } from '@/server/services/curricula/list-templates';
import { archiveCohort, getCohortSettings, updateCohort } from '@/server/services/cohorts/update-cohort';
import { updateCurriculumFields } from '@/server/services/curriculum-editor/edit-weeks';
import { acceptPendingInvitations, checkSignInAllowed } from '@/server/services/invitations/sign-in-policy';
import { createGroup, deleteGroup, listCohortGroups, setGroupFacilitators, updateGroup } from '@/server/services/groups/manage-groups';
import { invitationStatus, revokeInvitation } from '@/server/services/members/invitations';
import { inviteMembers } from '@/server/services/members/invite-members';
import { changeRole, moveToGroup, removeMember } from '@/server/services/members/manage-membership';
import { importRoster } from '@/server/services/roster/import-roster';
import { createMembership, createUser, asCohortAdmin, asSystem, inCohort } from '../factories';
import { expectAppError } from '../support/app-errors';

/** A two-unit template whose every field is set, so a shallow or partial copy shows. */
async function createTemplate(slug: string) {
  return db.curriculum.create({
    data: {
      slug,
      title: 'Alignment Track',
      description: 'Front matter title',
      notes: 'Sign up [here](https://example.com/signup).',
      version: 3,
      weeks: {
        create: [
          {
            position: 1,
            number: 1,
            span: 1,
            label: 'Week 1',
            title: 'Why alignment?',
            part: 'Part 1: Foundations',
            partNotes: 'The first part.',
            notes: 'Some prose.\n\n![figure](https://example.com/f.png)',
            sections: {
              create: [
                {
                  position: 1,
                  title: 'Core Readings',
                  kind: 'CORE',
                  statedMinutes: 70,
                  statedText: '70 mins',
                  group: 'Core Content: (70 min)',
                  items: {
                    create: [
                      { position: 1, title: 'Reading one', url: 'https://example.com/1', minutes: 20, minutesText: '20 min', note: '(if unfamiliar)' },
                      { position: 2, title: 'Reading two', url: 'https://example.com/2', minutes: 50, optional: true, kind: 'VIDEO' },
                    ],
                  },
                },
              ],
            },
            goals: { create: [{ position: 1, category: 'THEORETICAL', text: 'Explain the risk.' }] },
          },
          {
            position: 2,
            number: 2,
            span: 2,
            label: 'Week 2 and 3',
            title: 'Reward',
            sections: {
              create: [
                {
                  position: 1,
                  title: 'Practical',
                  kind: 'PRACTICAL',
                  items: {
                    create: [
                      {
                        position: 1,
                        title: 'VAE exercise',
                        kind: 'EXERCISE',
                        exerciseSlug: 'vae',
                        primaryMetric: 'loss',
                        higherIsBetter: false,
                      },
                    ],
                  },
                },
              ],
            },
            goals: { create: [{ position: 1, category: 'PRACTICAL', text: 'Train a VAE.' }] },
          },
        ],
      },
    },
  });
}

/** The whole content of a curriculum without ids, for comparing a copy with its original. */
async function loadContent(curriculumId: string) {
  const curriculum = await db.curriculum.findUniqueOrThrow({
    where: { id: curriculumId },
    select: {
      title: true,
      description: true,
      notes: true,
      weeks: {
        orderBy: { position: 'asc' },
        omit: { id: true, curriculumId: true },
        include: {
          sections: {
            orderBy: { position: 'asc' },
            omit: { id: true, weekId: true },
            include: { items: { orderBy: { position: 'asc' }, omit: { id: true, sectionId: true } } },
          },
          goals: { orderBy: { position: 'asc' }, omit: { id: true, weekId: true } },
        },
      },
    },
  });
  return curriculum;
}

const adminAccess = (cohort: { id: string; slug: string }): CohortAccess => ({
  cohortId: cohort.id,
  cohortSlug: cohort.slug,
  role: 'ADMIN',
  membershipId: null,
  groupIds: [],
});

describe('createCohort', () => {
  let templateId: string;
  beforeAll(async () => {
    templateId = (await createTemplate('alignment')).id;
  });

  it('runs the cohort on a deep copy of the template, with its lineage', async () => {
    const cohort = await createCohort(asSystem(), {
      curriculum: 'alignment',
      name: 'Spring 2027',
      term: 'Spring 2027',
      startDate: '2027-03-01',
      timeZone: 'America/Los_Angeles',
      meetingCadenceWeeks: 1,
    });
    expect(cohort).toMatchObject({
      slug: 'spring-2027',
      name: 'Spring 2027',
      status: 'DRAFT',
      timeZone: 'America/Los_Angeles',
      skippedWeeks: [],
      syllabusVisibility: 'MEMBERS',
      curriculum: { slug: 'spring-2027-syllabus', sourceVersion: 3, source: { slug: 'alignment' } },
    });
    expect(toIsoDate(cohort.startDate)).toBe('2027-03-01');

    const stored = await db.cohort.findUniqueOrThrow({ where: { id: cohort.id }, include: { curriculum: true } });
    expect(stored.curriculumId).not.toBe(templateId);
    expect(stored.curriculum).toMatchObject({ sourceId: templateId, sourceVersion: 3, title: 'Alignment Track' });
    expect(await loadContent(stored.curriculumId)).toEqual(await loadContent(templateId));
  });

  it('keeps the copy as it was when the template changes later', async () => {
    const cohort = await db.cohort.findUniqueOrThrow({ where: { slug: 'spring-2027' } });
    const before = await loadContent(cohort.curriculumId);
    await db.curriculumItem.updateMany({ where: { section: { week: { curriculumId: templateId } } }, data: { title: 'Edited in the template' } });
    await db.curriculumWeek.deleteMany({ where: { curriculumId: templateId, position: 2 } });
    await db.curriculum.update({ where: { id: templateId }, data: { title: 'Renamed template', version: 4 } });
    expect(await loadContent(cohort.curriculumId)).toEqual(before);
    expect(await db.curriculum.findUniqueOrThrow({ where: { id: cohort.curriculumId } })).toMatchObject({ sourceVersion: 3 });
  });

  it('makes derived slugs unique, and refuses a slug that is taken', async () => {
    const second = await createCohort(asSystem(), { curriculum: 'alignment', name: 'Spring 2027', startDate: '2027-03-01' });
    expect(second.slug).toBe('spring-2027-2');
    expect(second.curriculum.slug).toBe('spring-2027-2-syllabus');
    expect(second.timeZone).toBe('UTC');
    await expectAppError(createCohort(asSystem(), { curriculum: 'alignment', name: 'Other', slug: 'spring-2027', startDate: '2027-03-01' }), 'CONFLICT', /already exists/);
  });

  it('refuses unknown curricula, cohorts’ copies, bad dates and unknown time zones', async () => {
    const curricula = await db.curriculum.count();
    await expectAppError(createCohort(asSystem(), { curriculum: 'no-such', name: 'X', startDate: '2027-03-01' }), 'NOT_FOUND');
    await expectAppError(createCohort(asSystem(), { curriculum: 'spring-2027-syllabus', name: 'X', startDate: '2027-03-01' }), 'BAD_REQUEST', /copy/);
    await expect(createCohort(asSystem(), { curriculum: 'alignment', name: 'X', startDate: '2027-02-30' })).rejects.toBeInstanceOf(ZodError);
    await expect(createCohort(asSystem(), { curriculum: 'alignment', name: 'X', startDate: '2027-03-01', timeZone: 'Mars/Base' })).rejects.toBeInstanceOf(ZodError);
    await expect(createCohort(asSystem(), { curriculum: 'alignment', name: '  ', startDate: '2027-03-01' })).rejects.toBeInstanceOf(ZodError);
    expect(await db.curriculum.count()).toBe(curricula);
  });

  it('lists templates only, and cohorts with their counts and end dates', async () => {
    expect((await listCurriculumTemplates(asSystem())).map((template) => template.slug)).toEqual(['alignment']);
    const rows = await listAdminCohorts(asSystem());
    const spring = rows.find((row) => row.slug === 'spring-2027')!;
    expect(spring).toMatchObject({ counts: { groups: 0, fellows: 0, facilitators: 0 }, teachingWeeks: 3 });
    expect(toIsoDate(spring.endDate!)).toBe('2027-03-21');
  });
});

describe('cloneCohort', () => {
  let source: { id: string; slug: string; curriculumId: string };
  let facilitatorUserId: string;

  beforeAll(async () => {
    await createTemplate('clone-track');
    const created = await createCohort(asSystem(), {
      curriculum: 'clone-track',
      name: 'Spring 2028',
      startDate: '2028-03-06',
      timeZone: 'Europe/London',
      meetingCadenceWeeks: 2,
      skippedWeeks: [1],
    });
    source = { id: created.id, slug: created.slug, curriculumId: (await db.cohort.findUniqueOrThrow({ where: { id: created.id } })).curriculumId };
    // An edit made for this cohort only, which a clone must carry over.
    await db.curriculumItem.updateMany({ where: { section: { week: { curriculumId: source.curriculumId } }, title: 'Reading one' }, data: { title: 'Reading one (fixed link)' } });

    const access = adminAccess(source);
    const groupA = await createGroup(asCohortAdmin(source.id), { name: 'Group A', meetingDay: 2, meetingTime: '18:00', meetingMinutes: 90, location: 'Room 2' });
    await createGroup(asCohortAdmin(source.id), { name: 'Group B', meetingDay: 4, meetingTime: '17:30', videoUrl: 'https://meet.example.com/b' });
    const facilitator = await createMembership(source.id, 'FACILITATOR');
    facilitatorUserId = facilitator.userId;
    await setGroupFacilitators(asCohortAdmin(source.id), { groupId: groupA.id, membershipIds: [facilitator.id] });
    for (let index = 0; index < 4; index++) await createMembership(source.id, 'FELLOW', { groupId: groupA.id });
    await inviteMembers(inCohort(access, (await createUser({ isAdmin: true }))), { emails: 'later@example.org', role: 'FELLOW' });
  });

  it('copies the source cohort’s syllabus, groups and settings, but no fellows', async () => {
    const fall = await cloneCohort(asSystem(), { source: source.slug, name: 'Fall 2028', term: 'Fall 2028', startDate: '2028-09-25' });
    expect(fall).toMatchObject({
      slug: 'fall-2028',
      status: 'DRAFT',
      timeZone: 'Europe/London',
      meetingCadenceWeeks: 2,
      skippedWeeks: [],
      clonedFromId: source.id,
      curriculum: { slug: 'fall-2028-syllabus', source: { slug: 'clone-track' }, sourceVersion: 3 },
      _count: { groups: 2, memberships: 0 },
    });
    const stored = await db.cohort.findUniqueOrThrow({ where: { id: fall.id }, include: { curriculum: true } });
    expect(stored.curriculumId).not.toBe(source.curriculumId);
    expect(await loadContent(stored.curriculumId)).toEqual(await loadContent(source.curriculumId));
    expect(await db.curriculumItem.count({ where: { section: { week: { curriculumId: stored.curriculumId } }, title: 'Reading one (fixed link)' } })).toBe(1);

    const groups = await db.discussionGroup.findMany({ where: { cohortId: fall.id }, orderBy: { name: 'asc' }, omit: { id: true, cohortId: true } });
    expect(groups).toEqual([
      { name: 'Group A', meetingDay: 2, meetingTime: '18:00', meetingMinutes: 90, capacity: null, location: 'Room 2', videoUrl: null },
      { name: 'Group B', meetingDay: 4, meetingTime: '17:30', meetingMinutes: 90, capacity: null, location: null, videoUrl: 'https://meet.example.com/b' },
    ]);
    expect(await db.membership.count({ where: { cohortId: fall.id } })).toBe(0);
    expect(await db.invitation.count({ where: { cohortId: fall.id } })).toBe(0);
  });

  it('starts week 1 on its own start date', async () => {
    const fall = await db.cohort.findUniqueOrThrow({
      where: { slug: 'fall-2028' },
      include: { curriculum: { include: { weeks: { orderBy: { position: 'asc' } } } } },
    });
    const calendar = buildCohortCalendar(fall, fall.curriculum.weeks);
    expect(toIsoDate(calendar.units[0]!.startDate)).toBe('2028-09-25');
    expect(toIsoDate(calendar.units[1]!.startDate)).toBe('2028-10-02');
    const home = await getCohortHome(inCohort(adminAccess(fall), null, new Date('2028-09-27T12:00:00Z')));
    expect(home.currentWeek).toMatchObject({ phase: 'running', teachingWeek: 1 });
    expect(toIsoDate(home.currentWeek!.startsOn)).toBe('2028-09-25');
  });

  it('brings the facilitators along, leading the same groups, when asked', async () => {
    const winter = await cloneCohort(asSystem(), { source: source.slug, name: 'Winter 2029', startDate: '2029-01-08', timeZone: 'UTC', includeFacilitators: true });
    expect(winter.timeZone).toBe('UTC');
    const memberships = await db.membership.findMany({
      where: { cohortId: winter.id },
      select: { userId: true, role: true, groupId: true, leadsGroups: { select: { group: { select: { name: true, cohortId: true } } } } },
    });
    expect(memberships).toEqual([
      { userId: facilitatorUserId, role: 'FACILITATOR', groupId: null, leadsGroups: [{ group: { name: 'Group A', cohortId: winter.id } }] },
    ]);
  });

  it('checks the template when a script names it, and refuses an unknown source', async () => {
    await expectAppError(cloneCohort(asSystem(), { source: source.slug, curriculum: 'alignment', name: 'X', startDate: '2029-01-08' }), 'BAD_REQUEST', /runs "clone-track"/);
    const ok = await cloneCohort(asSystem(), { source: source.slug, curriculum: 'clone-track', name: 'Checked', startDate: '2029-01-08' });
    expect(ok.slug).toBe('checked');
    await expectAppError(cloneCohort(asSystem(), { source: 'no-such-cohort', name: 'X', startDate: '2029-01-08' }), 'NOT_FOUND');
  });
});

describe('updating and archiving', () => {
  let cohort: { id: string; slug: string };
  let access: CohortAccess;
  let groupId: string;
  let fellow: { id: string };
  let facilitator: { id: string };
  let invitationId: string;

  beforeAll(async () => {
    await createTemplate('archive-track');
    const created = await createCohort(asSystem(), { curriculum: 'archive-track', name: 'To archive', startDate: '2027-01-04' });
    cohort = { id: created.id, slug: created.slug };
    access = adminAccess(cohort);
    groupId = (await createGroup(asCohortAdmin(cohort.id), { name: 'Group A' })).id;
    fellow = await createMembership(cohort.id, 'FELLOW', { groupId });
    facilitator = await createMembership(cohort.id, 'FACILITATOR');
    const admin = await createUser({ isAdmin: true });
    await inviteMembers(inCohort(access, admin), { emails: 'invitee@example.org', role: 'FELLOW' });
    invitationId = (await db.invitation.findFirstOrThrow({ where: { cohortId: cohort.id } })).id;
  });

  it('updates settings, and rejects bad ones', async () => {
    const updated = await updateCohort(asCohortAdmin(cohort.id), {
      name: 'Renamed',
      term: '',
      startDate: '2027-01-11',
      timeZone: 'Asia/Tokyo',
      meetingCadenceWeeks: 2,
      skippedWeeks: [3, 1, 3],
      syllabusVisibility: 'PUBLIC',
      status: 'ACTIVE',
    });
    expect(updated).toMatchObject({ name: 'Renamed', term: null, timeZone: 'Asia/Tokyo', meetingCadenceWeeks: 2, skippedWeeks: [1, 3], syllabusVisibility: 'PUBLIC', status: 'ACTIVE' });
    expect(toIsoDate(updated.startDate)).toBe('2027-01-11');
    await expect(updateCohort(asCohortAdmin(cohort.id), { meetingCadenceWeeks: 0 })).rejects.toBeInstanceOf(ZodError);
    await expect(updateCohort(asCohortAdmin(cohort.id), { timeZone: 'Nowhere/Else' })).rejects.toBeInstanceOf(ZodError);
    const settings = await getCohortSettings(asCohortAdmin(cohort.id));
    expect(settings.counts).toEqual({ fellows: 1, facilitators: 1, groups: 1 });
  });

  it('makes every change to people, groups and the roster refuse once archived', async () => {
    const archived = await archiveCohort(asCohortAdmin(cohort.id));
    expect(archived.status).toBe('ARCHIVED');
    expect((await archiveCohort(asCohortAdmin(cohort.id))).status).toBe('ARCHIVED');
    const readOnly = /archived, so it is read-only/;

    await expectAppError(moveToGroup(inCohort(access), { membershipId: fellow.id, groupIds: [] }), 'CONFLICT', readOnly);
    await expectAppError(changeRole(inCohort(access), { membershipId: fellow.id, role: 'FACILITATOR' }), 'CONFLICT', readOnly);
    await expectAppError(removeMember(inCohort(access), { membershipId: fellow.id }), 'CONFLICT', readOnly);
    await expectAppError(inviteMembers(inCohort(access, (await createUser())), { emails: 'new@example.org', role: 'FELLOW' }), 'CONFLICT', readOnly);
    await expectAppError(revokeInvitation(inCohort(access), { invitationId }), 'CONFLICT', readOnly);
    await expectAppError(createGroup(asCohortAdmin(cohort.id), { name: 'Group B' }), 'CONFLICT', readOnly);
    await expectAppError(updateGroup(asCohortAdmin(cohort.id), { groupId, name: 'Renamed' }), 'CONFLICT', readOnly);
    await expectAppError(deleteGroup(asCohortAdmin(cohort.id), { groupId }), 'CONFLICT', readOnly);
    await expectAppError(setGroupFacilitators(asCohortAdmin(cohort.id), { groupId, membershipIds: [facilitator.id] }), 'CONFLICT', readOnly);
    await expectAppError(importRoster(asCohortAdmin(cohort.id), { csv: 'name,email\nAda,ada@example.org\n' }), 'CONFLICT', readOnly);
    await expectAppError(updateCohort(asCohortAdmin(cohort.id), { name: 'Sneaky' }), 'CONFLICT', /archived/);
    // Its copy of the syllabus is read-only too.
    const copy = await db.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: { curriculum: { select: { slug: true, title: true } } } });
    await expectAppError(updateCurriculumFields({ db, user: null }, { curriculum: copy.curriculum.slug, title: 'Sneaky' }), 'CONFLICT', /archived cohort "Renamed", so it is read-only/);
    expect((await db.curriculum.findUniqueOrThrow({ where: { slug: copy.curriculum.slug } })).title).toBe(copy.curriculum.title);
    // Its open invitation no longer lets anyone in, and signing in with it adds no membership.
    expect(await checkSignInAllowed(asSystem(), { email: 'invitee@example.org' })).toMatchObject({ allowed: false, reason: 'CohortArchived' });
    const invitee = await createUser({ email: 'invitee@example.org' });
    expect(await acceptPendingInvitations(asSystem(), { userId: invitee.id, email: invitee.email })).toBe(0);
    expect(await db.membership.count({ where: { userId: invitee.id } })).toBe(0);

    // Nothing changed.
    expect(await db.membership.findUniqueOrThrow({ where: { id: fellow.id } })).toMatchObject({ role: 'FELLOW', groupId });
    expect(await db.discussionGroup.count({ where: { cohortId: cohort.id } })).toBe(1);
    expect(await db.user.count({ where: { email: 'ada@example.org' } })).toBe(0);
    expect(invitationStatus(await db.invitation.findUniqueOrThrow({ where: { id: invitationId } }))).toBe('open');
  });

  it('still shows an archived cohort to its members', async () => {
    const fellowAccess: CohortAccess = { cohortId: cohort.id, cohortSlug: cohort.slug, role: 'FELLOW', membershipId: fellow.id, groupIds: [groupId] };
    const home = await getCohortHome(inCohort(fellowAccess));
    expect(home).toMatchObject({ status: 'ARCHIVED', name: 'Renamed' });
    expect(home.groups.map((group) => group.name)).toEqual(['Group A']);
    expect((await listCohortGroups(asCohortAdmin(cohort.id))).archived).toBe(true);
  });

  it('gives every cohort page the same name, dates, role and groups as the home, from the access alone', async () => {
    for (const member of [fellow, facilitator]) {
      const user = await db.membership.findUniqueOrThrow({ where: { id: member.id }, select: { user: true } });
      const access = (await resolveCohortAccess(db, cohort.slug, user.user))!;
      const [frame, home, ownGroups] = await Promise.all([getCohortFrame(inCohort(access)), getCohortHome(inCohort(access)), listOwnGroups(inCohort(access))]);
      expect(frame).toEqual({
        name: home.name,
        slug: home.slug,
        term: home.term,
        status: home.status,
        startDate: home.startDate,
        timeZone: home.timeZone,
        role: home.role,
        membershipRole: home.membershipRole,
        groupIds: home.groups.map((group) => group.id),
      });
      expect(ownGroups).toEqual(home.groups.map((group) => ({ id: group.id, name: group.name })));
    }
  });

  it('can be restored, and then changed again', async () => {
    const restored = await updateCohort(asCohortAdmin(cohort.id), { status: 'ACTIVE', name: 'Restored' });
    expect(restored).toMatchObject({ status: 'ACTIVE', name: 'Restored' });
    await moveToGroup(inCohort(access), { membershipId: fellow.id, groupIds: [] });
    expect(await db.membership.findUniqueOrThrow({ where: { id: fellow.id } })).toMatchObject({ groupId: null });
  });
});
