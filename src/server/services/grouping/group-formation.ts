// Group formation for a cohort: gather who is in it and when they are free, run the optimiser
// (as a job, since a big cohort takes seconds to a minute), keep the proposal for the admin to
// adjust, and publish it: groups, their facilitators and meeting times, their meetings, and an
// email to everyone placed.
import type { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { pluralize } from '@/lib/format';
import { groupingSettingsInput, moveInProposalInput, type GroupingSettingsInput } from '@/lib/schemas/grouping';
import { localSlotToUtc, meetingStarts, referenceMonday, SLOTS_PER_DAY, SLOTS_PER_WEEK, utcToLocalSlots } from '@/lib/week-slots';
import { AppError, outOfReach } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { actingUser, nowOf, type CohortContext, type Db, type ServiceContext } from '@/server/services/context';
import { syncGroupMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { queueDeliverable, type NotificationDraft } from '@/server/services/notifications/queue-notifications';
import { proposeGroups } from './optimiser';
import type { GroupingProposal, GroupingSettings, PublishedGroup, UnplacedReason } from './types';

export const PROPOSE_TASK = 'propose-groups';

export type ProposalPerson = { name: string; email: string; role: 'FELLOW' | 'FACILITATOR'; timeZone: string | null; starts: number[] };

/** What is kept in GroupingProposal.proposal: the optimiser's answer and who everyone is. */
export type StoredProposal = GroupingProposal & { people: Record<string, ProposalPerson>; meetingSlots: number; maxSize: number; minSize: number };

export type ProposalView = {
  id: string;
  status: 'RUNNING' | 'READY' | 'FAILED' | 'PUBLISHED' | 'SUPERSEDED';
  createdAt: Date;
  finishedAt: Date | null;
  error: string | null;
  settings: z.output<typeof groupingSettingsInput>;
  proposal: StoredProposal | null;
  cohortTimeZone: string;
  referenceMonday: Date;
};

/** Pairs from lines of two addresses, as user ids; unknown addresses are named with their line. */
function parsePairs(text: string, idByEmail: Map<string, string>, what: string): [string, string][] {
  const pairs: [string, string][] = [];
  text.split('\n').forEach((line, index) => {
    const emails = line.split(/[\s,;]+/).map((part) => part.trim().toLowerCase()).filter(Boolean);
    if (emails.length === 0) return;
    if (emails.length !== 2) throw new AppError('BAD_REQUEST', `${what}, line ${index + 1}: write two email addresses.`, [{ path: what === 'Together' ? 'together' : 'apart', message: `Line ${index + 1}: two addresses.` }]);
    const ids = emails.map((email) => idByEmail.get(email));
    const unknown = emails.filter((_, k) => !ids[k]);
    if (unknown.length) throw new AppError('BAD_REQUEST', `${what}, line ${index + 1}: ${unknown.join(' and ')} ${unknown.length > 1 ? 'are' : 'is'} not a fellow of this cohort.`, [{ path: what === 'Together' ? 'together' : 'apart', message: `Line ${index + 1}: not a fellow here.` }]);
    pairs.push([ids[0]!, ids[1]!]);
  });
  return pairs;
}

/** The local weekday (0 = Sunday, as groups store it) and "HH:MM" of a UTC slot in the cohort's zone. */
export function slotToGroupSchedule(startSlot: number, timeZone: string, monday: Date): { meetingDay: number; meetingTime: string } {
  const [local] = utcToLocalSlots([startSlot], timeZone, monday);
  const day = Math.floor(local! / SLOTS_PER_DAY); // 0 = Monday
  const minutes = (local! % SLOTS_PER_DAY) * 30;
  return { meetingDay: (day + 1) % 7, meetingTime: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` };
}

/** A published group's UTC start slot from its weekday and time in the cohort's zone; null without a schedule. */
export function groupStartSlot(group: { meetingDay: number | null; meetingTime: string | null }, timeZone: string, monday: Date): number | null {
  if (group.meetingDay === null || !group.meetingTime) return null;
  const match = /^(\d{1,2}):(\d{2})$/.exec(group.meetingTime);
  if (!match) return null;
  const mondayBased = (group.meetingDay + 6) % 7;
  const local = mondayBased * SLOTS_PER_DAY + Number(match[1]) * 2 + Math.floor(Number(match[2]) / 30);
  return localSlotToUtc(local % SLOTS_PER_WEEK, timeZone, monday);
}

async function gatherInput(db: Db, cohortId: string, settings: z.output<typeof groupingSettingsInput>) {
  const cohort = await db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { startDate: true, timeZone: true } });
  const monday = referenceMonday(cohort.startDate);
  const [members, availability, answers, groups] = await Promise.all([
    db.membership.findMany({
      where: { cohortId, leftAt: null },
      orderBy: { createdAt: 'asc' },
      select: { id: true, role: true, groupId: true, user: { select: { id: true, name: true, email: true } }, leadsGroups: { select: { groupId: true } } },
    }),
    db.availability.findMany({ where: { cohortId }, select: { userId: true, slots: true, timeZone: true } }),
    db.application.findMany({ where: { cohortId, status: 'ACCEPTED', userId: { not: null } }, select: { userId: true, answers: true } }),
    db.discussionGroup.findMany({ where: { cohortId }, select: { id: true, meetingDay: true, meetingTime: true } }),
  ]);
  const slotsOf = new Map(availability.map((row) => [row.userId, row]));
  const answersOf = new Map(answers.map((row) => [row.userId!, row.answers as Record<string, unknown>]));
  const meetingSlots = settings.meetingMinutes / 30;
  const people: Record<string, ProposalPerson> = {};
  const toPerson = (member: (typeof members)[number]) => {
    const row = slotsOf.get(member.user.id);
    const slots = row?.slots ?? [];
    people[member.user.id] = { name: member.user.name ?? member.user.email, email: member.user.email, role: member.role, timeZone: row?.timeZone ?? null, starts: meetingStarts(slots, Math.ceil(meetingSlots)) };
    const own = answersOf.get(member.user.id) ?? {};
    const flat = Object.fromEntries(Object.entries(own).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : String(value)]));
    return { id: member.user.id, slots, answers: flat };
  };
  const fellows = members.filter((m) => m.role === 'FELLOW').map(toPerson);
  const facilitators = members.filter((m) => m.role === 'FACILITATOR').map(toPerson);

  const published: PublishedGroup[] = [];
  if (settings.keepPublished) {
    for (const group of groups) {
      const startSlot = groupStartSlot(group, cohort.timeZone, monday);
      if (startSlot === null) continue;
      published.push({
        id: group.id,
        startSlot,
        facilitatorIds: members.filter((m) => m.role === 'FACILITATOR' && m.leadsGroups.some((lead) => lead.groupId === group.id)).map((m) => m.user.id),
        memberIds: members.filter((m) => m.role === 'FELLOW' && m.groupId === group.id).map((m) => m.user.id),
      });
    }
  }
  const idByEmail = new Map(members.filter((m) => m.role === 'FELLOW').map((m) => [m.user.email.toLowerCase(), m.user.id]));
  const optimiserSettings: GroupingSettings = {
    minSize: settings.minSize,
    maxSize: settings.maxSize,
    meetingSlots: Math.ceil(meetingSlots),
    groupsPerFacilitator: settings.groupsPerFacilitator,
    together: parsePairs(settings.together, idByEmail, 'Together'),
    apart: parsePairs(settings.apart, idByEmail, 'Apart'),
    balance: settings.balance,
    timeLimitSeconds: settings.timeLimitSeconds,
  };
  return { input: { fellows, facilitators, published, settings: optimiserSettings }, people, meetingSlots: Math.ceil(meetingSlots) };
}

/**
 * Starts a proposal: checks the settings (and the pairs' addresses) at once, so mistakes show on
 * the form, then queues the solve. The worker fills the proposal in (runGroupingProposal).
 */
export async function startGroupingProposal(ctx: CohortContext, rawInput: GroupingSettingsInput): Promise<{ proposalId: string }> {
  const settings = groupingSettingsInput.parse(rawInput);
  const user = actingUser(ctx);
  const { db, access } = ctx;
  await gatherInput(db, access.cohortId, settings);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const proposal = await tx.groupingProposal.create({ data: { cohortId: access.cohortId, settings: settings as Prisma.InputJsonValue, createdById: user.id }, select: { id: true } });
    await tx.$queryRaw`SELECT graphile_worker.add_job(${PROPOSE_TASK}::text, json_build_object('id', ${proposal.id}::text), job_key => ${`propose:${proposal.id}`}::text, max_attempts => 2)`;
    return { proposalId: proposal.id };
  });
}

/**
 * A proposal solved here and now (the CLI: `fellowship groups propose`), not queued: the same
 * row, settings and solve as from the page.
 */
export async function proposeGroupsNow(ctx: CohortContext, rawInput: GroupingSettingsInput): Promise<{ proposalId: string; proposal: StoredProposal | null; error: string | null }> {
  const settings = groupingSettingsInput.parse(rawInput);
  const { db, access } = ctx;
  await gatherInput(db, access.cohortId, settings);
  const row = await db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    return tx.groupingProposal.create({ data: { cohortId: access.cohortId, settings: settings as Prisma.InputJsonValue, createdById: ctx.user?.id ?? null }, select: { id: true } });
  });
  const proposal = await runGroupingProposal(ctx, row.id);
  const after = await db.groupingProposal.findUniqueOrThrow({ where: { id: row.id }, select: { error: true } });
  return { proposalId: row.id, proposal, error: after.error };
}

/** The latest proposal that is ready to publish, for `fellowship groups publish`. */
export async function latestReadyProposalId(ctx: CohortContext): Promise<string> {
  const row = await ctx.db.groupingProposal.findFirst({ where: { cohortId: ctx.access.cohortId }, orderBy: { createdAt: 'desc' }, select: { id: true, status: true } });
  if (!row) throw new AppError('NOT_FOUND', 'This cohort has no group proposal: run `fellowship groups propose` first.');
  if (row.status !== 'READY') throw new AppError('BAD_REQUEST', `The latest proposal is ${row.status.toLowerCase()}, not ready to publish: propose again.`);
  return row.id;
}

/** The solve itself, by the job worker or the CLI: fills the proposal in, READY or FAILED. */
export async function runGroupingProposal(ctx: ServiceContext, proposalId: string): Promise<StoredProposal | null> {
  const row = await ctx.db.groupingProposal.findUnique({ where: { id: proposalId }, select: { cohortId: true, status: true, settings: true } });
  if (!row || row.status !== 'RUNNING') return null;
  const settings = groupingSettingsInput.parse(row.settings);
  try {
    const { input, people, meetingSlots } = await gatherInput(ctx.db, row.cohortId, settings);
    const result = await proposeGroups(input);
    const stored: StoredProposal = { ...result, people, meetingSlots, maxSize: settings.maxSize, minSize: settings.minSize };
    await ctx.db.groupingProposal.update({ where: { id: proposalId }, data: { status: 'READY', proposal: stored as unknown as Prisma.InputJsonValue, finishedAt: nowOf(ctx) } });
    return stored;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await ctx.db.groupingProposal.update({ where: { id: proposalId }, data: { status: 'FAILED', error: message, finishedAt: nowOf(ctx) } });
    if (error instanceof AppError) return null;
    throw error;
  }
}

export async function getLatestProposal(ctx: CohortContext, input: { proposalId?: string } = {}): Promise<ProposalView | null> {
  const { db, access } = ctx;
  const [row, cohort] = await Promise.all([
    db.groupingProposal.findFirst({
      where: { cohortId: access.cohortId, ...(input.proposalId ? { id: input.proposalId } : {}) },
      orderBy: { createdAt: 'desc' },
      select: { id: true, status: true, createdAt: true, finishedAt: true, error: true, settings: true, proposal: true },
    }),
    db.cohort.findUniqueOrThrow({ where: { id: access.cohortId }, select: { timeZone: true, startDate: true } }),
  ]);
  if (!row) {
    if (input.proposalId) throw outOfReach('No such proposal in this cohort.');
    return null;
  }
  return {
    id: row.id,
    status: row.status,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    error: row.error,
    settings: groupingSettingsInput.parse(row.settings),
    proposal: row.proposal as unknown as StoredProposal | null,
    cohortTimeZone: cohort.timeZone,
    referenceMonday: referenceMonday(cohort.startDate),
  };
}

/**
 * The admin's moves: fellows placed into other groups of the proposal (or out of all). Each
 * fellow in at most one group; times and facilitators stay; what is left out keeps its reason.
 */
export async function moveInProposal(ctx: CohortContext, rawInput: z.input<typeof moveInProposalInput>): Promise<ProposalView> {
  const input = moveInProposalInput.parse(rawInput);
  const view = await getLatestProposal(ctx, { proposalId: input.proposalId });
  if (!view?.proposal || view.status !== 'READY') throw new AppError('BAD_REQUEST', 'Only a finished proposal that is not yet published can be changed.');
  const proposal = view.proposal;
  if (input.groups.length !== proposal.groups.length) throw new AppError('BAD_REQUEST', 'The proposal changed meanwhile: reload the page.');
  const fellows = new Set(Object.entries(proposal.people).filter(([, person]) => person.role === 'FELLOW').map(([id]) => id));
  const seen = new Set<string>();
  for (const group of input.groups) {
    for (const id of group.memberIds) {
      if (!fellows.has(id)) throw new AppError('BAD_REQUEST', 'Someone in these groups is not a fellow of this proposal: reload the page.');
      if (seen.has(id)) throw new AppError('BAD_REQUEST', `${proposal.people[id]!.name} is in two groups.`);
      seen.add(id);
    }
  }
  const reasonBefore = new Map(proposal.unplaced.map((entry) => [entry.id, entry.reason]));
  const groups = proposal.groups.map((group, index) => ({ ...group, memberIds: input.groups[index]!.memberIds }));
  const unplaced = [...fellows].filter((id) => !seen.has(id)).map((id) => ({ id, reason: reasonBefore.get(id) ?? ('no-room' as UnplacedReason) }));
  const next: StoredProposal = { ...proposal, groups, unplaced, stats: { ...proposal.stats, placed: seen.size, gap: Math.max(0, proposal.stats.bound - seen.size) } };
  await ctx.db.groupingProposal.update({ where: { id: view.id }, data: { proposal: next as unknown as Prisma.InputJsonValue } });
  return { ...view, proposal: next };
}

function nextGroupNames(taken: Set<string>, count: number): string[] {
  const names: string[] = [];
  for (let n = 1; names.length < count; n++) {
    const name = `Group ${n}`;
    if (!taken.has(name.toLowerCase())) names.push(name);
  }
  return names;
}

export type PublishResult = { groupsCreated: number; groupsUpdated: number; fellowsPlaced: number; emailed: number };

/**
 * Publishes a proposal, all or nothing: new groups with their facilitators, weekday and time
 * (in the cohort's zone) and meetings; fellows into their groups (published groups keep theirs
 * and take in late joiners); an email to everyone whose group is new or changed.
 */
export async function publishProposal(ctx: CohortContext, input: { proposalId: string }): Promise<PublishResult> {
  const view = await getLatestProposal(ctx, { proposalId: input.proposalId });
  if (!view?.proposal || view.status !== 'READY') throw new AppError('BAD_REQUEST', view?.status === 'PUBLISHED' ? 'This proposal is already published.' : 'Only a finished proposal can be published.');
  const { db, access } = ctx;
  const proposal = view.proposal;
  const now = nowOf(ctx);
  return db.$transaction(
    async (tx) => {
      await assertCohortWritable(tx, access.cohortId);
      const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: access.cohortId }, select: { name: true, slug: true, timeZone: true, startDate: true } });
      const monday = referenceMonday(cohort.startDate);
      const memberships = await tx.membership.findMany({ where: { cohortId: access.cohortId }, select: { id: true, userId: true, role: true, groupId: true } });
      const membershipOf = new Map(memberships.map((m) => [m.userId, m]));
      const existing = await tx.discussionGroup.findMany({ where: { cohortId: access.cohortId }, select: { id: true, name: true } });
      const names = nextGroupNames(new Set(existing.map((group) => group.name.toLowerCase())), proposal.groups.filter((group) => !group.publishedId).length);
      let created = 0;
      let updated = 0;
      let placed = 0;
      const notify: { userId: string; groupId: string; role: 'FELLOW' | 'FACILITATOR' }[] = [];
      for (const group of proposal.groups) {
        let groupId = group.publishedId;
        if (!groupId) {
          const schedule = slotToGroupSchedule(group.startSlot, cohort.timeZone, monday);
          const made = await tx.discussionGroup.create({
            data: { cohortId: access.cohortId, name: names[created]!, ...schedule, meetingMinutes: proposal.meetingSlots * 30, capacity: proposal.maxSize },
            select: { id: true },
          });
          groupId = made.id;
          created++;
          for (const facilitatorId of group.facilitatorIds) {
            const membership = membershipOf.get(facilitatorId);
            if (!membership || membership.role !== 'FACILITATOR') continue;
            await tx.groupFacilitator.create({ data: { groupId, membershipId: membership.id } });
            notify.push({ userId: facilitatorId, groupId, role: 'FACILITATOR' });
          }
        }
        let changed = false;
        for (const memberId of group.memberIds) {
          const membership = membershipOf.get(memberId);
          if (!membership || membership.role !== 'FELLOW') continue;
          placed++;
          if (membership.groupId === groupId) continue;
          await tx.membership.update({ where: { id: membership.id }, data: { groupId } });
          notify.push({ userId: memberId, groupId, role: 'FELLOW' });
          changed = true;
        }
        if (group.publishedId && changed) updated++;
        await syncGroupMeetings(tx, groupId, now);
      }

      // One email each, with the group's first meeting.
      const groupIds = [...new Set(notify.map((entry) => entry.groupId))];
      const details = await tx.discussionGroup.findMany({
        where: { id: { in: groupIds } },
        select: {
          id: true,
          name: true,
          location: true,
          videoUrl: true,
          facilitators: { select: { membership: { select: { user: { select: { name: true, email: true } } } } } },
          _count: { select: { members: { where: { role: 'FELLOW' } } } },
          meetings: { where: { startsAt: { gte: now }, cancelledAt: null }, orderBy: { startsAt: 'asc' }, take: 1, select: { id: true, startsAt: true, minutes: true, location: true, videoUrl: true } },
        },
      });
      const detailOf = new Map(details.map((detail) => [detail.id, detail]));
      const users = await tx.user.findMany({ where: { id: { in: notify.map((entry) => entry.userId) } }, select: { id: true, email: true } });
      const emailOf = new Map(users.map((user) => [user.id, user.email]));
      const drafts: NotificationDraft<'GROUP_ASSIGNED'>[] = notify.map((entry) => {
        const detail = detailOf.get(entry.groupId)!;
        const first = detail.meetings[0];
        return {
          kind: 'GROUP_ASSIGNED',
          dedupeKey: `group-assigned:${entry.groupId}:${entry.userId}`,
          toEmail: emailOf.get(entry.userId)!,
          userId: entry.userId,
          cohortId: access.cohortId,
          subjectId: entry.groupId,
          payload: {
            cohortName: cohort.name,
            cohortSlug: cohort.slug,
            cohortTimeZone: cohort.timeZone,
            role: entry.role,
            groupName: detail.name,
            facilitatorNames: detail.facilitators.map((f) => f.membership.user.name ?? f.membership.user.email),
            memberCount: detail._count.members,
            firstMeeting: first
              ? { id: first.id, startsAt: first.startsAt.toISOString(), minutes: first.minutes, location: first.location ?? detail.location, videoUrl: first.videoUrl ?? detail.videoUrl, groupName: detail.name, about: null }
              : null,
          },
        };
      });
      const emailed = await queueDeliverable(tx, 'GROUP_ASSIGNED', access.cohortId, drafts);
      await tx.groupingProposal.updateMany({ where: { cohortId: access.cohortId, status: { in: ['READY', 'PUBLISHED'] }, id: { not: view.id } }, data: { status: 'SUPERSEDED' } });
      await tx.groupingProposal.update({ where: { id: view.id }, data: { status: 'PUBLISHED', publishedAt: now } });
      await recordAudit(tx, ctx, {
        action: 'groups.published',
        cohortId: access.cohortId,
        summary: `Groups published: ${pluralize(created, 'new group')}, ${pluralize(placed, 'fellow')} placed`,
        subjectType: 'cohort',
        subjectId: access.cohortId,
        after: { proposalId: view.id, groupsCreated: created, groupsUpdated: updated, fellowsPlaced: placed, emailed },
      });
      return { groupsCreated: created, groupsUpdated: updated, fellowsPlaced: placed, emailed };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
