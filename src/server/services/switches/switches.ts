// After the start: a fellow asks to switch group, for one meeting or for good, and is offered
// the groups that meet when they are free and have room; the receiving group's facilitator (or
// an admin) decides, or the cohort approves at once. A fellow can also leave (their records
// stay; they count in no rate from then on) or defer to a later cohort (their application goes
// with them). A facilitator can hand one meeting to another facilitator.
import type { z } from 'zod';
import { canInGroup } from '@/lib/permissions';
import { cancelSwitchInput, decideSwitchInput, deferInput, handOverMeetingInput, requestSwitchInput } from '@/lib/schemas/switches';
import { meetingStarts, referenceMonday } from '@/lib/week-slots';
import { AppError, outOfReach } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { actingUser, nowOf, type CohortContext, type Db, type MemberContext } from '@/server/services/context';
import { groupStartSlot } from '@/server/services/grouping/group-formation';
import { findManagedMeeting } from '@/server/services/meetings/meeting-access';
import { queueDeliverable, type NotificationDraft } from '@/server/services/notifications/queue-notifications';
import type { Prisma } from '@/generated/prisma/client';

/** A group's next meetings a fellow may ask to join one of. */
const UPCOMING_MEETINGS = 4;

type Client = Db | Prisma.TransactionClient;

async function ownFellowship(client: Client, ctx: MemberContext) {
  const membership = ctx.access.membershipId
    ? await client.membership.findFirst({ where: { id: ctx.access.membershipId, cohortId: ctx.access.cohortId, role: 'FELLOW' }, select: { id: true, groupId: true, leftAt: true, userId: true } })
    : null;
  if (!membership) throw new AppError('FORBIDDEN', 'Only fellows of this cohort can do this.');
  if (membership.leftAt) throw new AppError('BAD_REQUEST', 'You have left this cohort.');
  return membership;
}

export type SwitchGroupOption = {
  groupId: string;
  name: string;
  meetingDay: number | null;
  meetingTime: string | null;
  fellows: number;
  capacity: number | null;
  /** Meets when the fellow marked themselves free; null: they marked nothing, so it is not checked. */
  fits: boolean | null;
  room: boolean;
  upcoming: { meetingId: string; startsAt: Date; guests: number }[];
};

export type SwitchOptions = {
  currentGroupId: string | null;
  groups: SwitchGroupOption[];
  requests: { id: string; toGroupName: string; scope: 'ONE_WEEK' | 'PERMANENT'; status: string; meetingStartsAt: Date | null; createdAt: Date }[];
  autoApprove: boolean;
};

/** Groups a fellow could switch to: each with whether it meets when they are free, its room, and its next meetings. */
export async function listSwitchOptions(ctx: MemberContext): Promise<SwitchOptions> {
  const { db, access } = ctx;
  const membership = await ownFellowship(db, ctx);
  const now = nowOf(ctx);
  const [cohort, availability, groups, requests] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: access.cohortId }, select: { startDate: true, timeZone: true, autoApproveSwitches: true } }),
    db.availability.findUnique({ where: { cohortId_userId: { cohortId: access.cohortId, userId: membership.userId } }, select: { slots: true } }),
    db.discussionGroup.findMany({
      where: { cohortId: access.cohortId, id: { not: membership.groupId ?? undefined } },
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        meetingDay: true,
        meetingTime: true,
        meetingMinutes: true,
        capacity: true,
        _count: { select: { members: { where: { role: 'FELLOW', leftAt: null } } } },
        meetings: {
          where: { startsAt: { gt: now }, cancelledAt: null },
          orderBy: { startsAt: 'asc' },
          take: UPCOMING_MEETINGS,
          select: { id: true, startsAt: true, _count: { select: { switchRequests: { where: { status: 'APPROVED', scope: 'ONE_WEEK' } } } } },
        },
      },
    }),
    db.groupSwitchRequest.findMany({
      where: { membershipId: membership.id },
      orderBy: { createdAt: 'desc' },
      take: 10,
      select: { id: true, scope: true, status: true, createdAt: true, toGroup: { select: { name: true } }, meeting: { select: { startsAt: true } } },
    }),
  ]);
  const monday = referenceMonday(cohort.startDate);
  const options = groups.map((group) => {
    const slot = groupStartSlot(group, cohort.timeZone, monday);
    const starts = availability?.slots.length ? new Set(meetingStarts(availability.slots, Math.ceil(group.meetingMinutes / 30))) : null;
    return {
      groupId: group.id,
      name: group.name,
      meetingDay: group.meetingDay,
      meetingTime: group.meetingTime,
      fellows: group._count.members,
      capacity: group.capacity,
      fits: starts === null || slot === null ? null : starts.has(slot),
      room: group.capacity === null || group._count.members < group.capacity,
      upcoming: group.meetings.map((meeting) => ({ meetingId: meeting.id, startsAt: meeting.startsAt, guests: meeting._count.switchRequests })),
    };
  });
  // The ones that fit first, then those with room.
  options.sort((a, b) => Number(b.fits ?? 0.5) - Number(a.fits ?? 0.5) || Number(b.room) - Number(a.room) || a.name.localeCompare(b.name));
  return {
    currentGroupId: membership.groupId,
    groups: options,
    requests: requests.map((request) => ({ id: request.id, toGroupName: request.toGroup.name, scope: request.scope, status: request.status, meetingStartsAt: request.meeting?.startsAt ?? null, createdAt: request.createdAt })),
    autoApprove: cohort.autoApproveSwitches,
  };
}

async function switchNotice(client: Client, cohortId: string, requestId: string, event: 'requested' | 'approved' | 'declined') {
  const request = await client.groupSwitchRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      scope: true,
      fromGroupId: true,
      membership: { select: { user: { select: { id: true, email: true, name: true } } } },
      toGroup: {
        select: {
          id: true,
          name: true,
          location: true,
          videoUrl: true,
          facilitators: { select: { membership: { select: { user: { select: { id: true, email: true } } } } } },
        },
      },
      meeting: { select: { id: true, startsAt: true, minutes: true, location: true, videoUrl: true } },
    },
  });
  const [cohort, fromGroup] = await Promise.all([
    client.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { name: true, slug: true, timeZone: true } }),
    request.fromGroupId ? client.discussionGroup.findUnique({ where: { id: request.fromGroupId }, select: { name: true } }) : null,
  ]);
  const fellow = request.membership.user;
  const payload = {
    cohortName: cohort.name,
    cohortSlug: cohort.slug,
    cohortTimeZone: cohort.timeZone,
    event,
    fellowName: fellow.name ?? fellow.email,
    fromGroupName: fromGroup?.name ?? null,
    toGroupName: request.toGroup.name,
    scope: request.scope,
    meeting: request.meeting
      ? { id: request.meeting.id, startsAt: request.meeting.startsAt.toISOString(), minutes: request.meeting.minutes, location: request.meeting.location ?? request.toGroup.location, videoUrl: request.meeting.videoUrl ?? request.toGroup.videoUrl, groupName: request.toGroup.name, about: null }
      : null,
  };
  const recipients = event === 'requested' ? request.toGroup.facilitators.map((f) => f.membership.user) : [fellow];
  const drafts: NotificationDraft<'GROUP_SWITCH'>[] = recipients.map((person) => ({
    kind: 'GROUP_SWITCH',
    dedupeKey: `switch:${requestId}:${event}:${person.id}`,
    toEmail: person.email,
    userId: person.id,
    cohortId,
    subjectId: requestId,
    payload: payload as NotificationDraft<'GROUP_SWITCH'>['payload'],
  }));
  return queueDeliverable(client, 'GROUP_SWITCH', cohortId, drafts);
}

/** Applies an approved switch: for good, the fellow moves (if the group still has room); for one meeting, they are its guest. */
async function approve(tx: Prisma.TransactionClient, ctx: CohortContext, requestId: string) {
  const request = await tx.groupSwitchRequest.findUniqueOrThrow({ where: { id: requestId }, select: { scope: true, membershipId: true, toGroupId: true, toGroup: { select: { capacity: true, name: true } } } });
  if (request.scope === 'PERMANENT') {
    if (request.toGroup.capacity !== null) {
      const fellows = await tx.membership.count({ where: { groupId: request.toGroupId, role: 'FELLOW', leftAt: null } });
      if (fellows >= request.toGroup.capacity) throw new AppError('CONFLICT', `${request.toGroup.name} is full (${request.toGroup.capacity} fellows).`);
    }
    await tx.membership.update({ where: { id: request.membershipId }, data: { groupId: request.toGroupId } });
  }
  await tx.groupSwitchRequest.update({ where: { id: requestId }, data: { status: 'APPROVED', decidedById: ctx.user?.id ?? null, decidedAt: nowOf(ctx) } });
}

/** A fellow asks to switch; approved at once where the cohort says so and the group has room. */
export async function requestSwitch(ctx: MemberContext, rawInput: z.input<typeof requestSwitchInput>) {
  const input = requestSwitchInput.parse(rawInput);
  const { db, access } = ctx;
  const options = await listSwitchOptions(ctx);
  const option = options.groups.find((group) => group.groupId === input.toGroupId);
  if (!option) throw outOfReach('No such group to switch to in this cohort.');
  if (input.scope === 'PERMANENT' && !option.room) throw new AppError('CONFLICT', `${option.name} is full: choose another group, or ask for one meeting.`);
  if (input.scope === 'ONE_WEEK' && !option.upcoming.some((meeting) => meeting.meetingId === input.meetingId)) throw outOfReach('No such upcoming meeting of that group.');
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const membership = await ownFellowship(tx, ctx);
    // One open request at a time: a new one replaces the last.
    await tx.groupSwitchRequest.updateMany({ where: { membershipId: membership.id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
    const request = await tx.groupSwitchRequest.create({
      data: { membershipId: membership.id, fromGroupId: membership.groupId, toGroupId: input.toGroupId, scope: input.scope, meetingId: input.scope === 'ONE_WEEK' ? input.meetingId! : null, reason: input.reason },
      select: { id: true },
    });
    const auto = options.autoApprove && option.room;
    if (auto) {
      await approve(tx, ctx, request.id);
      await switchNotice(tx, access.cohortId, request.id, 'approved');
    } else {
      await switchNotice(tx, access.cohortId, request.id, 'requested');
    }
    return { requestId: request.id, status: auto ? 'APPROVED' : 'PENDING' };
  });
}

export async function cancelSwitch(ctx: MemberContext, rawInput: z.input<typeof cancelSwitchInput>) {
  const { requestId } = cancelSwitchInput.parse(rawInput);
  const membership = await ownFellowship(ctx.db, ctx);
  const updated = await ctx.db.groupSwitchRequest.updateMany({ where: { id: requestId, membershipId: membership.id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
  if (!updated.count) throw outOfReach('No such open request of yours.');
}

export type SwitchRequestRow = {
  id: string;
  fellowName: string;
  fromGroupName: string | null;
  toGroupId: string;
  toGroupName: string;
  scope: 'ONE_WEEK' | 'PERMANENT';
  meetingStartsAt: Date | null;
  reason: string;
  createdAt: Date;
};

/** Open requests into the groups the caller leads (all groups, for admins). */
export async function listSwitchRequests(ctx: CohortContext): Promise<SwitchRequestRow[]> {
  const { db, access } = ctx;
  const rows = await db.groupSwitchRequest.findMany({
    where: { status: 'PENDING', toGroup: { cohortId: access.cohortId } },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      scope: true,
      reason: true,
      createdAt: true,
      fromGroupId: true,
      toGroup: { select: { id: true, name: true } },
      meeting: { select: { startsAt: true } },
      membership: { select: { user: { select: { name: true, email: true } } } },
    },
  });
  const groupNames = new Map((await db.discussionGroup.findMany({ where: { cohortId: access.cohortId }, select: { id: true, name: true } })).map((g) => [g.id, g.name]));
  return rows
    .filter((row) => canInGroup(access, 'switches.decide', row.toGroup.id))
    .map((row) => ({
      id: row.id,
      fellowName: row.membership.user.name ?? row.membership.user.email,
      fromGroupName: row.fromGroupId ? (groupNames.get(row.fromGroupId) ?? null) : null,
      toGroupId: row.toGroup.id,
      toGroupName: row.toGroup.name,
      scope: row.scope,
      meetingStartsAt: row.meeting?.startsAt ?? null,
      reason: row.reason,
      createdAt: row.createdAt,
    }));
}

/** The receiving group's facilitator or an admin approves or declines; the fellow is told. */
export async function decideSwitch(ctx: CohortContext, rawInput: z.input<typeof decideSwitchInput>) {
  const input = decideSwitchInput.parse(rawInput);
  const { db, access } = ctx;
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const request = await tx.groupSwitchRequest.findUnique({ where: { id: input.requestId }, select: { id: true, status: true, toGroupId: true, toGroup: { select: { cohortId: true } } } });
    if (!request || request.toGroup.cohortId !== access.cohortId || !canInGroup(access, 'switches.decide', request.toGroupId)) throw outOfReach('No such request into your groups.');
    if (request.status !== 'PENDING') throw new AppError('CONFLICT', 'This request is already decided or withdrawn.');
    if (input.approve) await approve(tx, ctx, request.id);
    else await tx.groupSwitchRequest.update({ where: { id: request.id }, data: { status: 'DECLINED', decidedById: ctx.user?.id ?? null, decidedAt: nowOf(ctx) } });
    const emailed = await switchNotice(tx, access.cohortId, request.id, input.approve ? 'approved' : 'declined');
    await recordAudit(tx, ctx, {
      action: 'switch.decided',
      cohortId: access.cohortId,
      summary: `Group switch ${input.approve ? 'approved' : 'declined'}`,
      subjectType: 'group',
      subjectId: request.toGroupId,
      after: { requestId: request.id, approved: input.approve },
    });
    return { status: input.approve ? 'APPROVED' : 'DECLINED', emailed };
  });
}

/** The fellow leaves the cohort: records kept, no longer counted, no more emails. */
export async function leaveCohort(ctx: MemberContext) {
  const { db, access } = ctx;
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const membership = await ownFellowship(tx, ctx);
    await tx.membership.update({ where: { id: membership.id }, data: { leftAt: nowOf(ctx) } });
    await tx.groupSwitchRequest.updateMany({ where: { membershipId: membership.id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
    await recordAudit(tx, ctx, { action: 'membership.left', cohortId: access.cohortId, summary: `${actingUser(ctx).email} left the cohort`, subjectType: 'membership', subjectId: membership.id });
  });
}

/** Later cohorts a fellow can defer to: starting after this one, not archived. */
export async function listDeferralTargets(ctx: MemberContext) {
  const cohort = await ctx.db.cohort.findUniqueOrThrow({ where: { id: ctx.access.cohortId }, select: { startDate: true } });
  return ctx.db.cohort.findMany({ where: { startDate: { gt: cohort.startDate }, status: { not: 'ARCHIVED' } }, orderBy: { startDate: 'asc' }, select: { slug: true, name: true, startDate: true } });
}

/**
 * The fellow defers to a later cohort: they leave this one, and their application (or a new one
 * with their name, if they joined without applying) is carried over there as SUBMITTED, marked
 * as deferred, for that cohort's admins to decide.
 */
export async function deferToCohort(ctx: MemberContext, rawInput: z.input<typeof deferInput>) {
  const input = deferInput.parse(rawInput);
  const { db, access } = ctx;
  const user = actingUser(ctx);
  const targets = await listDeferralTargets(ctx);
  const target = targets.find((cohort) => cohort.slug === input.toCohort);
  if (!target) throw new AppError('BAD_REQUEST', 'Choose a later cohort that is not archived.', [{ path: 'toCohort', message: 'Choose a later cohort.' }]);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const membership = await ownFellowship(tx, ctx);
    const targetCohort = await tx.cohort.findUniqueOrThrow({ where: { slug: target.slug }, select: { id: true } });
    const email = user.email.toLowerCase();
    if (await tx.application.findUnique({ where: { cohortId_email: { cohortId: targetCohort.id, email } }, select: { id: true } })) {
      throw new AppError('CONFLICT', `You already applied to ${target.name}.`);
    }
    const original = await tx.application.findFirst({ where: { cohortId: access.cohortId, OR: [{ userId: user.id }, { email }] }, select: { id: true, name: true, role: true, answers: true } });
    const person = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } });
    await tx.application.create({
      data: {
        cohortId: targetCohort.id,
        email,
        userId: user.id,
        name: original?.name ?? person.name ?? email,
        role: original?.role ?? 'FELLOW',
        answers: (original?.answers ?? {}) as Prisma.InputJsonValue,
        status: 'SUBMITTED',
        confirmedAt: nowOf(ctx),
        deferredFromId: original?.id ?? null,
      },
    });
    if (original) await tx.application.update({ where: { id: original.id }, data: { status: 'DEFERRED' } });
    await tx.membership.update({ where: { id: membership.id }, data: { leftAt: nowOf(ctx), deferredToCohortId: targetCohort.id } });
    await tx.groupSwitchRequest.updateMany({ where: { membershipId: membership.id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
    await recordAudit(tx, ctx, { action: 'membership.deferred', cohortId: access.cohortId, summary: `${email} deferred to ${target.name}`, subjectType: 'membership', subjectId: membership.id });
    return { toCohort: target.slug };
  });
}

/** A facilitator (or admin) hands one meeting of their group to another facilitator of the cohort, or takes it back (null). */
export async function handOverMeeting(ctx: CohortContext, rawInput: z.input<typeof handOverMeetingInput>) {
  const input = handOverMeetingInput.parse(rawInput);
  const { db, access } = ctx;
  const meeting = await findManagedMeeting(db, access, input.meetingId);
  if (input.toMembershipId) {
    const target = await db.membership.findFirst({ where: { id: input.toMembershipId, cohortId: access.cohortId, role: 'FACILITATOR', leftAt: null }, select: { id: true } });
    if (!target) throw outOfReach('No such facilitator in this cohort.');
  }
  await db.meeting.update({ where: { id: meeting.id }, data: { handedToId: input.toMembershipId } });
  return { meetingId: meeting.id, handedToId: input.toMembershipId };
}
