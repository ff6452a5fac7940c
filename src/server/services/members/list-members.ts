// Who is in a cohort. Admins see everyone; facilitators see the fellows of the groups they
// lead plus the cohort's facilitators, never other groups' fellows.
import type { Prisma } from '@/generated/prisma/client';
import { reachOf } from '@/lib/permissions';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { groupScheduleSelect } from '@/server/services/groups/group-select';
import type { CohortContext } from '@/server/services/context';

/** The cohort's memberships the caller may see, as a where clause. Fellows see none. */
export function visibleMembershipsWhere(access: CohortAccess): Prisma.MembershipWhereInput {
  const reach = reachOf(access, 'members.view');
  if (reach === 'cohort') return { cohortId: access.cohortId };
  if (reach === 'groups') {
    return {
      cohortId: access.cohortId,
      OR: [{ role: 'FACILITATOR' }, { role: 'FELLOW', groupId: { in: access.groupIds } }],
    };
  }
  return { cohortId: access.cohortId, id: { in: [] } };
}

export async function listMembers(ctx: CohortContext) {
  const { db, access } = ctx;
  const members = await db.membership.findMany({
    where: visibleMembershipsWhere(access),
    orderBy: [{ role: 'desc' }, { user: { name: 'asc' } }, { user: { email: 'asc' } }],
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { name: true, email: true } },
      group: { select: { id: true, name: true } },
      leadsGroups: { select: { group: { select: { id: true, name: true } } } },
    },
  });
  return members.map(({ leadsGroups, ...member }) => ({
    ...member,
    ledGroups: leadsGroups.map((lead) => lead.group).sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

/** The cohort's groups: all for admins, the ones they lead or belong to for everyone else. */
export async function listGroups(ctx: CohortContext) {
  const { db, access } = ctx;
  const where: Prisma.DiscussionGroupWhereInput =
    reachOf(access, 'members.view') === 'cohort' ? { cohortId: access.cohortId } : { cohortId: access.cohortId, id: { in: access.groupIds } };
  const groups = await db.discussionGroup.findMany({
    where,
    orderBy: { name: 'asc' },
    select: {
      ...groupScheduleSelect,
      _count: { select: { members: true, facilitators: true } },
    },
  });
  return groups.map(({ _count, ...group }) => ({ ...group, fellowCount: _count.members, facilitatorCount: _count.facilitators }));
}

export type GroupRow = Awaited<ReturnType<typeof listGroups>>[number];
