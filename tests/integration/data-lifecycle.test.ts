// The data lifecycle (ADR 0030): a person downloads everything kept about them and nothing of
// anyone else's; an admin erases a person, whose personal data goes while the cohort's figures
// stay the same; retention deletes only what is past its time, in batches.
import { parseCrontab } from 'graphile-worker';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { GET as exportRoute } from '@/app/(app)/account/export/route';
import { GET as pointsRoute } from '@/app/(app)/account/export/metric-points.csv/route';
import { createApiToken } from '@/server/services/api-tokens/api-tokens';
import { createSession } from '@/server/services/auth/sessions';
import { exportMetricPointsCsv, exportPersonalData } from '@/server/services/account/export-personal-data';
import { getCohortOverview } from '@/server/services/standing/cohort-overview';
import { clearBouncingAddress } from '@/server/services/notifications/notification-overview';
import { DEFAULT_RETENTION, pruneExpiredData } from '@/server/services/retention/prune-expired-data';
import { eraseUser } from '@/server/services/users/erase-user';
import { setDisabled } from '@/server/services/users/manage-users';
import { recordAudit } from '@/server/services/audit/record-audit';
import { crontabFor, PLAN_TASK, PRUNE_TASK } from '@/server/jobs/worker';
import { AppError } from '@/server/errors';
import { asCohortAdmin, asSystem, asUser, createCohort, createCurriculum, createGroup, createPerson, createUser } from '../factories';
import { runCli } from './run-command';

const DAY = 24 * 60 * 60 * 1000;
const POINTS = 4_500; // more than two pages of the export's 2,000
const policy = { maxAgeMs: 30 * DAY, idleMs: 14 * DAY };

/** Each part of this file starts from empty tables (the job queue's schema aside). */
async function resetDatabase() {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_%'`;
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
}

async function collect(pieces: AsyncGenerator<string>): Promise<{ text: string; pieces: number; largest: number }> {
  let text = '';
  let count = 0;
  let largest = 0;
  for await (const piece of pieces) {
    text += piece;
    count += 1;
    largest = Math.max(largest, piece.length);
  }
  return { text, pieces: count, largest };
}

/**
 * A running cohort three weeks in: Ada and Bob are fellows of one group; each ticked, answered,
 * checked in, was marked at a held meeting and trained; Ada also applied, painted availability,
 * holds a certificate, an API token, a session and a sign-in link, and is named in the audit log.
 */
async function buildWorld() {
  const now = new Date();
  const admin = await createUser({ name: 'Grace Admin', email: `grace-${now.getTime()}@lifecycle.test`, isAdmin: true });
  const curriculum = await createCurriculum();
  const cohort = await createCohort({ curriculumId: curriculum.id, status: 'ACTIVE', startDate: new Date(now.getTime() - 21 * DAY), timeZone: 'UTC' });
  const group = await createGroup(cohort.id, { name: 'Group Lovelace' });
  const ada = await createPerson(cohort.id, 'FELLOW', { name: 'Ada Lovelace', email: `ada-${now.getTime()}@lifecycle.test`, groupId: group.id });
  const bob = await createPerson(cohort.id, 'FELLOW', { name: 'Bob Babbage', email: `bob-${now.getTime()}@lifecycle.test`, groupId: group.id });
  const week = await db.curriculumWeek.findFirstOrThrow({ where: { curriculumId: curriculum.id }, select: { id: true, sections: { select: { items: { select: { id: true }, orderBy: { position: 'asc' } } } } } });
  const [reading1, reading2] = week.sections[0]!.items;

  const meeting = await db.meeting.create({ data: { groupId: group.id, weekPosition: 1, startsAt: new Date(now.getTime() - 14 * DAY) } });
  await db.attendance.create({ data: { meetingId: meeting.id, membershipId: ada.membership.id, status: 'PRESENT', note: 'Ada mentioned her new job' } });
  await db.attendance.create({ data: { meetingId: meeting.id, membershipId: bob.membership.id, status: 'ABSENT', note: 'Bob was ill' } });
  await db.attendanceChange.create({ data: { meetingId: meeting.id, membershipId: ada.membership.id, toStatus: 'PRESENT', toNote: 'Ada mentioned her new job', changedById: admin.id } });
  await db.readingProgress.createMany({ data: [{ membershipId: ada.membership.id, itemId: reading1!.id }, { membershipId: ada.membership.id, itemId: reading2!.id }, { membershipId: bob.membership.id, itemId: reading1!.id }] });
  const prompt = await db.curriculumPrompt.create({ data: { curriculumId: curriculum.id, weekId: week.id, position: 1, text: 'What surprised you?' } });
  await db.promptResponse.create({ data: { membershipId: ada.membership.id, promptId: prompt.id, text: 'Ada’s private musings on engines' } });
  await db.promptResponse.create({ data: { membershipId: bob.membership.id, promptId: prompt.id, text: 'Bob’s answer about gears' } });
  await db.weekReflection.create({ data: { membershipId: ada.membership.id, weekId: week.id, text: 'Ada’s week note' } });
  await db.weekCheckIn.create({ data: { membershipId: ada.membership.id, weekId: week.id, rating: 4, comment: 'Ada loved the readings' } });
  await db.weekCheckIn.create({ data: { membershipId: bob.membership.id, weekId: week.id, rating: 2, comment: 'Bob found it long' } });
  const textQuestion = await db.surveyQuestion.create({ data: { cohortId: cohort.id, position: 1, kind: 'TEXT', label: 'What would you change?' } });
  const ratingQuestion = await db.surveyQuestion.create({ data: { cohortId: cohort.id, position: 2, kind: 'RATING', label: 'How useful was it?' } });
  await db.surveyResponse.create({ data: { membershipId: ada.membership.id, cohortId: cohort.id, answers: { [textQuestion.id]: 'Ada’s survey text', [ratingQuestion.id]: 5 } } });
  await db.groupSwitchRequest.create({ data: { membershipId: ada.membership.id, fromGroupId: group.id, toGroupId: group.id, scope: 'ONE_WEEK', reason: 'Ada has a dentist appointment' } });

  await db.applicationForm.create({ data: { cohortId: cohort.id, isOpen: true } });
  const question = await db.applicationQuestion.create({ data: { cohortId: cohort.id, position: 1, kind: 'LONG_TEXT', label: 'Why do you apply?' } });
  const application = await db.application.create({
    data: { cohortId: cohort.id, email: ada.user.email, userId: ada.user.id, name: 'Ada Lovelace', status: 'ACCEPTED', answers: { [question.id]: 'Ada wants to learn about engines' } },
  });
  await db.applicationReview.create({ data: { applicationId: application.id, reviewerId: admin.id, score: 5, comment: 'Ada is brilliant' } });
  await db.availability.create({ data: { cohortId: cohort.id, userId: ada.user.id, timeZone: 'Europe/London', slots: [10, 11, 12] } });
  await db.certificate.create({
    data: { id: `cert${now.getTime()}`, cohortId: cohort.id, membershipId: ada.membership.id, kind: 'COMPLETION', holderName: 'Ada Lovelace', programme: 'Test', cohortName: 'Test cohort', startsOn: cohort.startDate, endsOn: now, pdf: new Uint8Array([37, 80, 68, 70]) },
  });

  const token = await createApiToken(asUser(admin), { userId: ada.user.id, cohort: cohort.slug, name: 'Ada’s laptop' });
  await db.verificationToken.create({ data: { identifier: ada.user.email, token: `signin-${now.getTime()}`, expires: new Date(now.getTime() + DAY) } });
  await db.notification.create({ data: { kind: 'WEEKLY_DIGEST', dedupeKey: `digest:test:${ada.user.id}`, toEmail: ada.user.email, userId: ada.user.id, cohortId: cohort.id, status: 'SENT', payload: { greeting: 'Hello Ada Lovelace' } } });
  await db.emailPreference.create({ data: { userId: ada.user.id, topic: 'DIGEST', enabled: false } });
  await db.bouncingAddress.create({ data: { email: ada.user.email, reason: 'Refused 550' } });
  await clearBouncingAddress(asUser(admin), { email: ada.user.email });
  await db.bouncingAddress.create({ data: { email: ada.user.email, reason: 'Refused 550 again' } });
  // The log names her in an entry about her account, and in a bulk entry of her cohort.
  await setDisabled(asUser(admin), { userId: ada.user.id, disabled: true });
  await setDisabled(asUser(admin), { userId: ada.user.id, disabled: false });
  await recordAudit(db, asUser(admin), { action: 'certificates.issued', cohortId: cohort.id, summary: 'Issued 2 certificates: Ada Lovelace, Bob Babbage', after: { holders: ['Ada Lovelace', 'Bob Babbage'] } });
  // An entry in another cohort naming someone else with the same first name stays as it was.
  await recordAudit(db, asUser(admin), { action: 'certificates.issued', summary: 'Issued 1 certificate: Ada Byron' });
  // After the disabling above, which ended her sessions.
  const session = await createSession(db, ada.user.id, policy);

  const runOf = async (userId: string, name: string, points: number) => {
    const run = await db.run.create({ data: { cohortId: cohort.id, userId, exerciseItemId: reading1!.id, clientRunId: name, name, host: `${name}-macbook`, params: { lr: 0.001 } } });
    const series = await db.metricSeries.create({ data: { runId: run.id, key: 'loss', count: points } });
    const rows = Array.from({ length: points }, (_, step) => ({ seriesId: series.id, step, value: step === 7 ? Number.NaN : 1 / (step + 1) }));
    await db.metricPoint.createMany({ data: rows });
    return run;
  };
  const adaRun = await runOf(ada.user.id, 'ada-vae', POINTS);
  const bobRun = await runOf(bob.user.id, 'bob-vae', 3);

  return { now, admin, cohort, group, ada, bob, token, session, adaRun, bobRun, application };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

describe('downloading one’s data', () => {
  let world: World;
  beforeAll(async () => {
    await resetDatabase();
    world = await buildWorld();
  });

  it('holds everything about the person, streamed in pieces, and nothing of anyone else’s', async () => {
    const { text, pieces, largest } = await collect(exportPersonalData(asUser(world.ada.user)));
    // Written as it is read: many pieces, none of them the whole file.
    expect(pieces).toBeGreaterThan(20);
    expect(largest).toBeLessThan(text.length / 2);
    const data = JSON.parse(text);

    expect(data.format).toBe('fellowship-personal-data');
    expect(data.profile).toMatchObject({ id: world.ada.user.id, email: world.ada.user.email, name: 'Ada Lovelace' });
    expect(data.sessions).toHaveLength(1);
    expect(data.apiTokens).toEqual([expect.objectContaining({ name: 'Ada’s laptop', cohort: { slug: world.cohort.slug, name: world.cohort.name } })]);
    expect(data.emailPreferences).toEqual([expect.objectContaining({ topic: 'DIGEST', enabled: false })]);
    expect(data.emails).toEqual([expect.objectContaining({ kind: 'WEEKLY_DIGEST', status: 'SENT', toEmail: world.ada.user.email })]);

    const [membership] = data.memberships;
    expect(data.memberships).toHaveLength(1);
    expect(membership).toMatchObject({ role: 'FELLOW', group: 'Group Lovelace', cohort: { slug: world.cohort.slug } });
    expect(membership.readingsDone.map((row: { title: string }) => row.title).sort()).toEqual(['First reading', 'Second reading']);
    expect(membership.promptAnswers).toEqual([expect.objectContaining({ prompt: 'What surprised you?', answer: 'Ada’s private musings on engines' })]);
    expect(membership.weekNotes).toEqual([expect.objectContaining({ text: 'Ada’s week note' })]);
    expect(membership.checkIns).toEqual([expect.objectContaining({ rating: 4, comment: 'Ada loved the readings' })]);
    expect(membership.survey.answers).toEqual(
      expect.arrayContaining([
        { question: 'What would you change?', kind: 'TEXT', answer: 'Ada’s survey text' },
        { question: 'How useful was it?', kind: 'RATING', answer: 5 },
      ]),
    );
    expect(membership.attendance).toEqual([expect.objectContaining({ status: 'PRESENT', group: 'Group Lovelace' })]);
    expect(membership.groupSwitchRequests).toEqual([expect.objectContaining({ reason: 'Ada has a dentist appointment' })]);
    expect(membership.certificates).toEqual([expect.objectContaining({ holderName: 'Ada Lovelace', kind: 'COMPLETION' })]);
    expect(data.applications).toEqual([expect.objectContaining({ status: 'ACCEPTED', answers: [{ question: 'Why do you apply?', answer: 'Ada wants to learn about engines' }] })]);
    expect(data.availability).toEqual([expect.objectContaining({ cohort: world.cohort.slug, slots: [10, 11, 12] })]);

    expect(data.runs).toHaveLength(1);
    const [run] = data.runs;
    expect(run).toMatchObject({ id: world.adaRun.id, name: 'ada-vae', params: { lr: 0.001 }, host: 'ada-vae-macbook' });
    expect(run.metrics).toHaveLength(1);
    expect(run.metrics[0].key).toBe('loss');
    expect(run.metrics[0].points).toHaveLength(POINTS);
    expect(run.metrics[0].points[0]).toEqual([0, 1, null]);
    expect(run.metrics[0].points[7]).toEqual([7, 'NaN', null]);
    expect(run.metrics[0].points.at(-1)[0]).toBe(POINTS - 1);

    // Nobody else's data, and no secret.
    // Facilitators' notes and reviewers' comments are theirs to read, not the fellow's.
    for (const other of [world.bob.user.email, 'Bob Babbage', 'Bob’s answer', 'Bob found it long', 'Bob was ill', world.bobRun.id, 'Ada is brilliant', 'new job']) {
      expect(text, `the export holds ${other}`).not.toContain(other);
    }
    const secrets = await db.apiToken.findFirstOrThrow({ where: { userId: world.ada.user.id }, select: { tokenHash: true, prefix: true } });
    for (const secret of [world.token.token, secrets.tokenHash, secrets.prefix, world.session.sessionToken, 'signin-']) {
      expect(text).not.toContain(secret);
    }
  });

  it('gives the metric points as CSV, one line each', async () => {
    const { text } = await collect(exportMetricPointsCsv(asUser(world.ada.user)));
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(POINTS);
    expect(rows[0]).toEqual({ run_id: world.adaRun.id, run_name: 'ada-vae', cohort: world.cohort.slug, exercise: '', metric: 'loss', step: '0', value: '1', time: '' });
    expect(rows[7]!.value).toBe('NaN');
    expect(text).not.toContain(world.bobRun.id);
  });

  it('is served to the signed-in person only, as a download', async () => {
    const signedOut = await exportRoute(new Request('http://localhost/account/export'), { params: Promise.resolve({}) });
    expect(signedOut.status).toBe(401);

    const cookie = `next-auth.session-token=${world.session.sessionToken}`;
    const response = await exportRoute(new Request('http://localhost/account/export', { headers: { cookie } }), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="fellowship-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body.profile.email).toBe(world.ada.user.email);

    const csv = await pointsRoute(new Request('http://localhost/account/export/metric-points.csv', { headers: { cookie } }), { params: Promise.resolve({}) });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).trim().split('\n')).toHaveLength(POINTS + 1);
  });
});

/** Every row of every table of the app (and the job queue) that mentions `needle`, by table. */
async function tablesMentioning(needle: string): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ schema: string; name: string }[]>`
    SELECT schemaname AS schema, tablename AS name FROM pg_tables
    WHERE schemaname IN (current_schema(), 'graphile_worker') AND tablename <> '_prisma_migrations'`;
  const found: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM "${table.schema}"."${table.name}" t WHERE strpos(lower(t::text), lower($1)) > 0`,
      needle,
    );
    if (row!.count) found[`${table.schema}.${table.name}`] = row!.count;
  }
  return found;
}

/** The cohort's figures: rates, counts and week-by-week trends, without names. */
async function cohortFigures(world: World) {
  const overview = await getCohortOverview(asCohortAdmin(world.cohort, world.now));
  return { totals: overview.totals, groups: overview.groups.map(({ facilitators: _f, ...group }) => group), trends: overview.trends, standingCounts: overview.standingCounts, coreDue: overview.coreDue };
}

describe('erasing a person', () => {
  let world: World;
  beforeAll(async () => {
    await resetDatabase();
    world = await buildWorld();
  });

  it('refuses a wrong address, one’s own account and the last admin', async () => {
    const admin = asUser(world.admin);
    await expect(eraseUser(admin, { userId: world.ada.user.id, confirmEmail: world.bob.user.email })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(eraseUser(admin, { userId: world.admin.id, confirmEmail: world.admin.email })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Another admin may not erase the only admin who can sign in.
    const disabledAdmin = await createUser({ isAdmin: true, disabledAt: new Date() });
    const lastAdminCount = await db.user.count({ where: { isAdmin: true, disabledAt: null } });
    expect(lastAdminCount).toBeGreaterThan(0);
    await db.user.updateMany({ where: { isAdmin: true, disabledAt: null, id: { not: world.admin.id } }, data: { isAdmin: false } });
    await expect(eraseUser(asUser({ ...disabledAdmin, isAdmin: true }), { userId: world.admin.id, confirmEmail: world.admin.email })).rejects.toSatisfy(
      (error) => error instanceof AppError && error.code === 'CONFLICT' && /last admin/.test(error.message),
    );
    expect(await db.user.count({ where: { erasedAt: { not: null } } })).toBe(0);
  });

  it('removes the personal data, keeps the cohort’s figures and records it without the name or address', async () => {
    const { ada, bob } = world;
    const figuresBefore = await cohortFigures(world);
    expect(figuresBefore.totals.attendanceRate).toBe(0.5);
    const eventsBefore = await db.auditEvent.count();

    const result = await eraseUser(asUser(world.admin), { userId: ada.user.id, confirmEmail: ` ${ada.user.email.toUpperCase()} ` });
    expect(result).toMatchObject({ id: ada.user.id, alreadyErased: false, name: 'Erased person', email: `erased-${ada.user.id}@invalid` });

    // The same figures, to the last number.
    expect(await cohortFigures(world)).toEqual(figuresBefore);

    // Nothing anywhere holds her address or her name any more (the certificate of another cohort
    // naming "Ada Byron" is someone else and stays).
    expect(await tablesMentioning(ada.user.email)).toEqual({});
    expect(await tablesMentioning('Ada Lovelace')).toEqual({});
    for (const words of ['private musings', 'Ada’s week note', 'Ada loved the readings', 'Ada’s survey text', 'new job', 'dentist', 'Ada wants to learn', 'Ada is brilliant', 'ada-vae-macbook']) {
      expect(await tablesMentioning(words), words).toEqual({});
    }
    expect(await db.auditEvent.count({ where: { summary: 'Issued 1 certificate: Ada Byron' } })).toBe(1);

    const user = await db.user.findUniqueOrThrow({ where: { id: ada.user.id } });
    expect(user).toMatchObject({ name: 'Erased person', email: `erased-${ada.user.id}@invalid`, isAdmin: false, certificateName: null, image: null, timeZone: null });
    expect(user.disabledAt).not.toBeNull();
    expect(user.erasedAt).not.toBeNull();
    for (const [kind, count] of Object.entries({
      session: await db.session.count({ where: { userId: ada.user.id } }),
      apiToken: await db.apiToken.count({ where: { userId: ada.user.id } }),
      verificationToken: await db.verificationToken.count({ where: { identifier: ada.user.email } }),
      notification: await db.notification.count({ where: { userId: ada.user.id } }),
      emailPreference: await db.emailPreference.count({ where: { userId: ada.user.id } }),
      availability: await db.availability.count({ where: { userId: ada.user.id } }),
      weekReflection: await db.weekReflection.count({ where: { membershipId: ada.membership.id } }),
    })) {
      expect(count, kind).toBe(0);
    }
    // Counted rows stay, their words blanked.
    expect(await db.membership.count({ where: { userId: ada.user.id } })).toBe(1);
    expect(await db.readingProgress.count({ where: { membershipId: ada.membership.id } })).toBe(2);
    expect(await db.promptResponse.findMany({ where: { membershipId: ada.membership.id }, select: { text: true } })).toEqual([{ text: '' }]);
    expect(await db.weekCheckIn.findMany({ where: { membershipId: ada.membership.id }, select: { rating: true, comment: true } })).toEqual([{ rating: 4, comment: '' }]);
    const survey = await db.surveyResponse.findUniqueOrThrow({ where: { membershipId: ada.membership.id } });
    expect(Object.values(survey.answers as object)).toEqual([5]);
    expect(await db.attendance.findFirstOrThrow({ where: { membershipId: ada.membership.id } })).toMatchObject({ status: 'PRESENT', note: null });
    expect(await db.applicationReview.findFirstOrThrow({ where: { applicationId: world.application.id } })).toMatchObject({ score: 5, comment: '' });
    expect(await db.application.findUniqueOrThrow({ where: { id: world.application.id } })).toMatchObject({ status: 'ACCEPTED', name: 'Erased person', answers: {} });
    const certificate = await db.certificate.findFirstOrThrow({ where: { membershipId: ada.membership.id } });
    expect(certificate).toMatchObject({ holderName: 'Erased person', revokedReason: expect.stringContaining('erased') });
    expect(certificate.revokedAt).not.toBeNull();
    expect(certificate.pdf.length).toBe(0);
    expect(await db.metricPoint.count({ where: { series: { runId: world.adaRun.id } } })).toBe(POINTS);

    // Bob is untouched.
    expect(await db.promptResponse.findFirstOrThrow({ where: { membershipId: bob.membership.id } })).toMatchObject({ text: 'Bob’s answer about gears' });
    expect(await db.attendance.findFirstOrThrow({ where: { membershipId: bob.membership.id } })).toMatchObject({ note: 'Bob was ill' });
    expect(await db.user.findUniqueOrThrow({ where: { id: bob.user.id } })).toMatchObject({ name: 'Bob Babbage', email: bob.user.email });
    expect(await db.auditEvent.count({ where: { summary: { contains: 'Bob Babbage' } } })).toBe(1);

    // One new entry, by the admin, about the person's id, with counts and no name or address.
    const entries = await db.auditEvent.findMany({ where: { action: 'user.erased' } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: world.admin.id, subjectType: 'user', subjectId: ada.user.id });
    expect(entries[0]!.after).toMatchObject({ sessions: 1, apiTokens: 1, promptAnswers: 1, checkInComments: 1, surveyTextAnswers: 1, certificates: 1 });
    expect(await db.auditEvent.count()).toBe(eventsBefore + 1);
    // Her old entries still say what happened, with the placeholder in her place.
    const disabled = await db.auditEvent.findFirstOrThrow({ where: { action: 'user.disabled', subjectId: ada.user.id } });
    expect(disabled.summary).toBe('Erased person’s account was disabled');
    const bulk = await db.auditEvent.findFirstOrThrow({ where: { action: 'certificates.issued', cohortId: world.cohort.id } });
    expect(bulk.summary).toBe('Issued 2 certificates: Erased person, Bob Babbage');
    expect(bulk.after).toEqual({ holders: ['Erased person', 'Bob Babbage'] });
  });

  it('is idempotent: a second erasure changes and records nothing', async () => {
    const count = await db.auditEvent.count();
    const again = await eraseUser(asUser(world.admin), { userId: world.ada.user.id, confirmEmail: 'anything' });
    expect(again).toMatchObject({ alreadyErased: true });
    expect(await db.auditEvent.count()).toBe(count);
  });

  it('leaves the audit log append-only outside an erasure', async () => {
    const entry = await db.auditEvent.findFirstOrThrow({ where: { action: 'user.erased' } });
    await expect(db.auditEvent.update({ where: { id: entry.id }, data: { summary: 'rewritten' } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    // Even a redaction may not change who acted or what the entry is about, nor delete it.
    await expect(
      db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT set_config('fellowship.audit_redaction', 'on', true)`;
        await tx.auditEvent.update({ where: { id: entry.id }, data: { actorId: null } });
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT set_config('fellowship.audit_redaction', 'on', true)`;
        await tx.auditEvent.delete({ where: { id: entry.id } });
      }),
    ).rejects.toThrow(/append-only/);
  });
});

describe('retention', () => {
  beforeAll(resetDatabase);

  it('deletes only what is past its time, in batches, and a dry run deletes nothing', async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const user = await createUser();
    const keep: string[] = [];
    const token = (name: string, expires: Date) => db.verificationToken.create({ data: { identifier: `${name}@retention.test`, token: name, expires } });
    for (let n = 0; n < 5; n++) await token(`old-link-${n}`, ago(2));
    await token('recent-link', ago(0.5));
    await token('live-link', ago(-1));
    const session = (name: string, expires: Date, createdAt = ago(1)) => db.session.create({ data: { sessionToken: name, userId: user.id, expires, createdAt } });
    await session('old-session', ago(31));
    await session('recent-session', ago(29));
    await session('live-session', ago(-5));
    // Past its absolute lifetime (30 days) long ago, though its idle expiry says otherwise.
    await session('ancient-session', ago(-5), ago(61));

    const job = async (key: string, failedDaysAgo: number, outOfAttempts: boolean) => {
      await db.$queryRaw`SELECT graphile_worker.add_job('retention-test', '{}'::json, job_key => ${key}::text, max_attempts => 3)`;
      await db.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = ${outOfAttempts ? 3 : 1}, last_error = 'boom', updated_at = ${ago(failedDaysAgo)} WHERE key = ${key}`;
    };
    await job('old-failed', 31, true);
    await job('recent-failed', 29, true);
    await job('old-retrying', 31, false);

    const notification = (key: string, createdAt: Date, status: 'SENT' | 'QUEUED' | 'FAILED') =>
      db.notification.create({ data: { kind: 'WEEKLY_DIGEST', dedupeKey: key, toEmail: 'someone@retention.test', status, createdAt } });
    await notification('old-sent', ago(181), 'SENT');
    await notification('old-failed', ago(200), 'FAILED');
    await notification('old-queued', ago(181), 'QUEUED');
    await notification('recent-sent', ago(179), 'SENT');
    await db.rateLimitBucket.create({ data: { key: 'signin-email:old@retention.test', windowStart: ago(2), count: 3 } });
    await db.rateLimitBucket.create({ data: { key: 'signin-email:new@retention.test', windowStart: now, count: 1 } });
    keep.push('recent-link', 'live-link');

    const expected = { signInTokens: 5, sessions: 2, failedJobs: 1, notifications: 2, rateLimitCounters: 1 };
    const dry = await pruneExpiredData(asSystem(now), { settings: DEFAULT_RETENTION, dryRun: true });
    expect(Object.fromEntries(dry.rules.map((rule) => [rule.rule, rule.removed]))).toEqual(expected);
    expect(await db.verificationToken.count()).toBe(7);

    const lines: string[] = [];
    const report = await pruneExpiredData(asSystem(now), { settings: DEFAULT_RETENTION, batchSize: 2, log: (line) => lines.push(line) });
    expect(Object.fromEntries(report.rules.map((rule) => [rule.rule, rule.removed]))).toEqual(expected);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^Removed 5 expired sign-in links \(before \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.$/);

    expect((await db.verificationToken.findMany({ select: { token: true } })).map((row) => row.token).sort()).toEqual(keep.sort());
    expect((await db.session.findMany({ select: { sessionToken: true } })).map((row) => row.sessionToken).sort()).toEqual(['live-session', 'recent-session']);
    const jobs = await db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker._private_jobs WHERE task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'retention-test') ORDER BY key`;
    expect(jobs.map((row) => row.key)).toEqual(['old-retrying', 'recent-failed']);
    expect((await db.notification.findMany({ select: { dedupeKey: true }, orderBy: { dedupeKey: 'asc' } })).map((row) => row.dedupeKey)).toEqual(['old-queued', 'recent-sent']);
    expect((await db.rateLimitBucket.findMany({ select: { key: true } })).map((row) => row.key)).toEqual(['signin-email:new@retention.test']);

    // Run again: nothing left to remove.
    const again = await pruneExpiredData(asSystem(now), { settings: DEFAULT_RETENTION });
    expect(again.rules.every((rule) => rule.removed === 0)).toBe(true);
  });

  it('runs daily at 03:00 UTC on the worker’s schedule, and at the command line', async () => {
    const items = parseCrontab(crontabFor(true));
    expect(items.map((item) => item.task)).toEqual([PLAN_TASK, PRUNE_TASK]);
    const prune = items.find((item) => item.task === PRUNE_TASK)!;
    expect(prune.match({ min: 0, hour: 3, date: 4, month: 12, dow: 5 })).toBe(true);
    expect(prune.match({ min: 0, hour: 4, date: 4, month: 12, dow: 5 })).toBe(false);
    expect(prune.options.backfillPeriod).toBe(DAY);
    expect(crontabFor(false)).toBe('');

    await db.verificationToken.create({ data: { identifier: 'cli@retention.test', token: 'cli-old', expires: new Date(Date.now() - 3 * DAY) } });
    const dry = await runCli(['db', 'prune', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, rules: expect.arrayContaining([expect.objectContaining({ rule: 'signInTokens', removed: 1 })]) });
    expect(await db.verificationToken.count({ where: { token: 'cli-old' } })).toBe(1);
    const real = await runCli(['db', 'prune'], { FELLOWSHIP_RETAIN_SIGNIN_TOKEN_DAYS: '1' });
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toContain('Removed 1 expired sign-in links');
    expect(await db.verificationToken.count({ where: { token: 'cli-old' } })).toBe(0);
  });
});
