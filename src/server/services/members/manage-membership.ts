// An admin's changes to one membership of a cohort. Every query names the cohort, so an id
// from another cohort is NOT_FOUND, exactly like an id that does not exist.
import { z } from 'zod';
import { AppError, outOfReach } from '@/server/errors';
import type { Prisma } from '@/generated/prisma/client';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { assertGroupsInCohort } from './cohort-groups';
import type { CohortContext } from '@/server/services/context';
import { changeRoleInput, moveToGroupInput, removeMemberInput } from '@/lib/schemas/members';
import { displayName } from '@/lib/format';
import { recordAudit } from '@/server/services/audit/record-audit';

const NOT_FOUND_MESSAGE = 'No such member in this cohort. Reload the page to see the current list.';

async function findMembership(tx: Prisma.TransactionClient, access: CohortAccess, id: string) {
  const membership = await tx.membership.findFirst({
    where: { id, cohortId: access.cohortId },
    select: {
      id: true,
      role: true,
      groupId: true,
      group: { select: { name: true } },
      user: { select: { name: true, email: true } },
      leadsGroups: { select: { groupId: true, group: { select: { name: true } } } },
    },
  });
  if (!membership) throw outOfReach(NOT_FOUND_MESSAGE);
  return membership;
}

type FoundMembership = Awaited<ReturnType<typeof findMembership>>;

/** The groups a membership is in (a fellow) or leads (a facilitator), by name, for the audit log. */
async function groupNamesOf(tx: Prisma.TransactionClient, membershipId: string): Promise<string[]> {
  const row = await tx.membership.findUniqueOrThrow({
    where: { id: membershipId },
    select: { role: true, group: { select: { name: true } }, leadsGroups: { select: { group: { select: { name: true } } } } },
  });
  const names = row.role === 'FELLOW' ? (row.group ? [row.group.name] : []) : row.leadsGroups.map((lead) => lead.group.name);
  return names.sort();
}

function personOf(membership: FoundMembership): string {
  return displayName(membership.user);
}

const resultSelect = { id: true, role: true, groupId: true, leadsGroups: { select: { groupId: true } } } as const;

/**
 * A fellow who becomes a facilitator leads the group they were in; a facilitator who becomes
 * a fellow joins the first group they led (by name), so nobody silently drops out of a group.
 */
export async function changeRole(ctx: CohortContext, input: z.infer<typeof changeRoleInput>) {
  const { db, access } = ctx;
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const membership = await findMembership(tx, access, input.membershipId);
    if (membership.role === input.role) {
      return tx.membership.findUniqueOrThrow({ where: { id: membership.id }, select: resultSelect });
    }
    const groupsBefore = await groupNamesOf(tx, membership.id);
    const audit = async () =>
      recordAudit(tx, ctx, {
        action: 'membership.role_changed',
        cohortId: access.cohortId,
        summary: `${personOf(membership)} is now a ${input.role === 'FACILITATOR' ? 'facilitator' : 'fellow'}`,
        subjectType: 'membership',
        subjectId: membership.id,
        before: { role: membership.role, groups: groupsBefore },
        after: { role: input.role, groups: await groupNamesOf(tx, membership.id) },
      });
    if (input.role === 'FACILITATOR') {
      if (membership.groupId) {
        await tx.groupFacilitator.createMany({
          data: [{ groupId: membership.groupId, membershipId: membership.id }],
          skipDuplicates: true,
        });
      }
      const updated = await tx.membership.update({
        where: { id: membership.id },
        data: { role: 'FACILITATOR', groupId: null },
        select: resultSelect,
      });
      await audit();
      return updated;
    }
    const firstLed = [...membership.leadsGroups].sort((a, b) => a.group.name.localeCompare(b.group.name))[0];
    await tx.groupFacilitator.deleteMany({ where: { membershipId: membership.id } });
    const updated = await tx.membership.update({
      where: { id: membership.id },
      data: { role: 'FELLOW', groupId: firstLed?.groupId ?? null },
      select: resultSelect,
    });
    await audit();
    return updated;
  });
}

export async function moveToGroup(ctx: CohortContext, input: z.infer<typeof moveToGroupInput>) {
  const { db, access } = ctx;
  const groupIds = [...new Set(input.groupIds)];
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const membership = await findMembership(tx, access, input.membershipId);
    await assertGroupsInCohort(tx, access.cohortId, groupIds);
    const before = await groupNamesOf(tx, membership.id);
    if (membership.role === 'FELLOW') {
      if (groupIds.length > 1) throw new AppError('BAD_REQUEST', 'A fellow belongs to one group: choose one.');
      await tx.membership.update({ where: { id: membership.id }, data: { groupId: groupIds[0] ?? null } });
    } else {
      await tx.groupFacilitator.deleteMany({ where: { membershipId: membership.id, groupId: { notIn: groupIds } } });
      await tx.groupFacilitator.createMany({
        data: groupIds.map((groupId) => ({ groupId, membershipId: membership.id })),
        skipDuplicates: true,
      });
    }
    const after = await groupNamesOf(tx, membership.id);
    if (before.join('\n') !== after.join('\n')) {
      await recordAudit(tx, ctx, {
        action: 'membership.groups_changed',
        cohortId: access.cohortId,
        summary: `${personOf(membership)} ${membership.role === 'FELLOW' ? 'is in' : 'leads'} ${after.length ? after.join(', ') : 'no group'}`,
        subjectType: 'membership',
        subjectId: membership.id,
        before: { groups: before },
        after: { groups: after },
      });
    }
    return tx.membership.findUniqueOrThrow({ where: { id: membership.id }, select: resultSelect });
  });
}

/** Takes the person out of the cohort; their account stays. */
export async function removeMember(ctx: CohortContext, input: z.infer<typeof removeMemberInput>) {
  const { db, access } = ctx;
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const membership = await findMembership(tx, access, input.membershipId);
    const groups = await groupNamesOf(tx, membership.id);
    await tx.membership.delete({ where: { id: membership.id } });
    await recordAudit(tx, ctx, {
      action: 'membership.removed',
      cohortId: access.cohortId,
      summary: `${personOf(membership)} was removed from the cohort`,
      subjectType: 'membership',
      subjectId: membership.id,
      before: { role: membership.role, groups },
    });
    return { id: input.membershipId };
  });
}
