// Who may call what: every procedure of the app router, called by every kind of actor through
// the real context path (a cookie of a real Session row → createTRPCContext → createCaller).
// A procedure without a row here fails the suite, so a new procedure cannot ship unreviewed.
// The REST API (/api/v1, API tokens instead of cookies) has its own matrix at the end of this
// file: every operation of its OpenAPI document (which a unit test holds to the route files)
// called with each kind of token through the real route handlers.
import { TRPCError } from '@trpc/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { appRouter, createCaller } from '@/server/api/root';
import {
  createCallerFactory,
  createTRPCContext,
  createTRPCRouter,
  protectedProcedure,
  type TRPCContext,
} from '@/server/api/trpc';
import { db } from '@/server/db/client';
import { AppError, type AccessReason } from '@/server/errors';
import { createSession } from '@/server/services/auth/sessions';
import { createApiToken, revokeApiToken } from '@/server/services/api-tokens/api-tokens';
import { buildOpenApiDocument } from '@/server/api/v1/openapi';
import { callApi } from './api-v1/api-world';
import { setAdminInput } from '@/lib/schemas/users';
import { setAdmin } from '@/server/services/users/manage-users';
import { createCohort, createCurriculum, createGroup, createMembership, createUser } from '../factories';

// reviewerA reviews cohort A's applications and is no member of any cohort.
const ACTORS = ['anonymous', 'fellowA', 'fellowB', 'facilitatorA1', 'facilitatorA2', 'reviewerA', 'admin', 'disabled'] as const;
type Actor = (typeof ACTORS)[number];
type Outcome = 'OK' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
type Expectation = Record<Actor, Outcome>;

// ---------------------------------------------------------------------------
// The world: two cohorts, two groups in A, one actor of each kind, and target objects.
// ---------------------------------------------------------------------------

const DAY = 24 * 60 * 60 * 1000;
const policy = { maxAgeMs: 30 * DAY, idleMs: 14 * DAY };

async function buildWorld() {
  const curriculum = await createCurriculum({ slug: 'matrix-track' });
  const cohortA = await createCohort({ slug: 'a', name: 'Cohort A', status: 'ACTIVE', curriculumId: curriculum.id });
  const cohortB = await createCohort({ slug: 'b', name: 'Cohort B', status: 'ACTIVE', curriculumId: curriculum.id });
  const groupA1 = await createGroup(cohortA.id, { name: 'A1' });
  const groupA2 = await createGroup(cohortA.id, { name: 'A2' });
  const groupB1 = await createGroup(cohortB.id, { name: 'B1' });
  // A later cohort, to defer to.
  await createCohort({ slug: 'later', name: 'Later cohort', status: 'DRAFT', curriculumId: curriculum.id, startDate: new Date('2028-01-03T00:00:00Z') });

  const user = (name: string, extra: { isAdmin?: boolean; disabledAt?: Date } = {}) =>
    createUser({ name, email: `${name.toLowerCase().replaceAll(' ', '-')}@matrix.test`, ...extra });
  const fellowOf = async (cohortId: string, groupId: string, name: string) => {
    const person = await user(name);
    return { user: person, membership: await createMembership(cohortId, 'FELLOW', { userId: person.id, groupId }) };
  };
  const facilitatorOf = async (cohortId: string, groupId: string, name: string) => {
    const person = await user(name);
    const membership = await createMembership(cohortId, 'FACILITATOR', { userId: person.id });
    await db.groupFacilitator.create({ data: { groupId, membershipId: membership.id } });
    return { user: person, membership };
  };

  const fellowA = await fellowOf(cohortA.id, groupA1.id, 'Fellow A');
  const fellowB = await fellowOf(cohortB.id, groupB1.id, 'Fellow B');
  const facilitatorA1 = await facilitatorOf(cohortA.id, groupA1.id, 'Facilitator A1');
  const facilitatorA2 = await facilitatorOf(cohortA.id, groupA2.id, 'Facilitator A2');
  const admin = await user('Admin', { isAdmin: true });
  const reviewerA = await user('Reviewer A');
  await db.cohortReviewer.create({ data: { cohortId: cohortA.id, userId: reviewerA.id } });
  // An application in each cohort, and cohort A's open form.
  await db.applicationForm.create({ data: { cohortId: cohortA.id, isOpen: true } });
  await db.applicationForm.create({ data: { cohortId: cohortB.id, isOpen: true } });
  const applicationOf = (cohortId: string, email: string, userId: string | null = null) =>
    db.application.create({ data: { cohortId, email, name: email, status: 'SUBMITTED', userId }, select: { id: true } });
  // Fellow A's own application (to withdraw).
  const applicationA = await applicationOf(cohortA.id, fellowA.user.email, fellowA.user.id);
  const applicationB = await applicationOf(cohortB.id, 'applicant-b@matrix.test');
  // A disabled admin who is also a fellow of A: neither helps once disabled.
  const disabled = await user('Disabled', { isAdmin: true });
  await createMembership(cohortA.id, 'FELLOW', { userId: disabled.id, groupId: groupA1.id });

  // Targets, so that mutations never act on the actors themselves.
  const peerA1 = await fellowOf(cohortA.id, groupA1.id, 'Peer A1');
  const peerA2 = await fellowOf(cohortA.id, groupA2.id, 'Peer A2');
  const bystander = await user('Bystander');
  const otherAdmin = await user('Other Admin', { isAdmin: true });
  const openInvitation = (cohortId: string, groupId: string, email: string) =>
    db.invitation.create({
      data: { cohortId, email, role: 'FELLOW', groupId, invitedById: admin.id, expiresAt: new Date(Date.now() + 7 * DAY) },
    });
  const invitationA1 = await openInvitation(cohortA.id, groupA1.id, 'invitee-a1@matrix.test');
  const invitationB1 = await openInvitation(cohortB.id, groupB1.id, 'invitee-b1@matrix.test');
  // Meetings for the attendance procedures: one of A1 (led by facilitatorA1) and one of cohort B.
  const meetingOf = (groupId: string) =>
    db.meeting.create({ data: { groupId, weekPosition: 1, startsAt: new Date('2027-01-05T18:00:00Z') }, select: { id: true } });
  const meetingA1 = await meetingOf(groupA1.id);
  const meetingB1 = await meetingOf(groupB1.id);
  // The curriculum editor's targets: the first week of the curriculum, its section, reading and goal.
  const editorWeek = await db.curriculumWeek.findFirstOrThrow({
    where: { curriculumId: curriculum.id },
    select: { id: true, goals: { select: { id: true } }, sections: { select: { id: true, items: { select: { id: true } } } } },
  });
  const editor = {
    weekId: editorWeek.id,
    sectionId: editorWeek.sections[0]!.id,
    itemId: editorWeek.sections[0]!.items[0]!.id,
    goalId: editorWeek.goals[0]!.id,
    promptId: (
      await db.curriculumPrompt.create({ data: { curriculumId: curriculum.id, weekId: editorWeek.id, position: 1, text: 'What would change your mind?' }, select: { id: true } })
    ).id,
  };

  const actors = { fellowA: fellowA.user, fellowB: fellowB.user, facilitatorA1: facilitatorA1.user, facilitatorA2: facilitatorA2.user, reviewerA, admin, disabled };
  const cookies: Record<Actor, string | null> = { anonymous: null } as Record<Actor, string | null>;
  for (const [actor, person] of Object.entries(actors)) {
    const { sessionToken } = await createSession(db, person.id, policy);
    cookies[actor as Actor] = `next-auth.session-token=${sessionToken}`;
  }
  await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });

  return {
    curriculum,
    cohortA,
    cohortB,
    groupA1,
    groupA2,
    groupB1,
    fellowA,
    fellowB,
    facilitatorA1,
    facilitatorA2,
    admin,
    disabled,
    peerA1,
    peerA2,
    bystander,
    otherAdmin,
    invitationA1,
    invitationB1,
    meetingA1,
    meetingB1,
    applicationA,
    applicationB,
    reviewerA,
    editor,
    cookies,
    apiTokenA: await createApiToken({ db, user: null }, { userId: fellowA.user.id, cohort: cohortA.slug, name: 'Matrix token' }),
    runs: await createMatrixRuns(cohortA.id, fellowA.user.id, peerA2.user.id),
  };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

async function resetDatabase() {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_%'`;
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
}

// ---------------------------------------------------------------------------
// Expectations: the common shapes, with per-actor overrides.
// ---------------------------------------------------------------------------

const all = (outcome: Outcome): Expectation =>
  Object.fromEntries(ACTORS.map((actor) => [actor, outcome])) as Expectation;

/** Anyone, signed in or not. A disabled user's session is dropped, so they are anonymous. */
const everyone = (): Expectation => all('OK');

/** Any signed-in, enabled user. */
const signedIn = (overrides: Partial<Expectation> = {}): Expectation => ({
  ...all('OK'),
  anonymous: 'UNAUTHORIZED',
  disabled: 'UNAUTHORIZED',
  ...overrides,
});

/** Global admins only. */
const adminOnly = (): Expectation => ({
  ...all('FORBIDDEN'),
  anonymous: 'UNAUTHORIZED',
  disabled: 'UNAUTHORIZED',
  admin: 'OK',
});

/**
 * Cohort A, needing at least `role`: non-members (fellow of B) get NOT_FOUND, members below the
 * role FORBIDDEN. `overrides` covers group-scoped rules (a facilitator of A2 on A1's objects).
 */
const cohortA = (role: 'FELLOW' | 'FACILITATOR' | 'ADMIN', overrides: Partial<Expectation> = {}): Expectation => {
  const rank = { FELLOW: 1, FACILITATOR: 2, ADMIN: 3 }[role];
  return signedIn({
    fellowB: 'NOT_FOUND',
    fellowA: rank <= 1 ? 'OK' : 'FORBIDDEN',
    facilitatorA1: rank <= 2 ? 'OK' : 'FORBIDDEN',
    facilitatorA2: rank <= 2 ? 'OK' : 'FORBIDDEN',
    // A reviewer of A reaches A's applications only.
    reviewerA: 'FORBIDDEN',
    admin: 'OK',
    ...overrides,
  });
};

type Row = {
  /** The procedure's path; defaults to the row's key. Extra rows for one procedure name it here. */
  procedure?: string;
  input: (world: World) => unknown;
  expect: Expectation;
};

// ---------------------------------------------------------------------------
// The table: at least one row per procedure of appRouter. Inputs name cohort A's objects;
// extra rows name another cohort's objects through cohort A, which must never reach them.
// ---------------------------------------------------------------------------

const cohortAdminOnly = () => cohortA('ADMIN');
/** An admin of the site naming cohort B's object through cohort A: no such object in A. */
const crossCohort = () => cohortA('ADMIN', { admin: 'NOT_FOUND' });

/** A fellow's own progress: members of A who are fellows there; admins and facilitators are not. */
const fellowsOfA = (overrides: Partial<Expectation> = {}) =>
  cohortA('FELLOW', { facilitatorA1: 'FORBIDDEN', facilitatorA2: 'FORBIDDEN', admin: 'FORBIDDEN', ...overrides });

/** Group A1's objects: its facilitator and admins; the facilitator of A2 does not see them. */
const leadsA1 = () => cohortA('FACILITATOR', { facilitatorA2: 'NOT_FOUND' });
/** Another group's or cohort's object named through cohort A where nobody may reach it. */
const outOfReachThroughA = () => cohortA('FACILITATOR', { facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND', admin: 'NOT_FOUND' });

/** A small syllabus for the import procedures. */
const MATRIX_SYLLABUS = '# Matrix track\n\n## Week 1: Start\n\nCore Readings (10 min):\n\n1. [A reading](https://example.com/a) (10 min)\n';

/**
 * A run of fellow A (group A1) and one of peer A2, each with an `elbo` point. Their exercise
 * item lives in a curriculum of its own, so the curriculum editor's rows can delete the
 * matrix curriculum's weeks and items (runs restrict deleting their exercise).
 */
async function createMatrixRuns(cohortId: string, fellowAUserId: string, peerA2UserId: string) {
  const exercise = await db.curriculumItem.findFirstOrThrow({ where: { section: { week: { curriculumId: (await createCurriculum()).id } } } });
  const run = async (userId: string, name: string) => {
    const created = await db.run.create({ data: { cohortId, userId, exerciseItemId: exercise.id, clientRunId: name, name } });
    const series = await db.metricSeries.create({ data: { runId: created.id, key: 'elbo', count: 1, min: -40, max: -40, last: -40, lastStep: 0 } });
    await db.metricPoint.create({ data: { seriesId: series.id, step: 0, value: -40 } });
    return created.id;
  };
  return { fellowA: await run(fellowAUserId, 'matrix-a1'), peerA2: await run(peerA2UserId, 'matrix-a2') };
}

/** A run of group A1: its fellow, A1's facilitator and admins; A2's facilitator gets NOT_FOUND. */
const runOfA1 = () => cohortA('FELLOW', { facilitatorA2: 'NOT_FOUND' });
/** A run of group A2 (not fellow A's): A2's facilitator and admins only. */
const runOfA2 = () => cohortA('FELLOW', { fellowA: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND' });

const MATRIX: Record<string, Row> = {
  // Training results: run lists, pages, chart data, comparisons, exercise leaderboards.
  'runs.list': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },
  'runs.get': { input: (w) => ({ cohort: 'a', runId: w.runs.fellowA }), expect: runOfA1() },
  'runs.get (a run of group A2)': { procedure: 'runs.get', input: (w) => ({ cohort: 'a', runId: w.runs.peerA2 }), expect: runOfA2() },
  'runs.get (through cohort B)': {
    procedure: 'runs.get',
    input: (w) => ({ cohort: 'b', runId: w.runs.fellowA }),
    expect: signedIn({ reviewerA: 'NOT_FOUND', fellowA: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND', fellowB: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  },
  'runs.series': { input: (w) => ({ cohort: 'a', runId: w.runs.fellowA, key: 'elbo' }), expect: runOfA1() },
  'runs.series (a run of group A2)': { procedure: 'runs.series', input: (w) => ({ cohort: 'a', runId: w.runs.peerA2, key: 'elbo' }), expect: runOfA2() },
  'runs.compare': { input: (w) => ({ cohort: 'a', runIds: [w.runs.fellowA] }), expect: runOfA1() },
  'runs.compare (with a run of group A2)': {
    procedure: 'runs.compare',
    input: (w) => ({ cohort: 'a', runIds: [w.runs.fellowA, w.runs.peerA2] }),
    expect: cohortA('FELLOW', { fellowA: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND' }),
  },
  'runs.exercises': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },
  // The matrix curriculum has no exercise slugs: members learn only that there is no such exercise.
  'runs.exercise': {
    input: () => ({ cohort: 'a', exercise: 'vae' }),
    expect: cohortA('FELLOW', { fellowA: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  },
  // Public syllabus and the (viewer-filtered) cohort list.
  'curricula.published': { input: () => undefined, expect: everyone() },

  // Curricula administration: the templates list and markdown import (preview, then import).
  'curricula.list': { input: () => undefined, expect: adminOnly() },
  'curricula.preview': { input: () => ({ markdown: MATRIX_SYLLABUS }), expect: adminOnly() },
  'curricula.import': { input: () => ({ markdown: MATRIX_SYLLABUS, slug: 'matrix-import' }), expect: adminOnly() },
  'curricula.import (replacing a template)': {
    procedure: 'curricula.import',
    input: (w) => ({ markdown: MATRIX_SYLLABUS, slug: w.curriculum.slug, replace: true }),
    expect: adminOnly(),
  },
  'cohorts.mine': { input: () => undefined, expect: everyone() },

  // A cohort's home page: any member, or an admin.
  'cohorts.get': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },
  'cohorts.get (cohort B)': {
    procedure: 'cohorts.get',
    input: () => ({ cohort: 'b' }),
    expect: signedIn({ reviewerA: 'NOT_FOUND', fellowA: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND' }),
  },
  'cohorts.frame': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },
  'cohorts.frame (cohort B)': {
    procedure: 'cohorts.frame',
    input: () => ({ cohort: 'b' }),
    expect: signedIn({ reviewerA: 'NOT_FOUND', fellowA: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND' }),
  },
  'cohorts.ownGroups': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },
  'cohorts.get (no such cohort)': {
    procedure: 'cohorts.get',
    input: () => ({ cohort: 'no-such-cohort' }),
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHORIZED', disabled: 'UNAUTHORIZED' },
  },

  // One's own account.
  'account.me': { input: () => undefined, expect: signedIn() },
  'account.updateName': { input: () => ({ name: 'Renamed' }), expect: signedIn() },
  'account.updateCertificateName': { input: () => ({ certificateName: 'Full Name' }), expect: signedIn() },
  'account.sessions': { input: () => undefined, expect: signedIn() },
  'account.signOutEverywhere': { input: () => undefined, expect: signedIn() },
  'account.emailPreferences': { input: () => undefined, expect: signedIn() },
  'account.setEmailPreferences': { input: () => ({ topics: { DIGEST: false } }), expect: signedIn() },

  // Site administration.
  'users.list': { input: () => undefined, expect: adminOnly() },
  'users.setAdmin': { input: (w) => ({ userId: w.bystander.id, isAdmin: true }), expect: adminOnly() },
  'users.setAdmin (revoke another admin)': {
    procedure: 'users.setAdmin',
    input: (w) => ({ userId: w.otherAdmin.id, isAdmin: false }),
    expect: adminOnly(),
  },
  'users.setDisabled': { input: (w) => ({ userId: w.bystander.id, disabled: true }), expect: adminOnly() },
  'users.setDisabled (another admin)': {
    procedure: 'users.setDisabled',
    input: (w) => ({ userId: w.otherAdmin.id, disabled: true }),
    expect: adminOnly(),
  },
  // Erasing a person: admins only, naming the person's address to confirm.
  'users.erase': { input: (w) => ({ userId: w.bystander.id, confirmEmail: w.bystander.email }), expect: adminOnly() },
  'users.erase (another admin)': {
    procedure: 'users.erase',
    input: (w) => ({ userId: w.otherAdmin.id, confirmEmail: w.otherAdmin.email }),
    expect: adminOnly(),
  },

  // A cohort's people: facilitators read (their groups' fellows), admins change.
  'members.list': { input: () => ({ cohort: 'a' }), expect: cohortA('FACILITATOR') },
  'members.groups': { input: () => ({ cohort: 'a' }), expect: cohortA('FACILITATOR') },
  'members.invite': {
    input: (w) => ({ cohort: 'a', emails: 'newcomer@matrix.test', role: 'FELLOW', groupId: w.groupA1.id }),
    expect: cohortAdminOnly(),
  },
  'members.invite (group of cohort B)': {
    procedure: 'members.invite',
    input: (w) => ({ cohort: 'a', emails: 'newcomer@matrix.test', role: 'FELLOW', groupId: w.groupB1.id }),
    expect: crossCohort(),
  },
  'members.invitations': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'members.revokeInvitation': {
    input: (w) => ({ cohort: 'a', invitationId: w.invitationA1.id }),
    expect: cohortAdminOnly(),
  },
  'members.resendInvitation': {
    input: (w) => ({ cohort: 'a', invitationId: w.invitationA1.id }),
    expect: cohortAdminOnly(),
  },
  'members.revokeInvitation (invitation of cohort B)': {
    procedure: 'members.revokeInvitation',
    input: (w) => ({ cohort: 'a', invitationId: w.invitationB1.id }),
    expect: crossCohort(),
  },
  'members.changeRole': {
    input: (w) => ({ cohort: 'a', membershipId: w.peerA1.membership.id, role: 'FACILITATOR' }),
    expect: cohortAdminOnly(),
  },
  'members.changeRole (member of cohort B)': {
    procedure: 'members.changeRole',
    input: (w) => ({ cohort: 'a', membershipId: w.fellowB.membership.id, role: 'FACILITATOR' }),
    expect: crossCohort(),
  },
  'members.moveToGroup': {
    input: (w) => ({ cohort: 'a', membershipId: w.peerA1.membership.id, groupIds: [w.groupA2.id] }),
    expect: cohortAdminOnly(),
  },
  'members.moveToGroup (member of cohort B)': {
    procedure: 'members.moveToGroup',
    input: (w) => ({ cohort: 'a', membershipId: w.fellowB.membership.id, groupIds: [w.groupA1.id] }),
    expect: crossCohort(),
  },
  'members.moveToGroup (into a group of cohort B)': {
    procedure: 'members.moveToGroup',
    input: (w) => ({ cohort: 'a', membershipId: w.peerA1.membership.id, groupIds: [w.groupB1.id] }),
    expect: crossCohort(),
  },
  'members.remove': { input: (w) => ({ cohort: 'a', membershipId: w.peerA1.membership.id }), expect: cohortAdminOnly() },
  'members.remove (member of cohort B)': {
    procedure: 'members.remove',
    input: (w) => ({ cohort: 'a', membershipId: w.fellowB.membership.id }),
    expect: crossCohort(),
  },

  // Cohorts each quarter: admins create (from a template) and clone cohorts, change and archive them.
  'cohorts.list': { input: () => undefined, expect: adminOnly() },
  'cohorts.templates': { input: () => undefined, expect: adminOnly() },
  'cohorts.create': {
    input: (w) => ({ curriculum: w.curriculum.slug, name: 'Matrix spring', startDate: '2027-03-01', timeZone: 'UTC' }),
    expect: adminOnly(),
  },
  'cohorts.clone': { input: () => ({ source: 'a', name: 'Cohort A again', startDate: '2027-09-06' }), expect: adminOnly() },
  'cohorts.settings': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'cohorts.update': { input: () => ({ cohort: 'a', name: 'Renamed', skippedWeeks: [2] }), expect: cohortAdminOnly() },
  'cohorts.archive': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'cohorts.archive (cohort B)': {
    procedure: 'cohorts.archive',
    input: () => ({ cohort: 'b' }),
    expect: signedIn({ reviewerA: 'NOT_FOUND', fellowA: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND', fellowB: 'FORBIDDEN' }),
  },

  // A cohort's groups and roster: its admins only; another cohort's groups are out of reach.
  // Who is keeping up: a facilitator's grid of the groups they lead, the admin's overview.
  'standing.groupProgress': { input: (w) => ({ cohort: 'a', groupId: w.groupA1.id }), expect: cohortA('FACILITATOR', { facilitatorA2: 'NOT_FOUND' }) },
  'standing.groupProgress (own first group)': { procedure: 'standing.groupProgress', input: () => ({ cohort: 'a', week: null }), expect: cohortA('FACILITATOR', { admin: 'NOT_FOUND' }) },
  'standing.groupProgress (group of cohort B)': {
    procedure: 'standing.groupProgress',
    input: (w) => ({ cohort: 'a', groupId: w.groupB1.id }),
    expect: cohortA('FACILITATOR', { facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  },
  'standing.cohortOverview': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'audit.list': { input: () => ({}), expect: adminOnly() },
  // Facilitators read their groups' attendance changes (the rows are tested in audit-log.test.ts).
  'audit.cohort': { input: () => ({ cohort: 'a' }), expect: cohortA('FACILITATOR') },
  'announcements.count': { input: (w) => ({ cohort: 'a', groupId: w.groupA1.id }), expect: leadsA1() },
  'announcements.count (whole cohort)': {
    procedure: 'announcements.count',
    input: () => ({ cohort: 'a' }),
    expect: cohortA('FACILITATOR', { facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND' }),
  },
  'announcements.send': { input: (w) => ({ cohort: 'a', groupId: w.groupA1.id, subject: 'Hello', body: 'See you Tuesday.' }), expect: leadsA1() },
  'announcements.send (group of cohort B)': {
    procedure: 'announcements.send',
    input: (w) => ({ cohort: 'a', groupId: w.groupB1.id, subject: 'Hello', body: 'Not yours.' }),
    expect: outOfReachThroughA(),
  },
  'announcements.list': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },

  // Applications: the form and sending one are public; reviewers (and admins) read and score
  // their cohort's applications; admins decide, shape the form and choose the reviewers.
  'applications.publicForm': { input: () => ({ cohort: 'a' }), expect: everyone() },
  'applications.submit': { input: () => ({ cohort: 'a', email: 'new-applicant@matrix.test', name: 'New Applicant' }), expect: everyone() },
  'applications.toReview': { input: () => undefined, expect: signedIn() },
  'applications.withdraw': {
    input: (w) => ({ applicationId: w.applicationA.id }),
    expect: signedIn({ fellowB: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND', reviewerA: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  },
  'applications.list': { input: () => ({ cohort: 'a' }), expect: cohortA('ADMIN', { reviewerA: 'OK' }) },
  'applications.list (cohort B)': {
    procedure: 'applications.list',
    input: () => ({ cohort: 'b' }),
    expect: signedIn({ fellowA: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND', reviewerA: 'NOT_FOUND', fellowB: 'FORBIDDEN' }),
  },
  'applications.review': { input: (w) => ({ cohort: 'a', applicationId: w.applicationA.id, score: 4 }), expect: cohortA('ADMIN', { reviewerA: 'OK' }) },
  'applications.review (application of cohort B)': {
    procedure: 'applications.review',
    input: (w) => ({ cohort: 'a', applicationId: w.applicationB.id, score: 4 }),
    expect: cohortA('ADMIN', { reviewerA: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  },
  'applications.decide': { input: (w) => ({ cohort: 'a', applicationIds: [w.applicationA.id], decision: 'WAITLISTED' }), expect: cohortAdminOnly() },
  'applications.decide (application of cohort B)': {
    procedure: 'applications.decide',
    input: (w) => ({ cohort: 'a', applicationIds: [w.applicationB.id], decision: 'WAITLISTED' }),
    expect: crossCohort(),
  },
  'applications.formSettings': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'applications.saveForm': { input: () => ({ cohort: 'a', isOpen: true, deadline: null, questions: [] }), expect: cohortAdminOnly() },
  'applications.reviewers': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'applications.addReviewer': { input: () => ({ cohort: 'a', email: 'new-reviewer@matrix.test' }), expect: cohortAdminOnly() },
  // Availability: each member paints their own; admins read the cohort's summary and form groups.
  'availability.mine': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },
  'availability.save': { input: () => ({ cohort: 'a', timeZone: 'Europe/London', localSlots: [36, 37, 38] }), expect: cohortA('FELLOW') },
  'availability.summary': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'certificates.list': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'certificates.issue': { input: () => ({ cohort: 'a', membershipIds: [], notify: false }), expect: cohortAdminOnly() },
  'certificates.revoke': {
    input: () => ({ cohort: 'a', certificateId: 'no-such-certificate', reason: 'Matrix' }),
    expect: cohortA('ADMIN', { admin: 'NOT_FOUND' }),
  },
  'certificates.mine': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },
  'grouping.propose': { input: () => ({ cohort: 'a', minSize: 2, maxSize: 4 }), expect: cohortAdminOnly() },
  'grouping.latest': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'grouping.move': { input: () => ({ cohort: 'a', proposalId: 'no-such-proposal', groups: [] }), expect: cohortA('ADMIN', { admin: 'NOT_FOUND' }) },
  'grouping.publish': { input: () => ({ cohort: 'a', proposalId: 'no-such-proposal' }), expect: cohortA('ADMIN', { admin: 'NOT_FOUND' }) },
  // After the start: a fellow's own switch requests, leaving and deferring; deciding switches
  // into one's groups; handing a meeting of one's group over.
  'switches.options': { input: () => ({ cohort: 'a' }), expect: fellowsOfA({ reviewerA: 'FORBIDDEN' }) },
  'switches.request': { input: (w) => ({ cohort: 'a', toGroupId: w.groupA2.id, scope: 'PERMANENT' }), expect: fellowsOfA({ reviewerA: 'FORBIDDEN' }) },
  'switches.request (group of cohort B)': {
    procedure: 'switches.request',
    input: (w) => ({ cohort: 'a', toGroupId: w.groupB1.id, scope: 'PERMANENT' }),
    expect: fellowsOfA({ fellowA: 'NOT_FOUND', reviewerA: 'FORBIDDEN' }),
  },
  'switches.cancel': { input: () => ({ cohort: 'a', requestId: 'no-such-request' }), expect: fellowsOfA({ fellowA: 'NOT_FOUND', reviewerA: 'FORBIDDEN' }) },
  'switches.pending': { input: () => ({ cohort: 'a' }), expect: cohortA('FACILITATOR') },
  'switches.decide': {
    input: () => ({ cohort: 'a', requestId: 'no-such-request', approve: true }),
    expect: cohortA('FACILITATOR', { facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  },
  'switches.leave': { input: () => ({ cohort: 'a' }), expect: fellowsOfA({ reviewerA: 'FORBIDDEN' }) },
  'switches.deferralTargets': { input: () => ({ cohort: 'a' }), expect: fellowsOfA({ reviewerA: 'FORBIDDEN' }) },
  'switches.defer': { input: () => ({ cohort: 'a', toCohort: 'later' }), expect: fellowsOfA({ reviewerA: 'FORBIDDEN' }) },
  'switches.handOver': { input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id, toMembershipId: w.facilitatorA2.membership.id }), expect: leadsA1() },
  'switches.handOver (meeting of cohort B)': {
    procedure: 'switches.handOver',
    input: (w) => ({ cohort: 'a', meetingId: w.meetingB1.id, toMembershipId: null }),
    expect: outOfReachThroughA(),
  },
  'applications.removeReviewer': { input: (w) => ({ cohort: 'a', userId: w.reviewerA.id }), expect: cohortAdminOnly() },
  'notifications.overview': { input: () => ({}), expect: adminOnly() },
  'notifications.retry': { input: () => ({ id: 'no-such-notification' }), expect: { ...adminOnly(), admin: 'NOT_FOUND' } },
  'notifications.clearBouncing': { input: () => ({ email: 'nobody@bounce.test' }), expect: { ...adminOnly(), admin: 'NOT_FOUND' } },
  'groups.list': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'groups.create': { input: () => ({ cohort: 'a', name: 'A3', meetingDay: 3, meetingTime: '18:00' }), expect: cohortAdminOnly() },
  'groups.update': { input: (w) => ({ cohort: 'a', groupId: w.groupA1.id, meetingTime: '19:00' }), expect: cohortAdminOnly() },
  'groups.update (group of cohort B)': {
    procedure: 'groups.update',
    input: (w) => ({ cohort: 'a', groupId: w.groupB1.id, meetingTime: '19:00' }),
    expect: crossCohort(),
  },
  'groups.delete': { input: (w) => ({ cohort: 'a', groupId: w.groupA2.id }), expect: cohortAdminOnly() },
  'groups.delete (group of cohort B)': {
    procedure: 'groups.delete',
    input: (w) => ({ cohort: 'a', groupId: w.groupB1.id }),
    expect: crossCohort(),
  },
  'groups.setFacilitators': {
    input: (w) => ({ cohort: 'a', groupId: w.groupA2.id, membershipIds: [w.facilitatorA1.membership.id] }),
    expect: cohortAdminOnly(),
  },
  'groups.setFacilitators (group of cohort B)': {
    procedure: 'groups.setFacilitators',
    input: (w) => ({ cohort: 'a', groupId: w.groupB1.id, membershipIds: [] }),
    expect: crossCohort(),
  },
  'groups.setFacilitators (member of cohort B)': {
    procedure: 'groups.setFacilitators',
    input: (w) => ({ cohort: 'a', groupId: w.groupA1.id, membershipIds: [w.fellowB.membership.id] }),
    expect: crossCohort(),
  },
  'roster.preview': {
    input: () => ({ cohort: 'a', csv: 'name,email,role,group\nNew Person,new.person@matrix.test,fellow,A1\n' }),
    expect: cohortAdminOnly(),
  },
  'roster.import': {
    input: () => ({ cohort: 'a', csv: 'name,email,role,group\nNew Person,new.person@matrix.test,fellow,A1\n' }),
    expect: cohortAdminOnly(),
  },

  // The curriculum editor: admins only, on templates and cohorts' copies alike.
  'curriculumEditor.get': { input: (w) => ({ curriculum: w.curriculum.slug }), expect: adminOnly() },
  'curriculumEditor.updateCurriculum': { input: (w) => ({ curriculum: w.curriculum.slug, title: 'Renamed' }), expect: adminOnly() },
  'curriculumEditor.addWeek': { input: (w) => ({ curriculum: w.curriculum.slug, title: 'New week' }), expect: adminOnly() },
  'curriculumEditor.updateWeek': { input: (w) => ({ curriculum: w.curriculum.slug, weekId: w.editor.weekId, title: 'Renamed' }), expect: adminOnly() },
  'curriculumEditor.deleteWeek': { input: (w) => ({ curriculum: w.curriculum.slug, weekId: w.editor.weekId }), expect: adminOnly() },
  'curriculumEditor.restoreWeek': {
    input: (w) => ({
      curriculum: w.curriculum.slug,
      week: { id: 'matrix-week', position: 2, number: 2, span: 1, label: null, title: 'Back', part: null, partNotes: null, notes: null, sections: [], goals: [] },
    }),
    expect: adminOnly(),
  },
  'curriculumEditor.moveWeek': { input: (w) => ({ curriculum: w.curriculum.slug, weekId: w.editor.weekId, toPosition: 1 }), expect: adminOnly() },
  'curriculumEditor.addSection': { input: (w) => ({ curriculum: w.curriculum.slug, weekId: w.editor.weekId, title: 'New section' }), expect: adminOnly() },
  'curriculumEditor.updateSection': { input: (w) => ({ curriculum: w.curriculum.slug, sectionId: w.editor.sectionId, title: 'Renamed' }), expect: adminOnly() },
  'curriculumEditor.deleteSection': { input: (w) => ({ curriculum: w.curriculum.slug, sectionId: w.editor.sectionId }), expect: adminOnly() },
  'curriculumEditor.restoreSection': {
    input: (w) => ({
      curriculum: w.curriculum.slug,
      weekId: w.editor.weekId,
      section: { id: 'matrix-section', position: 1, title: 'Back', kind: 'CORE', statedMinutes: null, statedText: null, group: null, items: [] },
    }),
    expect: adminOnly(),
  },
  'curriculumEditor.moveSection': { input: (w) => ({ curriculum: w.curriculum.slug, sectionId: w.editor.sectionId, toPosition: 1 }), expect: adminOnly() },
  'curriculumEditor.addItem': { input: (w) => ({ curriculum: w.curriculum.slug, sectionId: w.editor.sectionId, title: 'New reading' }), expect: adminOnly() },
  'curriculumEditor.updateItem': {
    input: (w) => ({ curriculum: w.curriculum.slug, itemId: w.editor.itemId, url: 'https://example.org/fixed' }),
    expect: adminOnly(),
  },
  'curriculumEditor.checkLinks': { input: (w) => ({ curriculum: w.curriculum.slug, itemIds: [w.editor.itemId] }), expect: adminOnly() },
  'curriculumEditor.deleteItem': { input: (w) => ({ curriculum: w.curriculum.slug, itemId: w.editor.itemId }), expect: adminOnly() },
  'curriculumEditor.restoreItem': {
    input: (w) => ({
      curriculum: w.curriculum.slug,
      sectionId: w.editor.sectionId,
      item: { id: 'matrix-item', position: 1, kind: 'READING', title: 'Back', url: null, minutes: null, minutesText: null, optional: false, note: null },
    }),
    expect: adminOnly(),
  },
  'curriculumEditor.moveItem': { input: (w) => ({ curriculum: w.curriculum.slug, itemId: w.editor.itemId, toPosition: 2 }), expect: adminOnly() },
  'curriculumEditor.addGoal': { input: (w) => ({ curriculum: w.curriculum.slug, weekId: w.editor.weekId, text: 'New goal' }), expect: adminOnly() },
  'curriculumEditor.updateGoal': { input: (w) => ({ curriculum: w.curriculum.slug, goalId: w.editor.goalId, text: 'Renamed' }), expect: adminOnly() },
  'curriculumEditor.deleteGoal': { input: (w) => ({ curriculum: w.curriculum.slug, goalId: w.editor.goalId }), expect: adminOnly() },
  'curriculumEditor.restoreGoal': {
    input: (w) => ({ curriculum: w.curriculum.slug, weekId: w.editor.weekId, goal: { id: 'matrix-goal', position: 1, category: 'GENERAL', text: 'Back' } }),
    expect: adminOnly(),
  },
  'curriculumEditor.moveGoal': { input: (w) => ({ curriculum: w.curriculum.slug, goalId: w.editor.goalId, toPosition: 1 }), expect: adminOnly() },
  'curriculumEditor.addPrompt': { input: (w) => ({ curriculum: w.curriculum.slug, weekId: w.editor.weekId, text: 'Why?' }), expect: adminOnly() },
  'curriculumEditor.updatePrompt': { input: (w) => ({ curriculum: w.curriculum.slug, promptId: w.editor.promptId, text: 'Why not?' }), expect: adminOnly() },
  'curriculumEditor.deletePrompt': { input: (w) => ({ curriculum: w.curriculum.slug, promptId: w.editor.promptId }), expect: adminOnly() },
  'curriculumEditor.restorePrompt': {
    input: (w) => ({ curriculum: w.curriculum.slug, weekId: w.editor.weekId, prompt: { id: 'matrix-prompt', position: 1, kind: 'DISCUSSION', text: 'Back?' } }),
    expect: adminOnly(),
  },
  'curriculumEditor.movePrompt': { input: (w) => ({ curriculum: w.curriculum.slug, promptId: w.editor.promptId, toPosition: 1 }), expect: adminOnly() },
  'curriculumEditor.templateChanges': { input: () => ({ cohort: 'a' }), expect: adminOnly() },
  'curriculumEditor.applyTemplateChanges': { input: () => ({ cohort: 'a' }), expect: adminOnly() },

  // Meetings and attendance: the facilitators of the meeting's group and admins; a facilitator
  // of another group gets NOT_FOUND, as does anyone naming another cohort's meeting or group.
  // A fellow reads only their own record (attendance.mine; null for anyone who is not a fellow).
  'attendance.groups': { input: () => ({ cohort: 'a' }), expect: cohortA('FACILITATOR') },
  'attendance.meetings': { input: (w) => ({ cohort: 'a', groupId: w.groupA1.id }), expect: leadsA1() },
  'attendance.meetings (group of cohort B)': {
    procedure: 'attendance.meetings',
    input: (w) => ({ cohort: 'a', groupId: w.groupB1.id }),
    expect: outOfReachThroughA(),
  },
  'attendance.moveMeeting': {
    input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id, date: '2027-01-06', time: '19:00', minutes: 60, location: 'Library' }),
    expect: leadsA1(),
  },
  'attendance.moveMeeting (meeting of cohort B)': {
    procedure: 'attendance.moveMeeting',
    input: (w) => ({ cohort: 'a', meetingId: w.meetingB1.id, date: '2027-01-06', time: '19:00', minutes: 60 }),
    expect: outOfReachThroughA(),
  },
  'attendance.cancelMeeting': { input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id }), expect: leadsA1() },
  'attendance.restoreMeeting': { input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id }), expect: leadsA1() },
  'attendance.addMeeting': {
    input: (w) => ({ cohort: 'a', groupId: w.groupA1.id, date: '2027-01-08', time: '18:00', minutes: 90, weekPosition: null }),
    expect: leadsA1(),
  },
  'attendance.addMeeting (group of cohort B)': {
    procedure: 'attendance.addMeeting',
    input: (w) => ({ cohort: 'a', groupId: w.groupB1.id, date: '2027-01-08', time: '18:00', minutes: 90 }),
    expect: outOfReachThroughA(),
  },
  'attendance.sheet': { input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id }), expect: leadsA1() },
  'attendance.sheet (meeting of cohort B)': {
    procedure: 'attendance.sheet',
    input: (w) => ({ cohort: 'a', meetingId: w.meetingB1.id }),
    expect: outOfReachThroughA(),
  },
  'attendance.prep': { input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id }), expect: leadsA1() },
  'attendance.prep (meeting of cohort B)': {
    procedure: 'attendance.prep',
    input: (w) => ({ cohort: 'a', meetingId: w.meetingB1.id }),
    expect: outOfReachThroughA(),
  },
  'attendance.changes': { input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id }), expect: leadsA1() },
  'attendance.sheetWithChanges': { input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id }), expect: leadsA1() },
  'attendance.sheetWithChanges (meeting of cohort B)': {
    procedure: 'attendance.sheetWithChanges',
    input: (w) => ({ cohort: 'a', meetingId: w.meetingB1.id }),
    expect: outOfReachThroughA(),
  },
  'attendance.mark': {
    input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id, membershipId: w.peerA1.membership.id, status: 'LATE', note: 'Bus' }),
    expect: leadsA1(),
  },
  'attendance.mark (fellow of another group)': {
    procedure: 'attendance.mark',
    input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id, membershipId: w.peerA2.membership.id, status: 'PRESENT' }),
    expect: outOfReachThroughA(),
  },
  'attendance.mark (meeting of cohort B)': {
    procedure: 'attendance.mark',
    input: (w) => ({ cohort: 'a', meetingId: w.meetingB1.id, membershipId: w.fellowB.membership.id, status: 'PRESENT' }),
    expect: outOfReachThroughA(),
  },
  'attendance.markAllPresent': { input: (w) => ({ cohort: 'a', meetingId: w.meetingA1.id }), expect: leadsA1() },
  'attendance.mine': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },

  // API tokens: one's own. Making one needs membership of the cohort (an admin who is not a
  // member cannot); revoking someone else's token is NOT_FOUND.
  'apiTokens.list': { input: () => undefined, expect: signedIn() },
  'apiTokens.create': { input: () => ({ cohort: 'a', name: 'Job', expiresInDays: 30 }), expect: cohortA('FELLOW', { admin: 'FORBIDDEN' }) },
  'apiTokens.create (cohort B)': {
    procedure: 'apiTokens.create',
    input: () => ({ cohort: 'b', name: 'Job', expiresInDays: null }),
    expect: signedIn({ reviewerA: 'NOT_FOUND', fellowA: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND', admin: 'FORBIDDEN' }),
  },
  'apiTokens.revoke': {
    input: (w) => ({ tokenId: w.apiTokenA.id }),
    expect: signedIn({ fellowB: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND', reviewerA: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  },

  // A fellow's own progress: fellows of the cohort only (admins and facilitators have no
  // readings to tick); a reading or week outside the cohort's syllabus is NOT_FOUND.
  'progress.setReadingDone': { input: (w) => ({ cohort: 'a', itemId: w.editor.itemId, done: true }), expect: fellowsOfA() },
  'progress.setReadingDone (no such reading)': {
    procedure: 'progress.setReadingDone',
    input: () => ({ cohort: 'a', itemId: 'no-such-reading', done: true }),
    expect: fellowsOfA({ fellowA: 'NOT_FOUND' }),
  },
  'progress.saveReflection': { input: (w) => ({ cohort: 'a', weekId: w.editor.weekId, text: 'A note' }), expect: fellowsOfA() },
  'progress.saveReflection (no such week)': {
    procedure: 'progress.saveReflection',
    input: () => ({ cohort: 'a', weekId: 'no-such-week', text: 'A note' }),
    expect: fellowsOfA({ fellowA: 'NOT_FOUND' }),
  },
  'progress.saveCheckIn': { input: (w) => ({ cohort: 'a', weekId: w.editor.weekId, rating: 4, comment: 'Good' }), expect: fellowsOfA() },
  'feedback.results': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'feedback.surveyResults': { input: () => ({ cohort: 'a' }), expect: cohortAdminOnly() },
  'feedback.saveSurveyQuestions': { input: () => ({ cohort: 'a', questions: [{ kind: 'RATING', label: 'How was it?' }] }), expect: cohortAdminOnly() },
  'feedback.mySurvey': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },
  'feedback.submitSurvey': { input: () => ({ cohort: 'a', answers: {} }), expect: fellowsOfA() },
  'progress.saveResponse': { input: (w) => ({ cohort: 'a', promptId: w.editor.promptId, text: 'An answer' }), expect: fellowsOfA() },
  'progress.saveResponse (no such prompt)': {
    procedure: 'progress.saveResponse',
    input: () => ({ cohort: 'a', promptId: 'no-such-prompt', text: 'An answer' }),
    expect: fellowsOfA({ fellowA: 'NOT_FOUND' }),
  },
};

// ---------------------------------------------------------------------------
// The machinery.
// ---------------------------------------------------------------------------

type AnyCall = (input: unknown) => Promise<unknown>;

async function callAs(
  world: World,
  actor: Actor,
  path: string,
  input: unknown,
  callerFor: (ctx: TRPCContext) => unknown = createCaller,
): Promise<Outcome | string> {
  const cookie = world.cookies[actor];
  const ctx = await createTRPCContext({ headers: new Headers(cookie ? { cookie } : {}) });
  let target: unknown = callerFor(ctx);
  for (const segment of path.split('.')) target = (target as Record<string, unknown>)[segment];
  try {
    await (target as AnyCall)(input);
    return 'OK';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    if (error.code === 'BAD_REQUEST' || error.code === 'INTERNAL_SERVER_ERROR') return `${error.code}: ${error.message}`;
    // A conflict comes from the use case itself ("the survey opens in the last week"): the
    // caller got past every access check, which is what this matrix is about.
    if (error.code === 'CONFLICT' && !(error.cause instanceof AppError && error.cause.accessReason)) return 'OK';
    // The code alone could come from anywhere (a NOT_FOUND for a mistyped id would pass for the
    // access check's): the refusal must also carry the access check's reason.
    const reason = error.cause instanceof AppError ? error.cause.accessReason : undefined;
    const expected = expectedReasons(world, actor, error.code, input);
    return reason && expected.includes(reason) ? error.code : `${error.code} with reason ${reason ?? 'none'} (expected ${expected.join(' or ')})`;
  }
}

/** The cohorts each actor may reach: their memberships, every cohort for the admin. */
function reachesCohort(world: World, actor: Actor, slug: string): boolean {
  if (actor === 'admin') return slug === world.cohortA.slug || slug === world.cohortB.slug;
  const memberOf: Partial<Record<Actor, string>> = { fellowA: 'a', fellowB: 'b', facilitatorA1: 'a', facilitatorA2: 'a', reviewerA: 'a' };
  return memberOf[actor] === slug;
}

/**
 * Why a refusal must have happened: signed out; no permission (site-wide or in the cohort);
 * and for NOT_FOUND, the cohort check when the actor cannot reach the input's cohort, the
 * object's scope check otherwise.
 */
function expectedReasons(world: World, actor: Actor, code: string, input: unknown): AccessReason[] {
  if (code === 'UNAUTHORIZED') return ['signed-out'];
  if (code === 'FORBIDDEN') return ['site-permission', 'cohort-permission'];
  const cohort = (input as { cohort?: unknown } | undefined)?.cohort;
  if (code === 'NOT_FOUND' && typeof cohort === 'string' && !reachesCohort(world, actor, cohort)) return ['no-cohort'];
  return ['out-of-reach'];
}

// Typed as the nested router record, but at run time a flat record keyed by dotted path.
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;

describe('authorization matrix', () => {
  const covered = new Set(Object.entries(MATRIX).map(([key, row]) => row.procedure ?? key));

  it('has a row for every procedure of appRouter, and no row for a procedure that is gone', () => {
    const missing = Object.keys(procedures).filter((path) => !covered.has(path));
    const stale = [...covered].filter((path) => !(path in procedures));
    expect(missing, `procedures without a row in the authorization matrix: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `rows for procedures that no longer exist: ${stale.join(', ')}`).toEqual([]);
  });

  const cases = Object.entries(MATRIX)
    .map(([label, row]) => ({ label, path: row.procedure ?? label, row }))
    .filter(({ path }) => path in procedures)
    .flatMap(({ label, path, row }) => ACTORS.map((actor) => ({ label, path, actor, expected: row.expect[actor], row })));

  let world: World;
  let dirty = true;
  beforeEach(async () => {
    if (!dirty) return;
    await resetDatabase();
    world = await buildWorld();
    dirty = false;
  });

  it.each(cases)('$label as $actor → $expected', async ({ path, actor, expected, row }) => {
    // A mutation may change the world (or end the actor's sessions): rebuild it for the next case.
    if (procedures[path]!._def.type === 'mutation') dirty = true;
    expect(await callAs(world, actor, path, row.input(world))).toBe(expected);
  });

  // Self-check: the same row against a router whose check was weakened (adminProcedure →
  // protectedProcedure) must not pass, or the matrix could not catch such a change.
  it('notices a weakened check', async () => {
    dirty = true;
    const weakened = createCallerFactory(
      createTRPCRouter({
        users: createTRPCRouter({ setAdmin: protectedProcedure.input(setAdminInput).mutation(({ ctx, input }) => setAdmin(ctx, input)) }),
      }),
    );
    const row = MATRIX['users.setAdmin']!;
    expect(await callAs(world, 'fellowA', 'users.setAdmin', row.input(world))).toBe(row.expect.fellowA);
    expect(await callAs(world, 'fellowA', 'users.setAdmin', row.input(world), weakened)).not.toBe(row.expect.fellowA);
  });
});

// The matrix says who may call; these say what an allowed caller gets to see.
describe('what each actor sees', () => {
  let world: World;
  const as = async (actor: Actor) => {
    const cookie = world.cookies[actor];
    return createCaller(await createTRPCContext({ headers: new Headers(cookie ? { cookie } : {}) }));
  };

  beforeEach(async () => {
    await resetDatabase();
    world = await buildWorld();
  });

  it('lists only the cohorts one belongs to (all for admins, none signed out or disabled)', async () => {
    const slugs = async (actor: Actor) => (await (await as(actor)).cohorts.mine()).map((cohort) => cohort.slug).sort();
    expect(await slugs('anonymous')).toEqual([]);
    expect(await slugs('disabled')).toEqual([]);
    expect(await slugs('fellowA')).toEqual(['a']);
    expect(await slugs('fellowB')).toEqual(['b']);
    expect(await slugs('facilitatorA2')).toEqual(['a']);
    expect(await slugs('admin')).toEqual(['a', 'b', 'later']);
    expect(await slugs('reviewerA')).toEqual([]);
  });

  it('shows a facilitator the fellows of the groups they lead, never another group\'s', async () => {
    const names = async (actor: Actor) =>
      (await (await as(actor)).members.list({ cohort: 'a' })).map((member) => member.user.name).sort();
    const a2 = await names('facilitatorA2');
    expect(a2).toContain('Peer A2');
    expect(a2).not.toContain('Peer A1');
    expect(a2).not.toContain('Fellow A');
    expect(await names('facilitatorA1')).toEqual(
      expect.arrayContaining(['Fellow A', 'Peer A1', 'Facilitator A1', 'Facilitator A2']),
    );
    expect(await names('facilitatorA1')).not.toContain('Peer A2');
    expect(await names('admin')).toEqual(expect.arrayContaining(['Fellow A', 'Peer A1', 'Peer A2', 'Disabled']));
    expect(await names('admin')).not.toContain('Fellow B');

    const groups = async (actor: Actor) => (await (await as(actor)).members.groups({ cohort: 'a' })).map((g) => g.name);
    expect(await groups('facilitatorA2')).toEqual(['A2']);
    expect(await groups('admin')).toEqual(['A1', 'A2']);
  });

  it('lists only one\'s own sessions', async () => {
    const sessions = await (await as('fellowA')).account.sessions();
    const own = await db.session.findMany({ where: { userId: world.fellowA.user.id }, select: { id: true } });
    expect(sessions.map((session) => session.id).sort()).toEqual(own.map((session) => session.id).sort());
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
  });

  it('signs out everywhere only the caller', async () => {
    await (await as('fellowA')).account.signOutEverywhere();
    expect(await db.session.count({ where: { userId: world.fellowA.user.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: world.fellowB.user.id } })).toBe(1);
  });
});

// ---------------------------------------------------------------------------
// The REST API (/api/v1): who may call what with which API token.
// ---------------------------------------------------------------------------

const TOKEN_ACTORS = ['ownerA', 'ownerB', 'otherUser', 'facilitator', 'revoked', 'expired', 'disabledUser', 'none'] as const;
type TokenActor = (typeof TOKEN_ACTORS)[number];
type RestOutcome = Outcome;
type RestExpectation = Record<TokenActor, RestOutcome>;

/**
 * ownerA: the run's owner, token of cohort A. ownerB: the same person's token of cohort B.
 * otherUser: another fellow of A. facilitator: the owner's facilitator in A (the API is
 * personal: no more than anyone else). revoked, expired: the owner's dead tokens.
 * disabledUser: a member of A whose account is disabled. none: no token.
 */
async function buildRestWorld() {
  await resetDatabase();
  const world = await buildWorld();
  // Every cohort's curriculum gets a `vae` exercise.
  for (const cohort of [world.cohortA, world.cohortB]) {
    const { curriculumId } = await db.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: { curriculumId: true } });
    const item = await db.curriculumItem.findFirstOrThrow({ where: { section: { week: { curriculumId } } }, orderBy: { position: 'asc' } });
    await db.curriculumItem.update({ where: { id: item.id }, data: { kind: 'EXERCISE', exerciseSlug: 'vae', primaryMetric: 'elbo', higherIsBetter: true } });
  }
  await createMembership(world.cohortB.id, 'FELLOW', { userId: world.fellowA.user.id });
  const token = async (userId: string, cohort: string, expiresInDays: number | null = null) =>
    createApiToken({ db, user: null }, { userId, cohort, name: 'matrix', expiresInDays });
  const revoked = await token(world.fellowA.user.id, 'a');
  await revokeApiToken({ db, user: world.fellowA.user }, { tokenId: revoked.id });
  const expired = await token(world.fellowA.user.id, 'a', 1);
  await db.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const disabledUser = await createUser({ name: 'Disabled Fellow', email: 'disabled-fellow@matrix.test' });
  await createMembership(world.cohortA.id, 'FELLOW', { userId: disabledUser.id, groupId: world.groupA1.id });
  const disabledToken = await token(disabledUser.id, 'a');
  await db.user.update({ where: { id: disabledUser.id }, data: { disabledAt: new Date() } });

  const tokens: Record<TokenActor, string | null> = {
    ownerA: (await token(world.fellowA.user.id, 'a')).token,
    ownerB: (await token(world.fellowA.user.id, 'b')).token,
    otherUser: (await token(world.peerA1.user.id, 'a')).token,
    facilitator: (await token(world.facilitatorA1.user.id, 'a')).token,
    revoked: revoked.token,
    expired: expired.token,
    disabledUser: disabledToken.token,
    none: null,
  };
  const created = await callApi('POST', '/api/v1/runs', { token: tokens.ownerA, body: { exercise: 'vae', client_run_id: 'matrix-run' } });
  const runId = (created.body as { run_id: string }).run_id;
  const logged = await callApi('POST', `/api/v1/runs/${runId}/metrics`, { token: tokens.ownerA, body: { seq: 1, points: [{ key: 'elbo', step: 0, value: -40 }] } });
  if (created.status !== 201 || logged.status !== 200) throw new Error(`REST world: ${JSON.stringify([created.body, logged.body])}`);
  return { ...world, tokens, runId };
}

type RestWorld = Awaited<ReturnType<typeof buildRestWorld>>;

const restAll = (outcome: RestOutcome): RestExpectation =>
  Object.fromEntries(TOKEN_ACTORS.map((actor) => [actor, outcome])) as RestExpectation;
/** Refused before anything else: dead or missing tokens, disabled accounts. */
const restDenied = { revoked: 'UNAUTHORIZED', expired: 'UNAUTHORIZED', none: 'UNAUTHORIZED', disabledUser: 'FORBIDDEN' } as const;
/** Any live token of a member. */
const anyToken = (): RestExpectation => ({ ...restAll('OK'), ...restDenied });
/** The owner's run, named through a token: only its owner's token of its cohort reaches it. */
const ownRun = (): RestExpectation => ({ ...restAll('NOT_FOUND'), ...restDenied, ownerA: 'OK' });

/** A 1 × 1 PNG: signature and IHDR are all the API reads. */
const MATRIX_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);

type RestRow = {
  /** "METHOD /path" as the OpenAPI document names it. */
  operation: string;
  request: (world: RestWorld, call: number) => { path: string; body?: unknown; rawBody?: Uint8Array; headers?: Record<string, string> };
  expect: RestExpectation;
};

let restCall = 0;
const REST_MATRIX: Record<string, RestRow> = {
  'GET /api/v1/me': { operation: 'GET /api/v1/me', request: () => ({ path: '/api/v1/me' }), expect: anyToken() },
  // Runs are always created in the token's own cohort: a token of B cannot reach A, and vice versa.
  'POST /api/v1/runs': {
    operation: 'POST /api/v1/runs',
    request: (_w, call) => ({ path: '/api/v1/runs', body: { exercise: 'vae', client_run_id: `matrix-new-${call}` } }),
    expect: anyToken(),
  },
  'POST /api/v1/runs (client_run_id of the owner\'s run)': {
    operation: 'POST /api/v1/runs',
    request: () => ({ path: '/api/v1/runs', body: { exercise: 'vae', client_run_id: 'matrix-run' } }),
    // The owner resumes it; through cohort B it is a conflict (never a way in); others get their own new run.
    expect: { ...anyToken(), ownerB: 'CONFLICT' as RestOutcome },
  },
  'GET /api/v1/runs/{run_id}': { operation: 'GET /api/v1/runs/{run_id}', request: (w) => ({ path: `/api/v1/runs/${w.runId}` }), expect: ownRun() },
  'PATCH /api/v1/runs/{run_id}': {
    operation: 'PATCH /api/v1/runs/{run_id}',
    request: (w) => ({ path: `/api/v1/runs/${w.runId}`, body: { status: 'running', summary: { elbo: -40 } } }),
    expect: ownRun(),
  },
  'POST /api/v1/runs/{run_id}/metrics': {
    operation: 'POST /api/v1/runs/{run_id}/metrics',
    request: (w, call) => ({ path: `/api/v1/runs/${w.runId}/metrics`, body: { seq: 100 + call, points: [{ key: 'elbo', step: call, value: -1 }] } }),
    expect: ownRun(),
  },
  'POST /api/v1/runs/{run_id}/artifacts': {
    operation: 'POST /api/v1/runs/{run_id}/artifacts',
    request: (w, call) => ({ path: `/api/v1/runs/${w.runId}/artifacts?name=samples&step=${call}`, rawBody: MATRIX_PNG, headers: { 'content-type': 'image/png' } }),
    expect: ownRun(),
  },
  'GET /api/v1/runs/{run_id}/metrics': {
    operation: 'GET /api/v1/runs/{run_id}/metrics',
    request: (w) => ({ path: `/api/v1/runs/${w.runId}/metrics?key=elbo` }),
    expect: ownRun(),
  },
  // Public documents: anyone, with or without a token (a dead token is not even looked at).
  'GET /api/v1/openapi.json': { operation: 'GET /api/v1/openapi.json', request: () => ({ path: '/api/v1/openapi.json' }), expect: restAll('OK') },
  'GET /api/v1/curricula/{slug}': { operation: 'GET /api/v1/curricula/{slug}', request: (w) => ({ path: `/api/v1/curricula/${w.curriculum.slug}` }), expect: restAll('OK') },
};

const REST_OUTCOMES: Record<number, RestOutcome | 'CONFLICT'> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' };

async function callRest(world: RestWorld, actor: TokenActor, row: RestRow): Promise<string> {
  restCall += 1;
  const [method] = row.operation.split(' ') as [string];
  const { path, ...request } = row.request(world, restCall);
  const answer = await callApiOrDocument(method, path, { token: world.tokens[actor], ...request });
  if (answer.status >= 200 && answer.status < 300) return 'OK';
  return REST_OUTCOMES[answer.status] ?? `${answer.status}: ${JSON.stringify(answer.body)}`;
}

/** The token routes through the shared test helper; the two public documents directly. */
async function callApiOrDocument(method: string, path: string, options: { token: string | null; body?: unknown; rawBody?: Uint8Array; headers?: Record<string, string> }) {
  const headers = new Headers(options.token ? { authorization: `Bearer ${options.token}` } : {});
  if (path === '/api/v1/openapi.json') {
    const { GET } = await import('@/app/api/v1/openapi.json/route');
    return { status: GET(new Request(`http://matrix.test${path}`, { headers })).status, body: null };
  }
  if (path.startsWith('/api/v1/curricula/')) {
    const { GET } = await import('@/app/api/v1/curricula/[slug]/route');
    const response = await GET(new Request(`http://matrix.test${path}`, { headers }), { params: Promise.resolve({ slug: path.split('/').pop()! }) });
    return { status: response.status, body: await response.json() };
  }
  return callApi(method, path, options);
}

describe('authorization matrix of the REST API (/api/v1, API tokens)', () => {
  let world: RestWorld;

  it('has a row for every operation of the OpenAPI document', () => {
    const documented = Object.entries(buildOpenApiDocument().paths).flatMap(([route, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${route}`),
    );
    const covered = new Set(Object.values(REST_MATRIX).map((row) => row.operation));
    expect(documented.filter((operation) => !covered.has(operation))).toEqual([]);
    expect([...covered].filter((operation) => !documented.includes(operation))).toEqual([]);
  });

  const cases = Object.entries(REST_MATRIX).flatMap(([label, row]) =>
    TOKEN_ACTORS.map((actor) => ({ label, actor, expected: row.expect[actor], row })),
  );

  it.each(cases)('$label with $actor → $expected', async ({ actor, expected, row }) => {
    world ??= await buildRestWorld();
    expect(await callRest(world, actor, row)).toBe(expected);
  });

  // Self-check: a handler that forgot the owner filter would hand the run to anyone with a token.
  it('notices a missing owner check', async () => {
    world ??= await buildRestWorld();
    const row = REST_MATRIX['GET /api/v1/runs/{run_id}']!;
    const weakened = async (actor: TokenActor) => {
      const me = await callApi('GET', '/api/v1/me', { token: world.tokens[actor] });
      if (me.status !== 200) return REST_OUTCOMES[me.status]!;
      return (await db.run.findUnique({ where: { id: world.runId } })) ? 'OK' : 'NOT_FOUND';
    };
    expect(await callRest(world, 'otherUser', row)).toBe(row.expect.otherUser);
    expect(await weakened('otherUser')).not.toBe(row.expect.otherUser);
  });
});
