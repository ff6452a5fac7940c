// The every-minute planner: what is due now, in each active cohort's own time zone, gets
// queued. Each notification has a dedupe key, so planning again (every minute, on several
// workers, after a restart) never queues one twice, and a worker that was down catches up
// within each kind's window (a digest the same day, a reminder before its meeting).
import { planAvailabilityReminders } from '@/server/services/availability/availability';
import { addDays, buildCohortCalendar, calendarDateInZone, zonedDateTimeToInstant } from '@/lib/cohort-calendar';
import { displayName } from '@/lib/format';
import type { NotificationKind } from '@/lib/notification-kinds';
import type { EmailMeeting, EmailReading } from '@/server/email/payloads';
import { loadCohortProgress, type CohortProgress } from '@/server/services/standing/load-cohort-progress';
import type { Db, ServiceContext } from '@/server/services/context';
import { queueDeliverable, type NotificationDraft } from './queue-notifications';

const HOUR_MS = 60 * 60 * 1000;
/** A digest still goes this long after its hour (a worker that was down catches up the same day). */
const DIGEST_WINDOW_MS = 12 * HOUR_MS;
/** At-risk standing is computed again this often (it reads every fellow's ticks and marks). */
const AT_RISK_EVERY_MINUTES = 10;

export type PlanResult = { total: number; byKind: Partial<Record<NotificationKind, number>>; summary: string };

type CohortRow = Awaited<ReturnType<typeof activeCohorts>>[number];

function activeCohorts(db: Db) {
  return db.cohort.findMany({
    where: { status: 'ACTIVE' },
    select: { id: true, slug: true, name: true, timeZone: true, digestHour: true, reminderHoursBefore: true, atRiskNudges: true },
  });
}

function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** Everything due at `now`, for every active cohort. */
export async function planDueNotifications(ctx: ServiceContext, now: Date, options: { atRisk?: boolean } = {}): Promise<PlanResult> {
  const cohorts = await activeCohorts(ctx.db);
  const byKind: Partial<Record<NotificationKind, number>> = {};
  const add = (kind: NotificationKind, count: number) => {
    if (count) byKind[kind] = (byKind[kind] ?? 0) + count;
  };
  const checkAtRisk = options.atRisk ?? now.getUTCMinutes() % AT_RISK_EVERY_MINUTES === 0;
  for (const cohort of cohorts) {
    // The cohort's facts are loaded once, and only when something is due.
    let progress: CohortProgress | null = null;
    const load = async () => (progress ??= await loadCohortProgress(ctx.db, cohort.id, { now }));
    add('WEEKLY_DIGEST', await planWeeklyDigests(ctx.db, cohort, now, load));
    add('MEETING_REMINDER', await planMeetingReminders(ctx.db, cohort, now));
    add('PREP_NOTE', await planPrepNotes(ctx.db, cohort, now, load));
    if (checkAtRisk) {
      const atRisk = await planAtRisk(ctx.db, cohort, now, load);
      add('AT_RISK_ALERT', atRisk.alerts);
      add('AT_RISK_NUDGE', atRisk.nudges);
    }
  }
  add('RUN_ALERT', await planRunAlerts(ctx.db, now));
  add('AVAILABILITY_REQUEST', await planAvailabilityReminders(ctx.db, now));
  const total = Object.values(byKind).reduce((sum, count) => sum + count, 0);
  return { total, byKind, summary: Object.entries(byKind).map(([kind, count]) => `${count} ${kind}`).join(', ') };
}

// --- weekly digest --------------------------------------------------------------------------

async function planWeeklyDigests(db: Db, cohort: CohortRow, now: Date, load: () => Promise<CohortProgress>): Promise<number> {
  // Cheap first, every minute: is any unit's digest hour within its window? The calendar alone says.
  const schedule = await db.cohort.findUnique({
    where: { id: cohort.id },
    select: { startDate: true, skippedWeeks: true, curriculum: { select: { weeks: { orderBy: { position: 'asc' }, select: { id: true, span: true } } } } },
  });
  if (!schedule) return 0;
  const calendar = buildCohortCalendar(schedule, schedule.curriculum.weeks);
  const dueIndex = calendar.units.findIndex((unit) => {
    const at = zonedDateTimeToInstant(unit.startDate, hourText(cohort.digestHour), cohort.timeZone);
    return at !== null && at.getTime() <= now.getTime() && now.getTime() < at.getTime() + DIGEST_WINDOW_MS;
  });
  if (dueIndex < 0) return 0;
  const dueUnitId = schedule.curriculum.weeks[dueIndex]!.id;
  // Within the window the planner looks every minute: once everyone has theirs, stop there.
  const [fellowCount, unreachable, queuedCount] = await Promise.all([
    db.membership.count({ where: { cohortId: cohort.id, role: 'FELLOW' } }),
    db.membership.count({
      where: {
        cohortId: cohort.id,
        role: 'FELLOW',
        OR: [{ user: { disabledAt: { not: null } } }, { user: { emailPreferences: { some: { topic: 'DIGEST', enabled: false } } } }],
      },
    }),
    db.notification.count({ where: { cohortId: cohort.id, kind: 'WEEKLY_DIGEST', subjectId: dueUnitId } }),
  ]);
  if (queuedCount >= fellowCount - unreachable) return 0;
  const progress = await load();
  const unit = progress.units.find((candidate) => candidate.id === dueUnitId);
  if (!unit) return 0;

  const already = new Set(
    (await db.notification.findMany({ where: { cohortId: cohort.id, kind: 'WEEKLY_DIGEST', subjectId: unit.id }, select: { userId: true } })).map((row) => row.userId),
  );
  const fellows = progress.fellows.filter((fellow) => !already.has(fellow.userId));
  if (!fellows.length) return 0;
  const groups = await groupDetails(db, cohort.id);
  const nextMeetings = await nextMeetingPerGroup(db, cohort.id, now, groups, progress);
  const readingOf = (item: CohortProgress['units'][number]['items'][number], weekLabel?: string): EmailReading => ({
    title: item.title,
    url: item.url,
    minutes: item.minutes,
    core: item.core,
    ...(weekLabel ? { weekLabel } : {}),
  });
  const earlier = progress.units.filter((other) => other.position < unit.position);

  const drafts: NotificationDraft<'WEEKLY_DIGEST'>[] = fellows.map((fellow) => {
    const group = fellow.groupId ? groups.get(fellow.groupId) : undefined;
    return {
      kind: 'WEEKLY_DIGEST',
      dedupeKey: `digest:${cohort.id}:${unit.id}:${fellow.userId}`,
      toEmail: fellow.email,
      userId: fellow.userId,
      cohortId: cohort.id,
      subjectId: unit.id,
      payload: {
        cohortName: cohort.name,
        cohortSlug: cohort.slug,
        cohortTimeZone: cohort.timeZone,
        weekLabel: unit.label,
        weekTitle: unit.title,
        readings: unit.items.map((item) => readingOf(item)),
        stillOpen: earlier.flatMap((other) => other.items.filter((item) => item.core && !fellow.done.has(item.id)).map((item) => readingOf(item, other.label))),
        nextMeeting: fellow.groupId ? (nextMeetings.get(fellow.groupId) ?? null) : null,
        facilitatorNames: group?.facilitators.map((facilitator) => facilitator.name) ?? [],
      },
    };
  });
  return queueDeliverable(db, 'WEEKLY_DIGEST', cohort.id, drafts);
}

// --- meetings: reminders and prep notes -------------------------------------------------------

type GroupDetail = { id: string; name: string; location: string | null; videoUrl: string | null; facilitators: { userId: string; email: string; name: string }[] };

export async function groupDetails(db: Db, cohortId: string): Promise<Map<string, GroupDetail>> {
  const groups = await db.discussionGroup.findMany({
    where: { cohortId },
    select: {
      id: true,
      name: true,
      location: true,
      videoUrl: true,
      facilitators: { select: { membership: { select: { user: { select: { id: true, email: true, name: true } } } } } },
    },
  });
  return new Map(
    groups.map((group) => [
      group.id,
      {
        id: group.id,
        name: group.name,
        location: group.location,
        videoUrl: group.videoUrl,
        facilitators: group.facilitators.map(({ membership: { user } }) => ({ userId: user.id, email: user.email, name: displayName(user) })),
      },
    ]),
  );
}

type MeetingRow = { id: string; groupId: string; startsAt: Date; minutes: number; location: string | null; videoUrl: string | null; weekPosition: number | null };

export function emailMeeting(meeting: MeetingRow, group: Pick<GroupDetail, 'name' | 'location' | 'videoUrl'>, units: CohortProgress['units'] | null): EmailMeeting & { id: string } {
  const unit = units && meeting.weekPosition !== null ? units.find((candidate) => candidate.position === meeting.weekPosition) : undefined;
  return {
    id: meeting.id,
    startsAt: meeting.startsAt.toISOString(),
    minutes: meeting.minutes,
    location: meeting.location ?? group.location,
    videoUrl: meeting.videoUrl ?? group.videoUrl,
    groupName: group.name,
    about: unit ? `${unit.label}: ${unit.title}` : null,
  };
}

const meetingRowSelect = { id: true, groupId: true, startsAt: true, minutes: true, location: true, videoUrl: true, weekPosition: true } as const;

async function nextMeetingPerGroup(db: Db, cohortId: string, now: Date, groups: Map<string, GroupDetail>, progress: CohortProgress) {
  const meetings = await db.meeting.findMany({
    where: { group: { cohortId }, cancelledAt: null, startsAt: { gt: now } },
    orderBy: { startsAt: 'asc' },
    select: meetingRowSelect,
  });
  const next = new Map<string, EmailMeeting & { id: string }>();
  for (const meeting of meetings) {
    const group = groups.get(meeting.groupId);
    if (group && !next.has(meeting.groupId)) next.set(meeting.groupId, emailMeeting(meeting, group, progress.units));
  }
  return next;
}

async function groupMemberRecipients(db: Db, groupIds: string[]) {
  const members = await db.membership.findMany({
    where: { OR: [{ groupId: { in: groupIds }, role: 'FELLOW' }, { leadsGroups: { some: { groupId: { in: groupIds } } } }] },
    select: { groupId: true, userId: true, user: { select: { email: true } }, leadsGroups: { select: { groupId: true } } },
  });
  return members.map((member) => ({
    userId: member.userId,
    email: member.user.email,
    groupIds: member.groupId ? [member.groupId, ...member.leadsGroups.map((lead) => lead.groupId)] : member.leadsGroups.map((lead) => lead.groupId),
  }));
}

async function planMeetingReminders(db: Db, cohort: CohortRow, now: Date): Promise<number> {
  if (cohort.reminderHoursBefore <= 0) return 0;
  const meetings = await db.meeting.findMany({
    where: { group: { cohortId: cohort.id }, cancelledAt: null, startsAt: { gt: now, lte: new Date(now.getTime() + cohort.reminderHoursBefore * HOUR_MS) } },
    select: meetingRowSelect,
  });
  if (!meetings.length) return 0;
  const groups = await groupDetails(db, cohort.id);
  const recipients = await groupMemberRecipients(db, [...new Set(meetings.map((meeting) => meeting.groupId))]);
  const units = await unitsOf(db, cohort.id, meetings);
  const drafts: NotificationDraft<'MEETING_REMINDER'>[] = [];
  for (const meeting of meetings) {
    const group = groups.get(meeting.groupId);
    if (!group) continue;
    const data = emailMeeting(meeting, group, units);
    for (const recipient of recipients.filter((candidate) => candidate.groupIds.includes(meeting.groupId))) {
      drafts.push({
        kind: 'MEETING_REMINDER',
        // The time is part of the key: a moved meeting gets a reminder for its new time.
        dedupeKey: `reminder:${meeting.id}:${meeting.startsAt.toISOString()}:${recipient.userId}`,
        toEmail: recipient.email,
        userId: recipient.userId,
        cohortId: cohort.id,
        subjectId: meeting.id,
        payload: { cohortName: cohort.name, cohortSlug: cohort.slug, cohortTimeZone: cohort.timeZone, meeting: data },
      });
    }
  }
  return queueDeliverable(db, 'MEETING_REMINDER', cohort.id, drafts);
}

/** The units (labels, titles) the given meetings discuss, without loading the cohort's progress. */
async function unitsOf(db: Db, cohortId: string, meetings: { weekPosition: number | null }[]): Promise<CohortProgress['units'] | null> {
  if (!meetings.some((meeting) => meeting.weekPosition !== null)) return null;
  const progress = await loadCohortProgress(db, cohortId, { detail: 'counts' });
  return progress.units;
}

/** When the prep note for a meeting is due: the day before, at the cohort's digest hour. */
export function prepNoteDueAt(meetingStartsAt: Date, cohort: { timeZone: string; digestHour: number }): Date | null {
  const meetingDay = calendarDateInZone(meetingStartsAt, cohort.timeZone);
  return zonedDateTimeToInstant(addDays(meetingDay, -1), hourText(cohort.digestHour), cohort.timeZone);
}

async function planPrepNotes(db: Db, cohort: CohortRow, now: Date, load: () => Promise<CohortProgress>): Promise<number> {
  // Meetings within the next two days whose prep time has come and that have not begun.
  const meetings = (
    await db.meeting.findMany({
      where: { group: { cohortId: cohort.id }, cancelledAt: null, startsAt: { gt: now, lte: new Date(now.getTime() + 50 * HOUR_MS) } },
      select: meetingRowSelect,
    })
  ).filter((meeting) => {
    const due = prepNoteDueAt(meeting.startsAt, cohort);
    return due !== null && due.getTime() <= now.getTime();
  });
  if (!meetings.length) return 0;
  const sent = new Set(
    (await db.notification.findMany({ where: { kind: 'PREP_NOTE', subjectId: { in: meetings.map((meeting) => meeting.id) } }, select: { dedupeKey: true } })).map((row) => row.dedupeKey),
  );
  const groups = await groupDetails(db, cohort.id);
  const drafts: NotificationDraft<'PREP_NOTE'>[] = [];
  let progress: CohortProgress | null = null;
  for (const meeting of meetings) {
    const group = groups.get(meeting.groupId);
    if (!group) continue;
    const pending = group.facilitators.filter((facilitator) => !sent.has(prepKey(meeting, facilitator.userId)));
    if (!pending.length) continue;
    progress ??= await load();
    const unit = meeting.weekPosition !== null ? progress.units.find((candidate) => candidate.position === meeting.weekPosition) : undefined;
    const readings = unit ? unit.items.filter((item) => item.core).map((item) => ({ id: item.id, title: item.title })) : [];
    const previous = progress.meetings.filter((other) => other.groupId === meeting.groupId && other.held && other.startsAt < meeting.startsAt).at(-1);
    const fellows = progress.fellows
      .filter((fellow) => fellow.groupId === meeting.groupId)
      .map((fellow) => ({
        name: fellow.name,
        readingsDone: readings.filter((reading) => fellow.done.has(reading.id)).length,
        notRead: readings.filter((reading) => !fellow.done.has(reading.id)).map((reading) => reading.title),
        missedLast: previous ? fellow.marks.get(previous.id)?.status === 'ABSENT' : false,
        atRisk: fellow.standing.atRisk,
        reasons: fellow.standing.riskReasons,
      }))
      .sort((a, b) => Number(b.atRisk) - Number(a.atRisk) || a.name.localeCompare(b.name));
    for (const facilitator of pending) {
      drafts.push({
        kind: 'PREP_NOTE',
        dedupeKey: prepKey(meeting, facilitator.userId),
        toEmail: facilitator.email,
        userId: facilitator.userId,
        cohortId: cohort.id,
        subjectId: meeting.id,
        payload: {
          cohortName: cohort.name,
          cohortSlug: cohort.slug,
          cohortTimeZone: cohort.timeZone,
          meeting: emailMeeting(meeting, group, progress.units),
          groupId: group.id,
          readings,
          fellows,
        },
      });
    }
  }
  return queueDeliverable(db, 'PREP_NOTE', cohort.id, drafts);
}

function prepKey(meeting: { id: string; startsAt: Date }, userId: string): string {
  return `prep:${meeting.id}:${meeting.startsAt.toISOString()}:${userId}`;
}

// --- at risk ----------------------------------------------------------------------------------

/**
 * A fellow who became at risk since the last look: their facilitators are told once per spell
 * (Membership.atRiskSince marks the spell; it clears when they are back on track), and the
 * fellow gets a nudge when the cohort sends them.
 */
async function planAtRisk(db: Db, cohort: CohortRow, now: Date, load: () => Promise<CohortProgress>) {
  const progress = await load();
  const memberships = await db.membership.findMany({ where: { cohortId: cohort.id, role: 'FELLOW' }, select: { id: true, atRiskSince: true } });
  const since = new Map(memberships.map((membership) => [membership.id, membership.atRiskSince]));
  const newlyAtRisk = progress.fellows.filter((fellow) => fellow.standing.atRisk && !since.get(fellow.membershipId));
  const recovered = progress.fellows.filter((fellow) => !fellow.standing.atRisk && since.get(fellow.membershipId)).map((fellow) => fellow.membershipId);
  if (recovered.length) await db.membership.updateMany({ where: { id: { in: recovered } }, data: { atRiskSince: null } });
  if (!newlyAtRisk.length) return { alerts: 0, nudges: 0 };

  const groups = await groupDetails(db, cohort.id);
  const alerts: NotificationDraft<'AT_RISK_ALERT'>[] = [];
  const nudges: NotificationDraft<'AT_RISK_NUDGE'>[] = [];
  const base = { cohortName: cohort.name, cohortSlug: cohort.slug, cohortTimeZone: cohort.timeZone };
  for (const fellow of newlyAtRisk) {
    const spell = `${fellow.membershipId}:${now.toISOString()}`;
    const group = fellow.groupId ? groups.get(fellow.groupId) : undefined;
    for (const facilitator of group?.facilitators ?? []) {
      alerts.push({
        kind: 'AT_RISK_ALERT',
        dedupeKey: `at-risk:${spell}:${facilitator.userId}`,
        toEmail: facilitator.email,
        userId: facilitator.userId,
        cohortId: cohort.id,
        subjectId: fellow.membershipId,
        payload: { ...base, fellowName: fellow.name, groupName: group?.name ?? null, groupId: group?.id ?? null, reasons: fellow.standing.riskReasons },
      });
    }
    if (cohort.atRiskNudges) {
      nudges.push({
        kind: 'AT_RISK_NUDGE',
        dedupeKey: `nudge:${spell}`,
        toEmail: fellow.email,
        userId: fellow.userId,
        cohortId: cohort.id,
        subjectId: fellow.membershipId,
        payload: { ...base, reasons: fellow.standing.riskReasons },
      });
    }
  }
  return db.$transaction(async (tx) => {
    // Only fellows still unmarked: a second planner at the same minute marks nobody twice.
    const marked = await tx.membership.updateManyAndReturn({
      where: { id: { in: newlyAtRisk.map((fellow) => fellow.membershipId) }, atRiskSince: null },
      data: { atRiskSince: now },
      select: { id: true },
    });
    const markedIds = new Set(marked.map((row) => row.id));
    const keep = <T extends NotificationDraft>(drafts: T[]) => drafts.filter((draft) => markedIds.has(draft.subjectId!));
    return {
      alerts: await queueDeliverable(tx, 'AT_RISK_ALERT', cohort.id, keep(alerts)),
      nudges: await queueDeliverable(tx, 'AT_RISK_NUDGE', cohort.id, keep(nudges)),
    };
  });
}

// --- run alerts -------------------------------------------------------------------------------

const STALE_AFTER_MS = 15 * 60 * 1000;
const RUN_ALERT_LOOKBACK_MS = 24 * HOUR_MS;

/** Runs of people who turned run alerts on that failed, hit NaN or went quiet in the last day. */
async function planRunAlerts(db: Db, now: Date): Promise<number> {
  const since = new Date(now.getTime() - RUN_ALERT_LOOKBACK_MS);
  const runs = await db.run.findMany({
    where: {
      user: { emailPreferences: { some: { topic: 'RUN_ALERTS', enabled: true } } },
      cohort: { status: 'ACTIVE' },
      OR: [
        { status: 'FAILED', finishedAt: { gte: since } },
        { status: 'RUNNING', lastDataAt: { gte: since, lt: new Date(now.getTime() - STALE_AFTER_MS) } },
        { status: { in: ['RUNNING', 'FINISHED'] }, updatedAt: { gte: since } },
      ],
    },
    select: {
      id: true,
      name: true,
      clientRunId: true,
      status: true,
      exitCode: true,
      lastDataAt: true,
      userId: true,
      user: { select: { email: true } },
      cohort: { select: { id: true, slug: true, name: true, timeZone: true } },
      exercise: { select: { title: true, primaryMetric: true } },
      series: { select: { key: true, last: true } },
    },
    take: 2000,
  });
  const drafts: NotificationDraft<'RUN_ALERT'>[] = [];
  for (const run of runs) {
    const primary = run.exercise.primaryMetric ? run.series.find((series) => series.key === run.exercise.primaryMetric) : undefined;
    const problems: { problem: 'failed' | 'nan' | 'stale'; detail: string }[] = [];
    if (run.status === 'FAILED') problems.push({ problem: 'failed', detail: `it ended as failed${run.exitCode !== null ? ` (exit code ${run.exitCode})` : ''}.` });
    if (primary && primary.last !== null && Number.isNaN(primary.last)) problems.push({ problem: 'nan', detail: `its ${primary.key} became NaN.` });
    if (run.status === 'RUNNING' && run.lastDataAt && run.lastDataAt.getTime() < now.getTime() - STALE_AFTER_MS) {
      problems.push({ problem: 'stale', detail: `no results have arrived for ${Math.round((now.getTime() - run.lastDataAt.getTime()) / 60000)} minutes.` });
    }
    for (const { problem, detail } of problems) {
      drafts.push({
        kind: 'RUN_ALERT',
        dedupeKey: `run:${run.id}:${problem}`,
        toEmail: run.user.email,
        userId: run.userId,
        cohortId: run.cohort.id,
        subjectId: run.id,
        payload: {
          cohortName: run.cohort.name,
          cohortSlug: run.cohort.slug,
          cohortTimeZone: run.cohort.timeZone,
          runId: run.id,
          runName: run.name ?? run.clientRunId,
          exerciseTitle: run.exercise.title,
          problem,
          detail,
        },
      });
    }
  }
  if (!drafts.length) return 0;
  const known = new Set((await db.notification.findMany({ where: { dedupeKey: { in: drafts.map((draft) => draft.dedupeKey) } }, select: { dedupeKey: true } })).map((row) => row.dedupeKey));
  const fresh = drafts.filter((draft) => !known.has(draft.dedupeKey));
  const byCohort = new Map<string, NotificationDraft<'RUN_ALERT'>[]>();
  for (const draft of fresh) byCohort.set(draft.cohortId!, [...(byCohort.get(draft.cohortId!) ?? []), draft]);
  let queued = 0;
  for (const [cohortId, cohortDrafts] of byCohort) {
    queued += await queueDeliverable(db, 'RUN_ALERT', cohortId, cohortDrafts);
  }
  return queued;
}
