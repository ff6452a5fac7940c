// The world builders other tests stand on: what they promise, checked once.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { createCohortWorld } from '../factories';

describe('createCohortWorld', () => {
  it('builds groups with their facilitators leading them and their fellows in them', async () => {
    const world = await createCohortWorld({ groups: 2, facilitatorsPerGroup: 1, fellowsPerGroup: 3 });
    expect(world.groups.map(({ group }) => group.name)).toEqual(['Group A', 'Group B']);
    for (const { group, facilitators, fellows } of world.groups) {
      const leads = await db.groupFacilitator.findMany({ where: { groupId: group.id }, select: { membershipId: true } });
      expect(leads.map((lead) => lead.membershipId)).toEqual(facilitators.map((f) => f.membership.id));
      expect(fellows.every((fellow) => fellow.membership.groupId === group.id && fellow.membership.role === 'FELLOW')).toBe(true);
    }
    expect(await db.membership.count({ where: { cohortId: world.cohort.id } })).toBe(8);
  });
});
