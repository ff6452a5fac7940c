// Who may call what: every procedure of the app router, called by every kind of actor through
// the real context path (a cookie of a real Session row → createTRPCContext → createCaller).
// A procedure without a row here fails the suite, so a new procedure cannot ship unreviewed.
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
import { createSession } from '@/server/services/auth/sessions';
import { setAdmin, setAdminInput } from '@/server/services/users/manage-users';
import { createCohort, createCurriculum, createGroup, createMembership, createUser } from '../factories';

const ACTORS = ['anonymous', 'fellowA', 'fellowB', 'facilitatorA1', 'facilitatorA2', 'admin', 'disabled'] as const;
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

  const actors = { fellowA: fellowA.user, fellowB: fellowB.user, facilitatorA1: facilitatorA1.user, facilitatorA2: facilitatorA2.user, admin, disabled };
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
    cookies,
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

const MATRIX: Record<string, Row> = {
  // Public syllabus and the (viewer-filtered) cohort list.
  'curriculum.list': { input: () => undefined, expect: everyone() },
  'curriculum.bySlug': { input: (w) => ({ slug: w.curriculum.slug }), expect: everyone() },
  'cohort.list': { input: () => undefined, expect: everyone() },

  // A cohort's home page: any member, or an admin.
  'cohort.get': { input: () => ({ cohort: 'a' }), expect: cohortA('FELLOW') },
  'cohort.get (cohort B)': {
    procedure: 'cohort.get',
    input: () => ({ cohort: 'b' }),
    expect: signedIn({ fellowA: 'NOT_FOUND', facilitatorA1: 'NOT_FOUND', facilitatorA2: 'NOT_FOUND' }),
  },
  'cohort.get (no such cohort)': {
    procedure: 'cohort.get',
    input: () => ({ cohort: 'no-such-cohort' }),
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHORIZED', disabled: 'UNAUTHORIZED' },
  },

  // One's own account.
  'account.me': { input: () => undefined, expect: signedIn() },
  'account.updateName': { input: () => ({ name: 'Renamed' }), expect: signedIn() },
  'account.sessions': { input: () => undefined, expect: signedIn() },
  'account.signOutEverywhere': { input: () => undefined, expect: signedIn() },

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
    if (error instanceof TRPCError) return error.code === 'BAD_REQUEST' || error.code === 'INTERNAL_SERVER_ERROR' ? `${error.code}: ${error.message}` : error.code;
    throw error;
  }
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
        users: createTRPCRouter({ setAdmin: protectedProcedure.input(setAdminInput).mutation(({ input }) => setAdmin(input)) }),
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
    const slugs = async (actor: Actor) => (await (await as(actor)).cohort.list()).map((cohort) => cohort.slug).sort();
    expect(await slugs('anonymous')).toEqual([]);
    expect(await slugs('disabled')).toEqual([]);
    expect(await slugs('fellowA')).toEqual(['a']);
    expect(await slugs('fellowB')).toEqual(['b']);
    expect(await slugs('facilitatorA2')).toEqual(['a']);
    expect(await slugs('admin')).toEqual(['a', 'b']);
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
