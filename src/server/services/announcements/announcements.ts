// Announcements: an admin writes to the whole cohort, a facilitator to a group they lead (or
// only its fellows at risk). The message is kept (shown on each recipient's cohort home) and
// emailed to those who have not turned announcements off; the form counts them first.
import { z } from 'zod';
import { canInGroup, can } from '@/lib/permissions';
import { displayName, pluralize } from '@/lib/format';
import { announcementAudienceInput, sendAnnouncementInput } from '@/lib/schemas/announcements';
import { AppError, outOfReach } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { actingUser, type CohortContext, type Db } from '@/server/services/context';
import { queueNotifications, type NotificationDraft } from '@/server/services/notifications/queue-notifications';
import { findSkipReasons, candidateKey } from '@/server/services/notifications/recipients';
import { loadCohortProgress } from '@/server/services/standing/load-cohort-progress';

type Audience = z.infer<typeof announcementAudienceInput>;

/** Who an announcement to this audience reaches: members of the cohort or group, or the fellows at risk among them. */
async function resolveAudience(db: Db, ctx: CohortContext, audience: Audience) {
  const { access } = ctx;
  const groupId = audience.groupId ?? null;
  if (groupId === null ? !can(access, 'announcements.send') || access.role !== 'ADMIN' : !canInGroup(access, 'announcements.send', groupId)) {
    throw outOfReach(groupId === null ? 'Only admins can write to the whole cohort: choose one of your groups.' : 'No such group among yours.');
  }
  const group = groupId ? await db.discussionGroup.findFirst({ where: { id: groupId, cohortId: access.cohortId }, select: { id: true, name: true } }) : null;
  if (groupId && !group) throw outOfReach('No such group in this cohort.');

  let people: { userId: string; email: string }[];
  if (audience.atRiskOnly) {
    const progress = await loadCohortProgress(db, access.cohortId, { ...(groupId ? { groupIds: [groupId] } : {}), detail: 'counts' });
    people = progress.fellows.filter((fellow) => fellow.standing.atRisk).map((fellow) => ({ userId: fellow.userId, email: fellow.email }));
  } else {
    const members = await db.membership.findMany({
      where: groupId
        ? { cohortId: access.cohortId, OR: [{ groupId, role: 'FELLOW' }, { leadsGroups: { some: { groupId } } }] }
        : { cohortId: access.cohortId },
      select: { userId: true, user: { select: { email: true } } },
    });
    people = members.map((member) => ({ userId: member.userId, email: member.user.email }));
  }
  // The writer does not need their own message.
  const writer = ctx.user?.id;
  return { group, people: people.filter((person) => person.userId !== writer) };
}

/** How many people an announcement would reach, and how many of them by email. */
export async function countAnnouncementRecipients(ctx: CohortContext, rawInput: z.input<typeof announcementAudienceInput>) {
  const input = announcementAudienceInput.parse(rawInput);
  const { people } = await resolveAudience(ctx.db, ctx, input);
  const skips = await findSkipReasons(ctx.db, { kind: 'ANNOUNCEMENT', cohortId: ctx.access.cohortId, candidates: people });
  const optedOut = [...skips.values()].filter((reason) => reason === 'opted-out').length;
  return { recipients: people.length, emailed: people.length - skips.size, optedOut, other: skips.size - optedOut };
}

export async function sendAnnouncement(ctx: CohortContext, rawInput: z.input<typeof sendAnnouncementInput>) {
  const input = sendAnnouncementInput.parse(rawInput);
  const author = actingUser(ctx);
  const { db, access } = ctx;
  return db.$transaction(
    async (tx) => {
      await assertCohortWritable(tx, access.cohortId);
      const { group, people } = await resolveAudience(tx as Db, ctx, input);
      if (people.length === 0) throw new AppError('BAD_REQUEST', input.atRiskOnly ? 'Nobody is at risk right now: nothing was sent.' : 'Nobody would get this: the group has no members.');
      const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: access.cohortId }, select: { name: true, slug: true, timeZone: true } });
      const authorName = displayName(author);
      const announcement = await tx.announcement.create({
        data: {
          cohortId: access.cohortId,
          groupId: group?.id ?? null,
          atRiskOnly: input.atRiskOnly,
          subject: input.subject,
          body: input.body,
          authorId: author.id,
          authorName,
          recipientCount: people.length,
          recipientIds: people.map((person) => person.userId),
        },
        select: { id: true, createdAt: true },
      });
      const skips = await findSkipReasons(tx as Db, { kind: 'ANNOUNCEMENT', cohortId: access.cohortId, candidates: people });
      const drafts: NotificationDraft<'ANNOUNCEMENT'>[] = people
        .filter((person) => !skips.has(candidateKey(person)))
        .map((person) => ({
          kind: 'ANNOUNCEMENT',
          dedupeKey: `announcement:${announcement.id}:${person.userId}`,
          toEmail: person.email,
          userId: person.userId,
          cohortId: access.cohortId,
          subjectId: announcement.id,
          payload: {
            cohortName: cohort.name,
            cohortSlug: cohort.slug,
            cohortTimeZone: cohort.timeZone,
            announcementId: announcement.id,
            subject: input.subject,
            body: input.body,
            authorName,
            groupName: group?.name ?? null,
          },
        }));
      const { queued } = await queueNotifications(tx, drafts);
      await recordAudit(tx, ctx, {
        action: 'announcement.sent',
        cohortId: access.cohortId,
        summary: `Announced “${input.subject}” to ${pluralize(people.length, 'person', 'people')}${group ? ` of ${group.name}` : ''}${input.atRiskOnly ? ' at risk' : ''}`,
        subjectType: 'announcement',
        subjectId: announcement.id,
        after: { subject: input.subject, groupId: group?.id ?? null, atRiskOnly: input.atRiskOnly, recipients: people.length, emailed: queued },
      });
      return { id: announcement.id, recipients: people.length, emailed: queued };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** The announcements a member was written to (newest first), and those an admin or facilitator wrote. */
export async function listAnnouncements(ctx: CohortContext, input: { limit?: number } = {}) {
  const { db, access } = ctx;
  const mine = ctx.user?.id;
  const where =
    access.role === 'ADMIN'
      ? { cohortId: access.cohortId }
      : { cohortId: access.cohortId, OR: [...(mine ? [{ recipientIds: { has: mine } }, { authorId: mine }] : [])] };
  return db.announcement.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    take: input.limit ?? 5,
    select: { id: true, subject: true, body: true, authorName: true, createdAt: true, recipientCount: true, atRiskOnly: true, groupId: true },
  });
}

export type AnnouncementRow = Awaited<ReturnType<typeof listAnnouncements>>[number];
