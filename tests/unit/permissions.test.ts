// The permission table: what each role may do and how far it reaches. The authorization matrix
// (tests/integration/authorization-matrix.test.ts) checks the procedures built on it end to end.
import { describe, expect, it } from 'vitest';
import { can, canInGroup, canOnSite, COHORT_PERMISSIONS, deniedMessage, reachOf, type CohortRole } from '@/lib/permissions';

const access = (role: CohortRole, groupIds: string[] = []) => ({ role, groupIds });

describe('cohort permissions', () => {
  it('lets every member view the cohort, and only admins manage it', () => {
    for (const role of ['FELLOW', 'FACILITATOR', 'ADMIN'] as const) expect(can(access(role), 'cohort.view')).toBe(true);
    expect(can(access('FELLOW'), 'cohort.manage')).toBe(false);
    expect(can(access('FACILITATOR'), 'cohort.manage')).toBe(false);
    expect(can(access('ADMIN'), 'cohort.manage')).toBe(true);
  });

  it('reaches a facilitator\'s own groups and an admin\'s whole cohort', () => {
    expect(reachOf(access('FACILITATOR'), 'attendance.mark')).toBe('groups');
    expect(reachOf(access('ADMIN'), 'attendance.mark')).toBe('cohort');
    expect(reachOf(access('FELLOW'), 'attendance.mark')).toBeNull();
    expect(reachOf(access('FELLOW'), 'runs.view')).toBe('self');
  });

  it('lets a facilitator act in the groups they lead and no other', () => {
    const facilitator = access('FACILITATOR', ['g1']);
    expect(canInGroup(facilitator, 'attendance.mark', 'g1')).toBe(true);
    expect(canInGroup(facilitator, 'attendance.mark', 'g2')).toBe(false);
    expect(canInGroup(access('ADMIN'), 'attendance.mark', 'g2')).toBe(true);
    // A fellow belongs to a group but may not take its attendance.
    expect(canInGroup(access('FELLOW', ['g1']), 'attendance.mark', 'g1')).toBe(false);
  });

  it('refuses everything to no access at all', () => {
    for (const permission of Object.keys(COHORT_PERMISSIONS) as (keyof typeof COHORT_PERMISSIONS)[]) {
      expect(can(null, permission)).toBe(false);
    }
  });

  it('names the least role a permission admits in its refusal', () => {
    expect(deniedMessage('cohort.manage')).toBe('Only admins of this cohort can do this.');
    expect(deniedMessage('attendance.mark')).toBe('Only facilitators of this cohort can do this.');
  });
});

describe('site permissions', () => {
  it('are for admins, never for the signed out', () => {
    expect(canOnSite({ isAdmin: true }, 'users.manage')).toBe(true);
    expect(canOnSite({ isAdmin: false }, 'users.manage')).toBe(false);
    expect(canOnSite(null, 'curricula.manage')).toBe(false);
  });
});
