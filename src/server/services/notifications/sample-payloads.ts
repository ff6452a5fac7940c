// Every kind of email filled from one cohort's real data (the demo cohort by default): for the
// template previews at /admin/emails and `fellowship notify preview`. Nothing is queued.
import { DEFAULT_DECISION_TEMPLATES, fillDecisionTemplate } from '@/lib/decision-templates';
import { NOTIFICATION_KINDS, type NotificationKind } from '@/lib/notification-kinds';
import type { NotificationPayloads } from '@/server/email/payloads';
import { AppError } from '@/server/errors';
import { nowOf, type ServiceContext } from '@/server/services/context';
import { loadCohortProgress } from '@/server/services/standing/load-cohort-progress';
import { emailMeeting, groupDetails } from './plan-notifications';

export type SampleEmail<K extends NotificationKind = NotificationKind> = { kind: K; payload: NotificationPayloads[K]; recipient: { email: string; name: string; timeZone: string } };

/** The cohort to preview with: the one named, else an active one (the demo cohort), else any. */
async function pickCohort(ctx: ServiceContext, slug?: string) {
  const select = { id: true, slug: true, name: true, timeZone: true } as const;
  const cohort = slug
    ? await ctx.db.cohort.findUnique({ where: { slug }, select })
    : ((await ctx.db.cohort.findFirst({ where: { status: 'ACTIVE' }, orderBy: { createdAt: 'asc' }, select })) ??
      (await ctx.db.cohort.findFirst({ orderBy: { createdAt: 'asc' }, select })));
  if (!cohort) throw new AppError('NOT_FOUND', slug ? `No cohort "${slug}".` : 'There is no cohort to fill the previews with: create one first.');
  return cohort;
}

export async function buildSampleEmails(ctx: ServiceContext, input: { cohort?: string } = {}): Promise<{ cohortSlug: string; emails: SampleEmail[] }> {
  const now = nowOf(ctx);
  const cohort = await pickCohort(ctx, input.cohort);
  const progress = await loadCohortProgress(ctx.db, cohort.id, { now });
  const groups = await groupDetails(ctx.db, cohort.id);
  const base = { cohortName: cohort.name, cohortSlug: cohort.slug, cohortTimeZone: cohort.timeZone };
  const fellow = progress.fellows.find((candidate) => candidate.groupId) ?? progress.fellows[0];
  const group = (fellow?.groupId ? groups.get(fellow.groupId) : undefined) ?? [...groups.values()][0];
  const facilitator = group?.facilitators[0];
  const meetingRow = group
    ? ((await ctx.db.meeting.findFirst({
        where: { groupId: group.id, cancelledAt: null, startsAt: { gt: now } },
        orderBy: { startsAt: 'asc' },
        select: { id: true, groupId: true, startsAt: true, minutes: true, location: true, videoUrl: true, weekPosition: true },
      })) ?? null)
    : null;
  const groupForMeeting = group ?? { name: 'Group A', location: 'Room 101', videoUrl: null };
  const meeting = emailMeeting(
    meetingRow ?? { id: 'sample', groupId: 'sample', startsAt: new Date(now.getTime() + 2 * 24 * 3600_000), minutes: 90, location: null, videoUrl: null, weekPosition: progress.units[0]?.position ?? null },
    groupForMeeting,
    progress.units,
  );
  const unit = progress.units.find((candidate) => !candidate.due) ?? progress.units.at(-1);
  const readingsOf = (items: NonNullable<typeof unit>['items']) => items.map((item) => ({ title: item.title, url: item.url, minutes: item.minutes, core: item.core }));
  const fellowRecipient = { email: fellow?.email ?? 'fellow@example.org', name: fellow?.name ?? 'Fellow', timeZone: cohort.timeZone };
  const facilitatorRecipient = { email: facilitator?.email ?? 'facilitator@example.org', name: facilitator?.name ?? 'Facilitator', timeZone: cohort.timeZone };
  const atRisk = progress.fellows.find((candidate) => candidate.standing.atRisk) ?? fellow;
  const reasons = atRisk?.standing.riskReasons.length ? atRisk.standing.riskReasons : ['Missed 2 meetings', '40% of due core readings done'];
  const run = await ctx.db.run.findFirst({ where: { cohortId: cohort.id }, select: { id: true, name: true, clientRunId: true, exercise: { select: { title: true } } } });
  const unitReadings = unit ? unit.items.filter((item) => item.core).map((item) => ({ id: item.id, title: item.title })) : [];

  const samples: { [K in NotificationKind]: SampleEmail<K> } = {
    INVITATION: {
      kind: 'INVITATION',
      recipient: { email: 'new.fellow@example.org', name: 'new.fellow@example.org', timeZone: cohort.timeZone },
      payload: { ...base, role: 'FELLOW', groupName: group?.name ?? null, inviterName: 'Ada Admin', expiresAt: new Date(now.getTime() + 14 * 24 * 3600_000).toISOString() },
    },
    WEEKLY_DIGEST: {
      kind: 'WEEKLY_DIGEST',
      recipient: fellowRecipient,
      payload: {
        ...base,
        weekLabel: unit?.label ?? 'Week 1',
        weekTitle: unit?.title ?? 'Introduction',
        readings: unit ? readingsOf(unit.items) : [],
        stillOpen: progress.units
          .filter((other) => unit && other.position < unit.position)
          .flatMap((other) => other.items.filter((item) => item.core && !fellow?.done.has(item.id)).map((item) => ({ title: item.title, url: item.url, minutes: item.minutes, core: true, weekLabel: other.label })))
          .slice(0, 5),
        nextMeeting: meeting,
        facilitatorNames: group?.facilitators.map((person) => person.name) ?? [],
      },
    },
    MEETING_REMINDER: { kind: 'MEETING_REMINDER', recipient: fellowRecipient, payload: { ...base, meeting } },
    MEETING_CHANGE: {
      kind: 'MEETING_CHANGE',
      recipient: fellowRecipient,
      payload: { ...base, change: 'moved', meeting, previousStartsAt: new Date(new Date(meeting.startsAt).getTime() - 24 * 3600_000).toISOString() },
    },
    PREP_NOTE: {
      kind: 'PREP_NOTE',
      recipient: facilitatorRecipient,
      payload: {
        ...base,
        meeting,
        groupId: group?.id ?? 'sample',
        readings: unitReadings,
        fellows: progress.fellows
          .filter((candidate) => !group || candidate.groupId === group.id)
          .slice(0, 12)
          .map((candidate) => ({
            name: candidate.name,
            readingsDone: unitReadings.filter((reading) => candidate.done.has(reading.id)).length,
            notRead: unitReadings.filter((reading) => !candidate.done.has(reading.id)).map((reading) => reading.title),
            missedLast: false,
            atRisk: candidate.standing.atRisk,
            reasons: candidate.standing.riskReasons,
          })),
      },
    },
    AT_RISK_ALERT: {
      kind: 'AT_RISK_ALERT',
      recipient: facilitatorRecipient,
      payload: { ...base, fellowName: atRisk?.name ?? 'A fellow', groupName: group?.name ?? null, groupId: group?.id ?? null, reasons },
    },
    AT_RISK_NUDGE: { kind: 'AT_RISK_NUDGE', recipient: fellowRecipient, payload: { ...base, reasons } },
    ANNOUNCEMENT: {
      kind: 'ANNOUNCEMENT',
      recipient: fellowRecipient,
      payload: {
        ...base,
        announcementId: 'sample',
        subject: 'Room change this week',
        body: 'Hello everyone,\n\nThis week we meet in the library, room 2.14, at the usual time.\n\nSee you there!',
        authorName: 'Ada Admin',
        groupName: null,
      },
    },
    RUN_ALERT: {
      kind: 'RUN_ALERT',
      recipient: fellowRecipient,
      payload: {
        ...base,
        runId: run?.id ?? 'sample',
        runName: run?.name ?? run?.clientRunId ?? 'vae-lr3e-4',
        exerciseTitle: run?.exercise.title ?? 'Train a VAE',
        problem: 'nan',
        detail: 'its loss became NaN.',
      },
    },
    APPLICATION_DECISION: {
      kind: 'APPLICATION_DECISION',
      recipient: { email: 'applicant@example.org', name: 'Ada Applicant', timeZone: cohort.timeZone },
      payload: { ...base, decision: 'ACCEPTED', role: 'FELLOW', ...fillDecisionTemplate(DEFAULT_DECISION_TEMPLATES.ACCEPTED, { name: 'Ada Applicant', cohort: cohort.name, role: 'FELLOW' }) },
    },
    AVAILABILITY_REQUEST: {
      kind: 'AVAILABILITY_REQUEST',
      recipient: fellowRecipient,
      payload: { ...base, deadline: new Date(now.getTime() + 7 * 24 * 3600_000).toISOString(), reminder: false },
    },
    GROUP_ASSIGNED: {
      kind: 'GROUP_ASSIGNED',
      recipient: fellowRecipient,
      payload: { ...base, role: 'FELLOW', groupName: group?.name ?? 'Group A', facilitatorNames: group?.facilitators.map((person) => person.name) ?? [], memberCount: 6, firstMeeting: meeting },
    },
    GROUP_SWITCH: {
      kind: 'GROUP_SWITCH',
      recipient: facilitatorRecipient,
      payload: { ...base, event: 'requested', fellowName: fellow?.name ?? 'A fellow', fromGroupName: 'Group B', toGroupName: group?.name ?? 'Group A', scope: 'ONE_WEEK', meeting },
    },
    CERTIFICATE_ISSUED: {
      kind: 'CERTIFICATE_ISSUED',
      recipient: fellowRecipient,
      payload: { ...base, certificateId: 'sample-certificate', kind: 'COMPLETION', holderName: fellow?.name ?? 'A fellow', programme: 'Intro Fellowship' },
    },
  };
  return { cohortSlug: cohort.slug, emails: NOTIFICATION_KINDS.map((kind) => samples[kind]) };
}
