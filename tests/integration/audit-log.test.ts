// The audit log: each change that matters later writes exactly one entry (who, when, what,
// before and after), in the same transaction as the change; attendance changes read as part
// of it; nothing can edit or delete an entry; readers see what their role allows; the CSV and
// `fellowship audit` give the same entries.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { db } from '@/server/db/client';
import type { AuditAction } from '@/lib/audit-actions';
import { createApiToken, revokeApiToken } from '@/server/services/api-tokens/api-tokens';
import { auditCsv, listAuditLog, listCohortAuditLog } from '@/server/services/audit/list-audit';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { cloneCohort, createCohort as createCohortService } from '@/server/services/cohorts/create-cohort';
import { archiveCohort, updateCohort } from '@/server/services/cohorts/update-cohort';
import { importCurriculumMarkdown } from '@/server/services/curricula/import-curriculum';
import { updateWeek } from '@/server/services/curriculum-editor/edit-weeks';
import { applyTemplateToCohort } from '@/server/services/curriculum-editor/template-changes';
import { setGroupFacilitators } from '@/server/services/groups/manage-groups';
import { markAttendance } from '@/server/services/attendance/mark-attendance';
import { ensureGroupMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { revokeInvitation } from '@/server/services/members/invitations';
import { inviteMembers } from '@/server/services/members/invite-members';
import { changeRole, moveToGroup, removeMember } from '@/server/services/members/manage-membership';
import { importRoster } from '@/server/services/roster/import-roster';
import { setAdmin, setDisabled } from '@/server/services/users/manage-users';
import { asSystem, asUser, createCohortWorld, createCurriculum, createUser, inCohort } from '../factories';
import { runCli } from './run-command';

async function adminWorld() {
  const admin = await createUser({ name: 'Ada Admin', email: `ada-${Date.now()}@audit.test`, isAdmin: true });
  const world = await createCohortWorld({ cohort: { status: 'ACTIVE' }, groups: 2, fellowsPerGroup: 2 });
  const { cohort } = world;
  const access: CohortAccess = { cohortId: cohort.id, cohortSlug: cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] };
  return { admin, ...world, ctx: inCohort(access, admin) };
}

/** Runs `change` and returns the one entry of `action` it wrote (failing unless exactly one). */
async function oneEntry(action: AuditAction, change: () => Promise<unknown>) {
  const before = await db.auditEvent.count({ where: { action } });
  await change();
  const entries = await db.auditEvent.findMany({ where: { action }, orderBy: { at: 'desc' } });
  expect(entries.length - before, `${action} entries written`).toBe(1);
  return entries[0]!;
}

describe('every audited change writes one entry', () => {
  it('cohorts: create, clone, settings, archive', async () => {
    const admin = await createUser({ name: 'Ada Admin', isAdmin: true });
    const ctx = asUser(admin);
    const template = await createCurriculum();
    let slug = '';
    const created = await oneEntry('cohort.created', async () => {
      slug = (await createCohortService(ctx, { curriculum: template.slug, name: 'Spring 2027', startDate: '2027-03-01' })).slug;
    });
    expect(created).toMatchObject({ actorId: admin.id, actorName: expect.stringContaining('Ada Admin'), summary: expect.stringContaining('Spring 2027') });
    const cloned = await oneEntry('cohort.cloned', () => cloneCohort(ctx, { source: slug, name: 'Fall 2027', startDate: '2027-09-01' }));
    expect(cloned.summary).toContain(`copy of ${slug}`);

    const cohort = await db.cohort.findUniqueOrThrow({ where: { slug } });
    const access: CohortAccess = { cohortId: cohort.id, cohortSlug: slug, role: 'ADMIN', membershipId: null, groupIds: [] };
    const settings = await oneEntry('cohort.settings_changed', () => updateCohort(inCohort(access, admin), { name: 'Spring 2027 (moved)', meetingCadenceWeeks: 2 }));
    expect(settings.before).toMatchObject({ name: 'Spring 2027', meetingCadenceWeeks: 1 });
    expect(settings.after).toMatchObject({ name: 'Spring 2027 (moved)', meetingCadenceWeeks: 2 });
    expect(settings.cohortId).toBe(cohort.id);
    // Saving the same settings again changes nothing, and records nothing.
    const count = await db.auditEvent.count({ where: { action: 'cohort.settings_changed' } });
    await updateCohort(inCohort(access, admin), { name: 'Spring 2027 (moved)' });
    expect(await db.auditEvent.count({ where: { action: 'cohort.settings_changed' } })).toBe(count);

    const archived = await oneEntry('cohort.archived', () => archiveCohort(inCohort(access, admin)));
    expect(archived.after).toEqual({ status: 'ARCHIVED' });
  });

  it('memberships and groups: role, groups, removal, facilitators', async () => {
    const { ctx, groups, admin } = await adminWorld();
    const fellow = groups[0]!.fellows[0]!;
    const role = await oneEntry('membership.role_changed', () => changeRole(ctx, { membershipId: fellow.membership.id, role: 'FACILITATOR' }));
    expect(role).toMatchObject({ actorId: admin.id, subjectId: fellow.membership.id, before: { role: 'FELLOW', groups: ['Group A'] }, after: { role: 'FACILITATOR', groups: ['Group A'] } });
    const moved = await oneEntry('membership.groups_changed', () =>
      moveToGroup(ctx, { membershipId: fellow.membership.id, groupIds: [groups[0]!.group.id, groups[1]!.group.id] }),
    );
    expect(moved.after).toEqual({ groups: ['Group A', 'Group B'] });
    const leads = await oneEntry('group.facilitators_changed', () => setGroupFacilitators(ctx, { groupId: groups[1]!.group.id, membershipIds: [] }));
    expect(leads.before).toEqual({ facilitators: ['Group B facilitator 1', 'Group A fellow 1'].sort() });
    expect(leads.after).toEqual({ facilitators: [] });
    const removed = await oneEntry('membership.removed', () => removeMember(ctx, { membershipId: groups[1]!.fellows[0]!.membership.id }));
    expect(removed.summary).toBe('Group B fellow 1 was removed from the cohort');
  });

  it('invitations and rosters', async () => {
    const { ctx, cohort, groups } = await adminWorld();
    const invited = await oneEntry('invitation.created', () => inviteMembers(ctx, { emails: 'new1@audit.test, new2@audit.test', role: 'FELLOW', groupId: groups[0]!.group.id }));
    expect(invited.summary).toBe('Invited 2 people');
    const invitation = await db.invitation.findFirstOrThrow({ where: { cohortId: cohort.id, email: 'new1@audit.test' } });
    const revoked = await oneEntry('invitation.revoked', () => revokeInvitation(ctx, { invitationId: invitation.id }));
    expect(revoked.summary).toBe('Revoked the invitation of new1@audit.test');
    // Revoking it again changes nothing and records nothing.
    await revokeInvitation(ctx, { invitationId: invitation.id });
    expect(await db.auditEvent.count({ where: { action: 'invitation.revoked', subjectId: invitation.id } })).toBe(1);

    const roster = await oneEntry('roster.imported', () =>
      importRoster(ctx, { csv: 'name,email,role,group\nRo Ster,ro.ster@audit.test,fellow,Group A\n', createMissingGroups: false }),
    );
    expect(roster.after).toMatchObject({ accountsCreated: 1, joined: [{ email: 'ro.ster@audit.test', role: 'FELLOW', group: 'Group A' }] });
  });

  it('accounts: admin granted and removed, disabled and enabled', async () => {
    const admin = await createUser({ name: 'Ada Admin', isAdmin: true });
    const other = await createUser({ name: 'Olga Other' });
    const ctx = asUser(admin);
    expect((await oneEntry('user.admin_granted', () => setAdmin(ctx, { userId: other.id, isAdmin: true }))).summary).toBe('Olga Other is now an admin');
    await oneEntry('user.admin_removed', () => setAdmin(ctx, { userId: other.id, isAdmin: false }));
    const disabled = await oneEntry('user.disabled', () => setDisabled(ctx, { userId: other.id, disabled: true }));
    expect(disabled).toMatchObject({ subjectId: other.id, before: { disabled: false }, after: { disabled: true } });
    await oneEntry('user.enabled', () => setDisabled(ctx, { userId: other.id, disabled: false }));
  });

  it('curricula: an import, and template changes applied to a cohort', async () => {
    const admin = await createUser({ name: 'Ada Admin', isAdmin: true });
    const ctx = asUser(admin);
    const imported = await oneEntry('curriculum.imported', () =>
      importCurriculumMarkdown(ctx, { markdown: '# Audit Track\n\n## Week 1: Start\n\nCore Readings:\n\n1. [A](https://example.com/a) (10 min)\n', slug: 'audit-track', replace: false }),
    );
    expect(imported.summary).toContain('Imported the curriculum “Audit Track” (audit-track)');

    const cohort = await createCohortService(ctx, { curriculum: 'audit-track', name: 'Audit cohort', startDate: '2027-03-01' });
    const week = await db.curriculumWeek.findFirstOrThrow({ where: { curriculum: { slug: 'audit-track' } } });
    await updateWeek(ctx, { curriculum: 'audit-track', weekId: week.id, title: 'A better start' });
    const applied = await oneEntry('curriculum.template_applied', () => applyTemplateToCohort(ctx, { cohort: cohort.slug }));
    expect(applied).toMatchObject({ cohortId: cohort.id, before: { sourceVersion: 1 }, after: { sourceVersion: 2 } });
  });

  it('API tokens: created and revoked, by the person or at the command line', async () => {
    const { cohort, groups } = await adminWorld();
    const fellow = groups[0]!.fellows[0]!;
    let tokenId = '';
    const created = await oneEntry('api_token.created', async () => {
      tokenId = (await createApiToken(asUser(fellow.user), { userId: fellow.user.id, cohort: cohort.slug, name: 'laptop', expiresInDays: 30 })).id;
    });
    expect(created).toMatchObject({ actorId: fellow.user.id, cohortId: cohort.id, subjectId: tokenId });
    const revoked = await oneEntry('api_token.revoked', () => revokeApiToken(asSystem(), { tokenId }));
    expect(revoked).toMatchObject({ actorId: null, actorName: 'the command line' });
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    const admin = await createUser({ isAdmin: true });
    const other = await createUser();
    const entry = await oneEntry('user.admin_granted', () => setAdmin(asUser(admin), { userId: other.id, isAdmin: true }));
    await expect(db.auditEvent.update({ where: { id: entry.id }, data: { summary: 'nothing happened' } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
  });
});

describe('reading the log', () => {
  it('shows attendance changes with the rest; a facilitator sees only their groups’ attendance', async () => {
    const { ctx, cohort, groups, admin } = await adminWorld();
    const [a, b] = groups;
    await ensureGroupMeetings(db, a!.group.id, new Date('2027-01-01T00:00:00Z'));
    await ensureGroupMeetings(db, b!.group.id, new Date('2027-01-01T00:00:00Z'));
    const meetingOf = (groupId: string) => db.meeting.findFirstOrThrow({ where: { groupId }, orderBy: { startsAt: 'asc' } });
    const facilitatorA = a!.facilitators[0]!;
    const accessA: CohortAccess = { cohortId: cohort.id, cohortSlug: cohort.slug, role: 'FACILITATOR', membershipId: facilitatorA.membership.id, groupIds: [a!.group.id] };
    await markAttendance(inCohort(accessA, facilitatorA.user), { meetingId: (await meetingOf(a!.group.id)).id, membershipId: a!.fellows[0]!.membership.id, status: 'PRESENT' });
    await markAttendance(ctx, { meetingId: (await meetingOf(b!.group.id)).id, membershipId: b!.fellows[0]!.membership.id, status: 'ABSENT' });
    await changeRole(ctx, { membershipId: b!.fellows[1]!.membership.id, role: 'FACILITATOR' });

    const asAdmin = await listCohortAuditLog(ctx, {});
    expect(asAdmin.map((entry) => entry.action).sort()).toEqual(['attendance.changed', 'attendance.changed', 'membership.role_changed']);
    const asFacilitator = await listCohortAuditLog(inCohort(accessA, facilitatorA.user), {});
    expect(asFacilitator).toHaveLength(1);
    expect(asFacilitator[0]).toMatchObject({ action: 'attendance.changed', summary: expect.stringMatching(/^Group A fellow 1: not marked → present at Group A’s meeting of/) });
    expect(asFacilitator[0]!.actorName).toContain('Group A facilitator 1');

    // The site-wide log, filtered by cohort and kind, and as CSV.
    const all = await listAuditLog(asUser(admin), { cohort: cohort.slug, action: 'attendance.changed' });
    expect(all).toHaveLength(2);
    const rows = parse(auditCsv(all), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['at', 'who', 'cohort', 'action', 'what', 'before', 'after']);
    expect(rows.map((row) => row.cohort)).toEqual([cohort.slug, cohort.slug]);
    expect(JSON.parse(rows.find((row) => row.what!.includes("absent"))!.after!)).toEqual({ status: 'ABSENT', note: null });
    // Dates bound the list: nothing from before 2000.
    expect(await listAuditLog(asUser(admin), { cohort: cohort.slug, until: '2000-01-01' })).toEqual([]);
  });

  it('`fellowship audit --cohort C --json` prints the same entries', async () => {
    const { ctx, cohort, groups } = await adminWorld();
    await changeRole(ctx, { membershipId: groups[0]!.fellows[0]!.membership.id, role: 'FACILITATOR' });
    const result = await runCli(['audit', '--cohort', cohort.slug, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const entries = JSON.parse(result.stdout) as { action: string; summary: string; cohort: { slug: string } }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'membership.role_changed', summary: 'Group A fellow 1 is now a facilitator', cohort: { slug: cohort.slug } });
    const text = await runCli(['audit', '--cohort', cohort.slug]);
    expect(text.stdout).toContain('membership.role_changed  Ada Admin');
    const bad = await runCli(['audit', '--since', 'yesterday']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/YYYY-MM-DD/);
  });
});
