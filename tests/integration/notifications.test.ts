// Notifications end to end on real PostgreSQL, the real queue and a real SMTP server, with the
// clock passed in (nothing sleeps): each kind goes at the right local time, once, to the right
// people, and never to someone who opted out, was disabled or left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { ensureGroupMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { inviteMembers } from '@/server/services/members/invite-members';
import { cancelMeeting, moveMeeting } from '@/server/services/meetings/manage-meetings';
import { sendAnnouncement } from '@/server/services/announcements/announcements';
import { planDueNotifications } from '@/server/services/notifications/plan-notifications';
import { setEmailPreferences, unsubscribeWithToken } from '@/server/services/notifications/preferences';
import { signUnsubscribeToken } from '@/server/services/notifications/unsubscribe-token';
import { importRoster } from '@/server/services/roster/import-roster';
import { asSystem, asUser, createCohort, createCurriculum, createGroup, createPerson, createUser, inCohort } from '../factories';
import { drainQueue, TEST_NOTIFICATION_SETTINGS } from '../support/notifications';
import { runCli } from './run-command';
import { createDevMailboxMailer } from '@/server/email/mailer';
import { deliverNotification } from '@/server/services/notifications/deliver-notification';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
});

function threeWeekCurriculum() {
  return createCurriculum({
    weeks: {
      create: [1, 2, 3].map((n) => ({
        position: n,
        number: n,
        title: `Topic ${n}`,
        sections: {
          create: [
            {
              position: 1,
              title: 'Core Readings',
              kind: 'CORE' as const,
              items: { create: [{ position: 1, title: `Reading ${n}a`, url: `https://example.com/${n}a`, minutes: 20 }, { position: 2, title: `Reading ${n}b`, minutes: 15 }] },
            },
          ],
        },
      })),
    },
  });
}

async function cohortIn(timeZone: string, startDate: string) {
  const curriculum = await threeWeekCurriculum();
  const cohort = await createCohort({ curriculumId: curriculum.id, timeZone, startDate: new Date(`${startDate}T00:00:00Z`), status: 'ACTIVE', name: `Cohort in ${timeZone}` });
  const group = await createGroup(cohort.id, { name: 'Group A', meetingDay: 3, meetingTime: '18:00', location: 'Room 101' });
  const facilitator = await createPerson(cohort.id, 'FACILITATOR', { name: 'Fay Facilitator', groupId: group.id });
  const fellows = [];
  for (let n = 1; n <= 3; n++) fellows.push(await createPerson(cohort.id, 'FELLOW', { name: `Fellow ${n}`, groupId: group.id }));
  await ensureGroupMeetings(db, group.id);
  return { cohort, group, facilitator, fellows };
}

async function sentTo(kind: string, cohortId?: string) {
  return db.notification.findMany({ where: { kind: kind as never, ...(cohortId ? { cohortId } : {}) }, select: { toEmail: true, status: true, userId: true, skippedReason: true } });
}

async function mailsAfter(count: number) {
  const all = await sink.parsed();
  return all.slice(count);
}

describe('weekly digests at the start of each week, in the cohort’s time zone', () => {
  it('Los Angeles across the spring-forward change and Tokyo: 08:00 local each week, once', async () => {
    // 2027-03-14 is the US change to daylight time: week 1 starts on PST, week 2 on PDT.
    const la = await cohortIn('America/Los_Angeles', '2027-03-08');
    const tokyo = await cohortIn('Asia/Tokyo', '2027-03-08');
    const ctx = asSystem();

    // 08:00 in Tokyo (UTC+9) on 8 March is 23:00 UTC on 7 March.
    await planDueNotifications(ctx, new Date('2027-03-07T22:59:00Z'));
    expect(await sentTo('WEEKLY_DIGEST')).toHaveLength(0);
    await planDueNotifications(ctx, new Date('2027-03-07T23:00:00Z'));
    expect((await sentTo('WEEKLY_DIGEST', tokyo.cohort.id)).map((n) => n.toEmail).sort()).toEqual(tokyo.fellows.map((f) => f.user.email).sort());
    expect(await sentTo('WEEKLY_DIGEST', la.cohort.id)).toHaveLength(0);

    // 08:00 PST is 16:00 UTC.
    await planDueNotifications(ctx, new Date('2027-03-08T15:59:00Z'));
    expect(await sentTo('WEEKLY_DIGEST', la.cohort.id)).toHaveLength(0);
    await planDueNotifications(ctx, new Date('2027-03-08T16:00:00Z'));
    await planDueNotifications(ctx, new Date('2027-03-08T16:01:00Z'));
    expect(await sentTo('WEEKLY_DIGEST', la.cohort.id)).toHaveLength(3);

    // Week 2: 08:00 PDT is 15:00 UTC (an hour earlier in UTC than week 1).
    await planDueNotifications(ctx, new Date('2027-03-15T14:59:00Z'));
    expect(await sentTo('WEEKLY_DIGEST', la.cohort.id)).toHaveLength(3);
    await planDueNotifications(ctx, new Date('2027-03-15T15:00:00Z'));
    expect(await sentTo('WEEKLY_DIGEST', la.cohort.id)).toHaveLength(6);

    const before = sink.messages.length;
    await drainQueue(sink);
    const mails = (await mailsAfter(before)).filter((mail) => mail.headers.get('x-fellowship-kind') === 'WEEKLY_DIGEST');
    // Tokyo's week 1 (3), LA's weeks 1 and 2 (3 each), and Tokyo's week 2 planned at 15:00 UTC on 15 March (after 08:00 JST).
    const tokyoWeek2 = (await sentTo('WEEKLY_DIGEST', tokyo.cohort.id)).length - 3;
    expect(mails).toHaveLength(9 + tokyoWeek2);
    const laWeek2 = mails.find((mail) => mail.subject === 'Week 2: Topic 2' && mail.to && JSON.stringify(mail.to).includes(la.fellows[0]!.user.email))!;
    expect(laWeek2).toBeDefined();
    expect(laWeek2.text).toContain('Reading 2a');
    expect(laWeek2.text).toContain('Still open from earlier weeks');
    expect(laWeek2.text).toContain('Reading 1a');
    expect(laWeek2.text).toContain('Your facilitator: Fay Facilitator');
    // The next meeting, Wednesday of week 2, in Los Angeles time (now daylight time), with its .ics.
    expect(laWeek2.text).toContain('Wednesday 17 March, 18:00–19:30 (America/Los_Angeles, GMT-7)');
    expect(laWeek2.attachments.map((file) => file.contentType)).toEqual(['text/calendar']);
    expect(laWeek2.attachments[0]!.content.toString()).toContain('DTSTART:20270318T010000Z');
    const laWeek1 = mails.find((mail) => mail.subject === 'Week 1: Topic 1' && JSON.stringify(mail.to).includes(la.fellows[0]!.user.email))!;
    expect(laWeek1.text).toContain('Wednesday 10 March, 18:00–19:30 (America/Los_Angeles, GMT-8)');
    const tokyoWeek1 = mails.find((mail) => JSON.stringify(mail.to).includes(tokyo.fellows[0]!.user.email))!;
    expect(tokyoWeek1.text).toContain('Wednesday 10 March, 18:00–19:30 (Asia/Tokyo, GMT+9)');
    expect(laWeek2.html).toContain('Cohort in America/Los_Angeles');
    expect(laWeek2.messageId).toMatch(/^<[a-z0-9]+@fellowship\.test>$/);
    // Headers unfolded (RFC 5322: a long header continues on lines that start with white space).
    const raw = sink.messages.find((message) => message.parsed === laWeek2)!.raw.replace(/\r?\n[ \t]+/g, ' ');
    expect(raw).toMatch(/^List-Unsubscribe: <http:\/\/fellowship\.test\/api\/unsubscribe\?token=[\w.%-]+>\r?$/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect((await sentTo('WEEKLY_DIGEST')).every((n) => n.status === 'SENT')).toBe(true);
  });

  it('nobody disabled, opted out or gone gets one; an archived cohort sends none', async () => {
    const world = await cohortIn('Europe/London', '2027-05-03');
    const [optedOut, disabled, leaving] = world.fellows;
    await setEmailPreferences(asUser(optedOut!.user), { topics: { DIGEST: false } });
    await db.user.update({ where: { id: disabled!.user.id }, data: { disabledAt: new Date() } });
    await planDueNotifications(asSystem(), new Date('2027-05-03T07:00:00Z'));
    const queued = await sentTo('WEEKLY_DIGEST', world.cohort.id);
    expect(queued.map((n) => n.userId)).toEqual([leaving!.user.id]);
    // Leaves between queueing and sending: skipped, not sent.
    await db.membership.delete({ where: { id: leaving!.membership.id } });
    const before = sink.messages.length;
    await drainQueue(sink);
    expect(sink.messages.length).toBe(before);
    expect((await sentTo('WEEKLY_DIGEST', world.cohort.id))[0]).toMatchObject({ status: 'SKIPPED', skippedReason: 'They are no longer in the cohort.' });

    const archived = await cohortIn('Europe/London', '2027-05-03');
    await db.cohort.update({ where: { id: archived.cohort.id }, data: { status: 'ARCHIVED' } });
    await planDueNotifications(asSystem(), new Date('2027-05-03T07:30:00Z'));
    expect(await sentTo('WEEKLY_DIGEST', archived.cohort.id)).toHaveLength(0);
  });
});

describe('meetings: reminders, prep notes and notices at the right local time', () => {
  it('reminders 24 hours before and prep notes the day before at 08:00, in Los Angeles (after the change) and Tokyo', async () => {
    const la = await cohortIn('America/Los_Angeles', '2027-03-08');
    const tokyo = await cohortIn('Asia/Tokyo', '2027-03-08');
    const ctx = asSystem();
    const count = async (kind: string, cohortId: string) => (await sentTo(kind, cohortId)).length;
    // Week 2's meetings: Wednesday 17 March 18:00 local = 09:00 UTC on the 17th (Tokyo), 01:00 UTC on the 18th (LA, PDT).
    // Taken in the order they fall due. Tokyo's prep note: Tuesday 16 March 08:00 JST = 15 March 23:00 UTC.
    await planDueNotifications(ctx, new Date('2027-03-15T22:59:00Z'), { atRisk: false });
    const tokyoPrepBefore = await count('PREP_NOTE', tokyo.cohort.id);
    await planDueNotifications(ctx, new Date('2027-03-15T23:00:00Z'), { atRisk: false });
    expect((await count('PREP_NOTE', tokyo.cohort.id)) - tokyoPrepBefore).toBe(1);
    // Tokyo's reminder: 24 hours before, 16 March 09:00 UTC.
    await planDueNotifications(ctx, new Date('2027-03-16T08:59:00Z'), { atRisk: false });
    const tokyoRemindersBefore = await count('MEETING_REMINDER', tokyo.cohort.id);
    const laRemindersBefore = await count('MEETING_REMINDER', la.cohort.id);
    await planDueNotifications(ctx, new Date('2027-03-16T09:00:00Z'), { atRisk: false });
    expect((await count('MEETING_REMINDER', tokyo.cohort.id)) - tokyoRemindersBefore).toBe(4); // three fellows and the facilitator
    expect(await count('MEETING_REMINDER', la.cohort.id)).toBe(laRemindersBefore);
    // LA's prep note: Tuesday 16 March 08:00 PDT = 15:00 UTC.
    await planDueNotifications(ctx, new Date('2027-03-16T14:59:00Z'), { atRisk: false });
    const laPrepBefore = await count('PREP_NOTE', la.cohort.id);
    await planDueNotifications(ctx, new Date('2027-03-16T15:00:00Z'), { atRisk: false });
    expect((await count('PREP_NOTE', la.cohort.id)) - laPrepBefore).toBe(1);
    // LA's reminder: 17 March 01:00 UTC; once.
    await planDueNotifications(ctx, new Date('2027-03-17T00:59:00Z'), { atRisk: false });
    expect(await count('MEETING_REMINDER', la.cohort.id)).toBe(laRemindersBefore);
    await planDueNotifications(ctx, new Date('2027-03-17T01:00:00Z'), { atRisk: false });
    await planDueNotifications(ctx, new Date('2027-03-17T01:05:00Z'), { atRisk: false });
    expect((await count('MEETING_REMINDER', la.cohort.id)) - laRemindersBefore).toBe(4);

    const start = sink.messages.length;
    await drainQueue(sink, new Date('2027-03-17T01:05:00Z'));
    const mails = await mailsAfter(start);
    const prep = mails.find((mail) => mail.headers.get('x-fellowship-kind') === 'PREP_NOTE' && JSON.stringify(mail.to).includes(la.facilitator.user.email))!;
    expect(prep.subject).toBe('Prep for tomorrow: Group A, Week 2: Topic 2');
    expect(prep.text).toContain('Fellow 1');
    expect(prep.text).toContain('0 of 2 read');
    const reminder = mails.find((mail) => mail.headers.get('x-fellowship-kind') === 'MEETING_REMINDER' && JSON.stringify(mail.to).includes(tokyo.fellows[0]!.user.email))!;
    expect(reminder.text).toContain('Wednesday 17 March, 18:00–19:30 (Asia/Tokyo, GMT+9)');
  });

  it('a moved meeting sends one notice to each member of the group, with the old and the new time', async () => {
    const world = await cohortIn('Europe/London', '2030-01-07');
    const meeting = await db.meeting.findFirstOrThrow({ where: { groupId: world.group.id }, orderBy: { startsAt: 'asc' } });
    const admin = await createUser({ isAdmin: true });
    const ctx = inCohort({ cohortId: world.cohort.id, cohortSlug: world.cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] }, admin);
    await moveMeeting(ctx, { meetingId: meeting.id, date: '2030-01-10', time: '19:00', minutes: 90, location: 'Room 101', videoUrl: null });
    const notices = await sentTo('MEETING_CHANGE', world.cohort.id);
    expect(notices.map((n) => n.userId).sort()).toEqual([world.facilitator.user.id, ...world.fellows.map((f) => f.user.id)].sort());
    const start = sink.messages.length;
    await drainQueue(sink);
    const mails = (await mailsAfter(start)).filter((mail) => mail.headers.get('x-fellowship-kind') === 'MEETING_CHANGE');
    expect(mails).toHaveLength(4);
    expect(mails[0]!.subject).toBe('A meeting has moved: Group A');
    expect(mails[0]!.text).toContain('Wednesday 9 January, 18:00–19:30');
    expect(mails[0]!.text).toContain('Thursday 10 January, 19:00–20:30');
    expect(mails[0]!.attachments[0]!.content.toString()).toContain('UID:meeting-');
  });
});

describe('nobody opted out or disabled gets any kind', () => {
  it('reminders, prep notes, notices, at-risk alerts and nudges, announcements and run alerts skip them', async () => {
    const world = await cohortIn('Europe/London', '2031-01-06');
    await db.cohort.update({ where: { id: world.cohort.id }, data: { atRiskNudges: true } });
    const [optedOut, disabled, reachable] = world.fellows;
    await setEmailPreferences(asUser(optedOut!.user), { topics: { MEETINGS: false, AT_RISK: false, ANNOUNCEMENTS: false, RUN_ALERTS: false, DIGEST: false } });
    await setEmailPreferences(asUser(reachable!.user), { topics: { RUN_ALERTS: true } });
    await setEmailPreferences(asUser(disabled!.user), { topics: { RUN_ALERTS: true } });
    await db.user.update({ where: { id: disabled!.user.id }, data: { disabledAt: new Date() } });
    const admin = await createUser({ isAdmin: true, name: 'Ada Admin' });
    const adminCtx = inCohort({ cohortId: world.cohort.id, cohortSlug: world.cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] }, admin);

    // Reminders and prep notes: the day before the first meeting (Wednesday 8 January 18:00).
    await planDueNotifications(asSystem(), new Date('2031-01-07T18:30:00Z'), { atRisk: false });
    // At risk: after two missed weeks nobody has ticked anything.
    await planDueNotifications(asSystem(), new Date('2031-01-21T12:00:00Z'), { atRisk: true });
    const meeting = await db.meeting.findFirstOrThrow({ where: { groupId: world.group.id, startsAt: { gt: new Date('2031-01-21T12:00:00Z') } }, orderBy: { startsAt: 'asc' } });
    await cancelMeeting(adminCtx, { meetingId: meeting.id });
    await sendAnnouncement(adminCtx, { subject: 'Hello', body: 'Welcome, everyone.' });
    // Run alerts: a failed run for each of the three fellows.
    const exercise = await db.curriculumItem.findFirstOrThrow({ where: { section: { week: { curriculumId: world.cohort.curriculumId } } } });
    for (const fellow of world.fellows) {
      await db.run.create({ data: { cohortId: world.cohort.id, userId: fellow.user.id, exerciseItemId: exercise.id, clientRunId: `run-${fellow.user.id}`, status: 'FAILED', finishedAt: new Date('2031-01-21T11:00:00Z') } });
    }
    await planDueNotifications(asSystem(), new Date('2031-01-21T12:01:00Z'), { atRisk: false });

    const byKind = new Map<string, Set<string>>();
    for (const row of await db.notification.findMany({ where: { cohortId: world.cohort.id }, select: { kind: true, userId: true } })) {
      byKind.set(row.kind, (byKind.get(row.kind) ?? new Set()).add(row.userId!));
    }
    for (const kind of ['MEETING_REMINDER', 'MEETING_CHANGE', 'AT_RISK_NUDGE', 'ANNOUNCEMENT', 'RUN_ALERT']) {
      expect([...(byKind.get(kind) ?? [])], kind).toContain(reachable!.user.id);
      expect([...(byKind.get(kind) ?? [])], kind).not.toContain(optedOut!.user.id);
      expect([...(byKind.get(kind) ?? [])], kind).not.toContain(disabled!.user.id);
    }
    // Facilitators' kinds: the facilitator is told about each fellow at risk; prep notes go to them alone.
    expect([...(byKind.get('PREP_NOTE') ?? [])]).toEqual([world.facilitator.user.id]);
    expect([...(byKind.get('AT_RISK_ALERT') ?? [])]).toEqual([world.facilitator.user.id]);
    // Told once: planning again later adds no alert.
    const alerts = await db.notification.count({ where: { cohortId: world.cohort.id, kind: 'AT_RISK_ALERT' } });
    await planDueNotifications(asSystem(), new Date('2031-01-21T13:00:00Z'), { atRisk: true });
    expect(await db.notification.count({ where: { cohortId: world.cohort.id, kind: 'AT_RISK_ALERT' } })).toBe(alerts);
    // The announcement counts everyone, shows on their home, and emails only the reachable.
    const announcement = await db.announcement.findFirstOrThrow({ where: { cohortId: world.cohort.id } });
    expect(announcement.recipientCount).toBe(4);
  });
});

describe('invitations', () => {
  it('a roster import of 30 people sends 30 invitations, once', async () => {
    const admin = await createUser({ name: 'Ada Admin', isAdmin: true });
    const cohort = await createCohort({ status: 'ACTIVE', name: 'Roster cohort' });
    const access: CohortAccess = { cohortId: cohort.id, cohortSlug: cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] };
    const csv = ['name,email,role,group', ...Array.from({ length: 30 }, (_, n) => `Person ${n},person${n}@roster-mail.test,fellow,Group R`)].join('\n');
    const result = await importRoster(inCohort(access, admin), { csv, createMissingGroups: true });
    expect(result.preview.invitationEmails).toBe(30);
    expect(result.emailed).toBe(30);
    const before = sink.messages.length;
    await drainQueue(sink);
    await drainQueue(sink);
    const mails = (await mailsAfter(before)).filter((mail) => JSON.stringify(mail.to).includes('@roster-mail.test'));
    expect(mails).toHaveLength(30);
    expect(new Set(mails.map((mail) => JSON.stringify(mail.to))).size).toBe(30);
    expect(mails[0]!.subject).toBe("You're invited to Roster cohort");
    expect(mails[0]!.text).toContain('Ada Admin added you');
    // Invitations cannot be turned off: no unsubscribe header.
    expect(sink.messages.find((message) => message.to[0]!.endsWith('@roster-mail.test'))!.raw).not.toMatch(/^List-Unsubscribe/m);
  });

  it('inviting by address emails each; "later" emails nobody; a refused address is marked bouncing', async () => {
    const refusing = await startSmtpSink({ refuse: (rcpt) => (rcpt.startsWith('nobody') ? 550 : null) });
    try {
      const admin = await createUser({ name: 'Ada Admin', isAdmin: true });
      const cohort = await createCohort({ status: 'ACTIVE' });
      const ctx = inCohort({ cohortId: cohort.id, cohortSlug: cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] }, admin);
      const later = await inviteMembers(ctx, { emails: 'later@invite.test', sendEmail: false });
      expect(later.emailed).toBe(0);
      const now = await inviteMembers(ctx, { emails: 'one@invite.test, nobody@invite.test' });
      expect(now.emailed).toBe(2);
      await drainQueue(refusing);
      expect(refusing.messages.map((m) => m.to[0])).toEqual(['one@invite.test']);
      const failed = await db.notification.findFirstOrThrow({ where: { toEmail: 'nobody@invite.test' } });
      expect(failed.status).toBe('FAILED');
      expect(failed.lastError).toContain('No such user');
      expect(await db.bouncingAddress.findUnique({ where: { email: 'nobody@invite.test' } })).not.toBeNull();
      // Nothing more goes to a bouncing address.
      const again = await inviteMembers(ctx, { emails: 'nobody@invite.test' });
      expect(again.emailed).toBe(0);
    } finally {
      await refusing.stop();
    }
  });
});

describe('the command line', () => {
  it('jobs status lists failed sends and bouncing addresses, jobs retry queues one again, notify preview renders a kind', async () => {
    const refusing = await startSmtpSink({ refuse: (rcpt) => (rcpt.startsWith('refused') ? 550 : null) });
    try {
      const admin = await createUser({ name: 'Ada Admin', isAdmin: true });
      const cohort = await createCohort({ status: 'ACTIVE', name: 'CLI cohort' });
      const ctx = inCohort({ cohortId: cohort.id, cohortSlug: cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] }, admin);
      await inviteMembers(ctx, { emails: 'refused-cli@invite.test' });
      await drainQueue(refusing);
    } finally {
      await refusing.stop();
    }
    const failed = await db.notification.findFirstOrThrow({ where: { toEmail: 'refused-cli@invite.test' } });
    const status = await runCli(['jobs', 'status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    const overview = JSON.parse(status.stdout) as { kinds: { kind: string; failed: number; bouncing: number }[]; failed: { id: string }[]; bouncing: { email: string }[] };
    expect(overview.kinds.find((row) => row.kind === 'INVITATION')!.bouncing).toBeGreaterThanOrEqual(1);
    expect(overview.failed.map((row) => row.id)).toContain(failed.id);
    expect(overview.bouncing.map((row) => row.email)).toContain('refused-cli@invite.test');

    const retried = await runCli(['jobs', 'retry', failed.id]);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toContain(`Queued ${failed.id} again.`);
    expect((await db.notification.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe('QUEUED');
    expect(await db.bouncingAddress.findUnique({ where: { email: 'refused-cli@invite.test' } })).toBeNull();
    const again = await runCli(['jobs', 'retry', failed.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Only a failed email can be retried');

    const world = await cohortIn('Europe/London', '2032-01-05');
    const preview = await runCli(['notify', 'preview', 'weekly-digest', '--cohort', world.cohort.slug, '--json']);
    expect(preview.code, preview.stderr).toBe(0);
    const rendered = JSON.parse(preview.stdout) as { subject: string; text: string; html: string };
    expect(rendered.subject).toMatch(/^Week \d: Topic \d$/);
    expect(rendered.html).toContain('Cohort in Europe/London');
    const unknown = await runCli(['notify', 'preview', 'newsletter']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('use one of invitation, weekly-digest');
  }, 60_000);
});

describe('delivery', () => {
  it('a temporary SMTP error is retried with the same Message-ID until the server takes it', async () => {
    let refuse = true;
    const busy = await startSmtpSink({ refuse: (rcpt) => (refuse && rcpt.startsWith('busy') ? 451 : null) });
    try {
      const admin = await createUser({ isAdmin: true });
      const cohort = await createCohort({ status: 'ACTIVE' });
      const ctx = inCohort({ cohortId: cohort.id, cohortSlug: cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] }, admin);
      await inviteMembers(ctx, { emails: 'busy-mailbox@invite.test' });
      await drainQueue(busy);
      const waiting = await db.notification.findFirstOrThrow({ where: { toEmail: 'busy-mailbox@invite.test' } });
      expect(waiting).toMatchObject({ status: 'QUEUED', attempts: 1 });
      expect(waiting.lastError).toContain('Mailbox busy');
      expect(await db.bouncingAddress.findUnique({ where: { email: 'busy-mailbox@invite.test' } })).toBeNull();
      // The queue waits before the next attempt (backoff); bring it forward rather than sleep.
      await db.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${`notify:${waiting.id}`}`;
      refuse = false;
      await drainQueue(busy);
      expect(await db.notification.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
      const delivered = busy.messages.filter((message) => message.to[0] === 'busy-mailbox@invite.test');
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.raw).toContain(`Message-ID: <${waiting.id}@fellowship.test>`);
    } finally {
      await busy.stop();
    }
  });

  it('in local mode without SMTP the dev mailbox keeps every email, rendered', async () => {
    const admin = await createUser({ isAdmin: true });
    const cohort = await createCohort({ status: 'ACTIVE', name: 'Mailbox cohort' });
    const ctx = inCohort({ cohortId: cohort.id, cohortSlug: cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] }, admin);
    await inviteMembers(ctx, { emails: 'mailbox@invite.test' });
    const notification = await db.notification.findFirstOrThrow({ where: { toEmail: 'mailbox@invite.test' } });
    await deliverNotification(asSystem(), createDevMailboxMailer(db), TEST_NOTIFICATION_SETTINGS, notification.id, { number: 1, max: 8 });
    const kept = await db.devMailboxMessage.findFirstOrThrow({ where: { to: 'mailbox@invite.test' } });
    expect(kept).toMatchObject({ subject: "You're invited to Mailbox cohort", kind: 'INVITATION' });
    expect(kept.html).toContain('Sign in and join');
    expect(kept.url).toBe(`http://fellowship.test/cohorts/${cohort.slug}`);
  });
});

describe('one-click unsubscribe', () => {
  it('a signed token turns the topic off; a tampered or foreign one changes nothing', async () => {
    const person = await createUser();
    const secret = TEST_NOTIFICATION_SETTINGS.secret;
    const token = signUnsubscribeToken(secret, person.id, 'DIGEST');
    const [body, sig] = token.split('.');
    const other = await createUser();
    const forged = `${Buffer.from(`${other.id}:DIGEST`).toString('base64url')}.${sig}`;
    expect(await unsubscribeWithToken(asSystem(), { token: `${body}.${sig!.slice(0, -2)}xx`, secret })).toEqual({ ok: false });
    expect(await unsubscribeWithToken(asSystem(), { token: forged, secret })).toEqual({ ok: false });
    expect(await unsubscribeWithToken(asSystem(), { token, secret: 'another-site-secret-another-site-secret' })).toEqual({ ok: false });
    expect(await db.emailPreference.count({ where: { userId: { in: [person.id, other.id] } } })).toBe(0);
    expect(await unsubscribeWithToken(asSystem(), { token, secret })).toMatchObject({ ok: true, topic: 'DIGEST' });
    expect(await db.emailPreference.findMany({ where: { userId: person.id }, select: { topic: true, enabled: true } })).toEqual([{ topic: 'DIGEST', enabled: false }]);
  });
});
