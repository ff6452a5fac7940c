// Who may sign in, and how invitations turn into memberships at sign-in (real PostgreSQL).
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { SIGN_IN_REFUSAL_MESSAGES } from '@/lib/sign-in-refusals';
import { acceptPendingInvitations, checkSignInAllowed } from '@/server/services/invitations/sign-in-policy';
import { createCohort, createGroup, createUser, asSystem } from '../factories';

const DAY = 24 * 60 * 60 * 1000;
let counter = 0;
const newEmail = () => `invitee-${++counter}-${Math.random().toString(36).slice(2, 7)}@example.test`;

async function invite(
  email: string,
  cohortId: string,
  overrides: { role?: 'FELLOW' | 'FACILITATOR'; groupId?: string; expiresAt?: Date; revokedAt?: Date; acceptedAt?: Date } = {},
) {
  return db.invitation.create({
    data: {
      email,
      cohortId,
      role: overrides.role ?? 'FELLOW',
      groupId: overrides.groupId,
      expiresAt: overrides.expiresAt ?? new Date(Date.now() + 7 * DAY),
      revokedAt: overrides.revokedAt,
      acceptedAt: overrides.acceptedAt,
    },
  });
}

describe('checkSignInAllowed', () => {
  it('allows an existing user, whatever the case of the address', async () => {
    const user = await createUser();
    expect(await checkSignInAllowed(asSystem(), { email: user.email })).toEqual({ allowed: true });
    expect(await checkSignInAllowed(asSystem(), { email: `  ${user.email.toUpperCase()} ` })).toEqual({ allowed: true });
  });

  it('refuses a disabled user with AccountDisabled', async () => {
    const user = await createUser({ disabledAt: new Date() });
    expect(await checkSignInAllowed(asSystem(), { email: user.email })).toEqual({
      allowed: false,
      reason: 'AccountDisabled',
      message: SIGN_IN_REFUSAL_MESSAGES.AccountDisabled,
    });
  });

  it('allows an address with a valid invitation', async () => {
    const cohort = await createCohort();
    const email = newEmail();
    await invite(email, cohort.id);
    expect(await checkSignInAllowed(asSystem(), { email: email })).toEqual({ allowed: true });
  });

  it('allows an address with one expired and one valid invitation', async () => {
    const cohort = await createCohort();
    const email = newEmail();
    await invite(email, cohort.id, { expiresAt: new Date(Date.now() - DAY) });
    await invite(email, cohort.id);
    expect(await checkSignInAllowed(asSystem(), { email: email })).toEqual({ allowed: true });
  });

  it('refuses an address whose only invitation expired, with a clear message', async () => {
    const cohort = await createCohort();
    const email = newEmail();
    await invite(email, cohort.id, { expiresAt: new Date(Date.now() - DAY) });
    const verdict = await checkSignInAllowed(asSystem(), { email: email });
    expect(verdict).toMatchObject({ allowed: false, reason: 'InvitationExpired' });
    expect(verdict.allowed ? '' : verdict.message).toMatch(/invitation has expired/i);
    expect(verdict.allowed ? '' : verdict.message).toMatch(/invite you again/i);
  });

  it('refuses an address with no account and no invitation as NotInvited', async () => {
    expect(await checkSignInAllowed(asSystem(), { email: newEmail() })).toMatchObject({ allowed: false, reason: 'NotInvited' });
  });

  it('does not count revoked or accepted invitations', async () => {
    const cohort = await createCohort();
    const revoked = newEmail();
    await invite(revoked, cohort.id, { revokedAt: new Date() });
    expect(await checkSignInAllowed(asSystem(), { email: revoked })).toMatchObject({ allowed: false, reason: 'NotInvited' });
    const accepted = newEmail();
    await invite(accepted, cohort.id, { acceptedAt: new Date() });
    expect(await checkSignInAllowed(asSystem(), { email: accepted })).toMatchObject({ allowed: false, reason: 'NotInvited' });
  });
});

describe('acceptPendingInvitations', () => {
  it('makes a fellow invitation a fellow membership in its group and marks it accepted', async () => {
    const cohort = await createCohort();
    const group = await createGroup(cohort.id);
    const email = newEmail();
    const invitation = await invite(email, cohort.id, { role: 'FELLOW', groupId: group.id });
    const user = await createUser({ email });

    expect(await acceptPendingInvitations(asSystem(), { userId: user.id, email: email.toUpperCase() })).toBe(1);
    const membership = await db.membership.findUniqueOrThrow({
      where: { cohortId_userId: { cohortId: cohort.id, userId: user.id } },
      include: { leadsGroups: true },
    });
    expect(membership).toMatchObject({ role: 'FELLOW', groupId: group.id, leadsGroups: [] });
    const accepted = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(accepted.acceptedAt).toBeInstanceOf(Date);
    expect(accepted.acceptedById).toBe(user.id);
  });

  it('makes a facilitator invitation a facilitator membership leading its group', async () => {
    const cohort = await createCohort();
    const group = await createGroup(cohort.id);
    const email = newEmail();
    await invite(email, cohort.id, { role: 'FACILITATOR', groupId: group.id });
    const user = await createUser({ email });

    await acceptPendingInvitations(asSystem(), { userId: user.id, email: email });
    const membership = await db.membership.findUniqueOrThrow({
      where: { cohortId_userId: { cohortId: cohort.id, userId: user.id } },
      include: { leadsGroups: true },
    });
    expect(membership.role).toBe('FACILITATOR');
    expect(membership.groupId).toBeNull();
    expect(membership.leadsGroups.map((lead) => lead.groupId)).toEqual([group.id]);
  });

  it('ignores expired and revoked invitations', async () => {
    const [expiredCohort, revokedCohort] = [await createCohort(), await createCohort()];
    const email = newEmail();
    const expired = await invite(email, expiredCohort.id, { expiresAt: new Date(Date.now() - DAY) });
    const revoked = await invite(email, revokedCohort.id, { revokedAt: new Date() });
    const user = await createUser({ email });

    expect(await acceptPendingInvitations(asSystem(), { userId: user.id, email: email })).toBe(0);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: expired.id } })).acceptedAt).toBeNull();
    expect((await db.invitation.findUniqueOrThrow({ where: { id: revoked.id } })).acceptedAt).toBeNull();
  });

  it('is idempotent: a second sign-in changes nothing', async () => {
    const cohort = await createCohort();
    const group = await createGroup(cohort.id);
    const email = newEmail();
    await invite(email, cohort.id, { role: 'FACILITATOR', groupId: group.id });
    const user = await createUser({ email });

    expect(await acceptPendingInvitations(asSystem(), { userId: user.id, email: email })).toBe(1);
    const snapshot = async () => ({
      memberships: await db.membership.findMany({ where: { userId: user.id } }),
      leads: await db.groupFacilitator.findMany({ where: { membership: { userId: user.id } } }),
      invitations: await db.invitation.findMany({ where: { email } }),
    });
    const before = await snapshot();
    expect(await acceptPendingInvitations(asSystem(), { userId: user.id, email: email })).toBe(0);
    expect(await snapshot()).toEqual(before);
    expect(before.memberships).toHaveLength(1);
    expect(before.leads).toHaveLength(1);
  });
});
