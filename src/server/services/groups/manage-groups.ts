// A cohort's discussion groups: name, when and where they meet, and who leads them. Every
// query names the cohort, so a group id of another cohort is NOT_FOUND, as for one that does
// not exist. Archived cohorts refuse every change (cohort-guard.ts).
import type { Prisma } from '@/generated/prisma/client';
import { buildCohortCalendar, findNextMeeting, listMeetingDates } from '@/lib/cohort-calendar';
import {
  createGroupInput,
  deleteGroupInput,
  setGroupFacilitatorsInput,
  updateGroupInput,
  type CreateGroupInput,
  type UpdateGroupInput,
} from '@/lib/schemas/cohort';
import { syncGroupMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { AppError, cohortNotFound, outOfReach } from '@/server/errors';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { displayName } from '@/lib/format';
import { nowOf, type CohortContext } from '@/server/services/context';
import { groupScheduleSelect } from './group-select';
import { recordAudit } from '@/server/services/audit/record-audit';

const GROUP_NOT_FOUND = 'No such group in this cohort. Reload the page to see its groups.';

// The groups page also shows and edits how many fellows a group takes (switches, late joiners).
const groupSelect = { ...groupScheduleSelect, capacity: true } as const;

/** Groups with their facilitators and fellow counts, the cohort's facilitators, and meeting dates. */
export async function listCohortGroups(ctx: CohortContext) {
  const { db } = ctx;
  const cohortId = ctx.access.cohortId;
  const now = nowOf(ctx);
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: {
      status: true,
      startDate: true,
      timeZone: true,
      skippedWeeks: true,
      meetingCadenceWeeks: true,
      curriculum: { select: { weeks: { orderBy: { position: 'asc' }, select: { span: true } } } },
      groups: {
        orderBy: { name: 'asc' },
        select: {
          ...groupSelect,
          _count: { select: { members: true } },
          facilitators: { select: { membership: { select: { id: true, user: { select: { name: true, email: true } } } } } },
        },
      },
      memberships: {
        where: { role: 'FACILITATOR' },
        orderBy: [{ user: { name: 'asc' } }, { user: { email: 'asc' } }],
        select: { id: true, user: { select: { name: true, email: true } } },
      },
    },
  });
  if (!cohort) throw cohortNotFound();
  const calendar = buildCohortCalendar(cohort, cohort.curriculum.weeks);
  const ungrouped = await db.membership.count({ where: { cohortId, role: 'FELLOW', groupId: null } });
  return {
    archived: cohort.status === 'ARCHIVED',
    timeZone: cohort.timeZone,
    ungroupedFellows: ungrouped,
    facilitators: cohort.memberships.map((membership) => ({ membershipId: membership.id, ...membership.user })),
    groups: cohort.groups.map(({ _count, facilitators, ...group }) => {
      const meetings = listMeetingDates(calendar, group, cohort.meetingCadenceWeeks, cohort.timeZone);
      return {
        ...group,
        fellowCount: _count.members,
        facilitators: facilitators
          .map(({ membership }) => ({ membershipId: membership.id, ...membership.user }))
          .sort((a, b) => displayName(a).localeCompare(displayName(b))),
        meetingCount: meetings.length,
        firstMeeting: meetings[0]?.date ?? null,
        nextMeeting: findNextMeeting(meetings, now, cohort.timeZone)?.date ?? null,
      };
    }),
  };
}

export type CohortGroups = Awaited<ReturnType<typeof listCohortGroups>>;
export type CohortGroupRow = CohortGroups['groups'][number];

async function assertNameFree(tx: Prisma.TransactionClient, cohortId: string, name: string, exceptId?: string) {
  const clash = await tx.discussionGroup.findFirst({
    where: { cohortId, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (clash) {
    throw new AppError('CONFLICT', `This cohort already has a group called "${clash.name}": choose another name.`, [
      { path: 'name', message: `There is already a group called "${clash.name}".` },
    ]);
  }
}

async function findGroup(tx: Prisma.TransactionClient, cohortId: string, groupId: string) {
  const group = await tx.discussionGroup.findFirst({ where: { id: groupId, cohortId }, select: { id: true } });
  if (!group) throw outOfReach(GROUP_NOT_FOUND);
  return group;
}

function mapUniqueRace(error: unknown): never {
  if ((error as { code?: string }).code === 'P2002') {
    throw new AppError('CONFLICT', 'This cohort already has a group with that name: choose another name.', [
      { path: 'name', message: 'There is already a group with this name.' },
    ]);
  }
  throw error;
}

export async function createGroup(ctx: CohortContext, rawInput: CreateGroupInput) {
  const { db } = ctx;
  const cohortId = ctx.access.cohortId;
  const input = createGroupInput.parse(rawInput);
  return db
    .$transaction(async (tx) => {
      await assertCohortWritable(tx, cohortId);
      await assertNameFree(tx, cohortId, input.name);
      const group = await tx.discussionGroup.create({ data: { cohortId, ...input }, select: groupSelect });
      // Its meetings follow its schedule from the start, so attendance and progress see them.
      await syncGroupMeetings(tx, group.id);
      return group;
    })
    .catch(mapUniqueRace);
}

export async function updateGroup(ctx: CohortContext, rawInput: UpdateGroupInput) {
  const { db } = ctx;
  const cohortId = ctx.access.cohortId;
  const { groupId, ...fields } = updateGroupInput.parse(rawInput);
  return db
    .$transaction(async (tx) => {
      await assertCohortWritable(tx, cohortId);
      await findGroup(tx, cohortId, groupId);
      if (fields.name !== undefined) await assertNameFree(tx, cohortId, fields.name, groupId);
      const group = await tx.discussionGroup.update({ where: { id: groupId }, data: fields, select: groupSelect });
      await syncGroupMeetings(tx, groupId);
      return group;
    })
    .catch(mapUniqueRace);
}

/** Deletes the group; its fellows stay in the cohort without a group, its facilitators stop leading it. */
export async function deleteGroup(ctx: CohortContext, rawInput: { groupId: string }) {
  const { db } = ctx;
  const cohortId = ctx.access.cohortId;
  const { groupId } = deleteGroupInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, cohortId);
    await findGroup(tx, cohortId, groupId);
    const fellows = await tx.membership.count({ where: { cohortId, groupId } });
    await tx.discussionGroup.delete({ where: { id: groupId } });
    return { id: groupId, fellowsWithoutGroup: fellows };
  });
}

/** Exactly these facilitators of the cohort lead the group afterwards. */
export async function setGroupFacilitators(ctx: CohortContext, rawInput: { groupId: string; membershipIds: string[] }) {
  const { db } = ctx;
  const cohortId = ctx.access.cohortId;
  const input = setGroupFacilitatorsInput.parse(rawInput);
  const membershipIds = [...new Set(input.membershipIds)];
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, cohortId);
    await findGroup(tx, cohortId, input.groupId);
    const memberships = await tx.membership.findMany({
      where: { cohortId, id: { in: membershipIds } },
      select: { id: true, role: true, user: { select: { name: true, email: true } } },
    });
    if (memberships.length !== membershipIds.length) {
      throw outOfReach('No such member in this cohort. Reload the page to see the current list.');
    }
    const fellow = memberships.find((membership) => membership.role !== 'FACILITATOR');
    if (fellow) {
      throw new AppError(
        'BAD_REQUEST',
        `${displayName(fellow.user)} is a fellow: make them a facilitator on the members page first.`,
      );
    }
    const leadersOf = async () =>
      (
        await tx.groupFacilitator.findMany({
          where: { groupId: input.groupId },
          select: { membership: { select: { user: { select: { name: true, email: true } } } } },
        })
      )
        .map((lead) => displayName(lead.membership.user))
        .sort();
    const before = await leadersOf();
    await tx.groupFacilitator.deleteMany({ where: { groupId: input.groupId, membershipId: { notIn: membershipIds } } });
    await tx.groupFacilitator.createMany({
      data: membershipIds.map((membershipId) => ({ groupId: input.groupId, membershipId })),
      skipDuplicates: true,
    });
    const after = await leadersOf();
    if (before.join('\n') !== after.join('\n')) {
      const { name } = await tx.discussionGroup.findUniqueOrThrow({ where: { id: input.groupId }, select: { name: true } });
      await recordAudit(tx, ctx, {
        action: 'group.facilitators_changed',
        cohortId,
        summary: `${name} is led by ${after.length ? after.join(', ') : 'nobody'}`,
        subjectType: 'group',
        subjectId: input.groupId,
        before: { facilitators: before },
        after: { facilitators: after },
      });
    }
    return { groupId: input.groupId, membershipIds };
  });
}
