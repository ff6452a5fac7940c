// API tokens: made, listed, revoked (service, CLI), and checked on every /api/v1 request:
// missing, malformed, unknown, expired and revoked tokens are 401s that say which; a token
// reaches only its own user's runs in its own cohort; the per-token rate limit answers 429.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { createApiToken, listApiTokens, parseExpiry, revokeApiToken } from '@/server/services/api-tokens/api-tokens';
import { TOKEN_PATTERN } from '@/server/services/api-tokens/token-secret';
import { createMembership, createUser } from '../../factories';
import { runCli } from '../run-command';
import { buildApiWorld, callApi, countRows, points, type ApiWorld } from './api-world';

let world: ApiWorld;
beforeAll(async () => {
  world = await buildApiWorld();
});

const me = (token: string | null, headers: Record<string, string> = {}) => callApi('GET', '/api/v1/me', { token, headers });
const errorOf = (answer: { body: unknown }) => (answer.body as { error: { code: string; message: string } }).error;

async function createRun(token: string, clientRunId: string) {
  const answer = await callApi('POST', '/api/v1/runs', { token, body: { exercise: 'vae', client_run_id: clientRunId } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return (answer.body as { run_id: string }).run_id;
}

describe('API tokens (service)', () => {
  it('makes fsk_ tokens of 160 random bits, stores only their SHA-256 and a short prefix', async () => {
    const made = await createApiToken({ db, user: null }, { userId: world.alice.id, cohort: world.cohortA.slug, name: 'laptop', expiresInDays: 90 });
    expect(made.token).toMatch(TOKEN_PATTERN);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(made.token).digest('hex'));
    expect(row.prefix).toBe(made.token.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(made.token);
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(90 * 24 * 60 * 60 * 1000);

    const list = await listApiTokens({ db, user: null }, { userId: world.alice.id });
    expect(list.find((token) => token.id === made.id)).toMatchObject({ name: 'laptop', status: 'active', prefix: row.prefix });
    expect(JSON.stringify(list)).not.toContain(row.tokenHash);
    expect(JSON.stringify(list)).not.toContain(made.token);
  });

  it('refuses a cohort the user is not a member of, and an unknown cohort', async () => {
    const outsider = await createUser({ isAdmin: true });
    await expect(createApiToken({ db, user: null }, { userId: outsider.id, cohort: world.cohortA.slug, name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createApiToken({ db, user: null }, { userId: world.alice.id, cohort: 'no-such-cohort', name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createApiToken({ db, user: null }, { userId: world.alice.id, cohort: world.cohortA.slug, name: '  ' })).rejects.toThrow();
  });

  it("revokes only one's own tokens", async () => {
    const made = await createApiToken({ db, user: null }, { userId: world.bob.id, cohort: world.cohortA.slug, name: 'bob 2' });
    await expect(revokeApiToken({ db, user: world.alice }, { tokenId: made.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await revokeApiToken({ db, user: world.bob }, { tokenId: made.id })).status).toBe('revoked');
    expect((await revokeApiToken({ db, user: world.bob }, { tokenId: made.id })).status).toBe('revoked');
  });

  it('reads --expires', () => {
    expect(parseExpiry('90d')).toBe(90);
    expect(parseExpiry('7')).toBe(7);
    expect(parseExpiry('never')).toBeNull();
    expect(() => parseExpiry('0d')).toThrow(/--expires/);
    expect(() => parseExpiry('3 weeks')).toThrow(/--expires/);
  });
});

describe('401s: missing, malformed, unknown, expired and revoked tokens', () => {
  it('says what is wrong, distinctly', async () => {
    const missing = await me(null);
    expect(missing.status).toBe(401);
    expect(errorOf(missing)).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/^Missing API token/) });

    const scheme = await me(null, { authorization: `Token ${world.tokenA}` });
    expect(errorOf(scheme).message).toMatch(/must read "Bearer <token>"/);

    const malformed = await me('fsk_short');
    expect(malformed.status).toBe(401);
    expect(errorOf(malformed).message).toMatch(/not a Fellowship API token/);

    const unknown = await me(`fsk_${'a'.repeat(32)}`);
    expect(unknown.status).toBe(401);
    expect(errorOf(unknown).message).toMatch(/not known/);

    const expiring = await createApiToken({ db, user: null }, { userId: world.alice.id, cohort: world.cohortA.slug, name: 'short-lived', expiresInDays: 1 });
    expect((await me(expiring.token)).status).toBe(200);
    await db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await me(expiring.token);
    expect(expired.status).toBe(401);
    expect(errorOf(expired).message).toMatch(/expired on/);
  });

  it('stops a revoked token at once, between two requests of a running job', async () => {
    const made = await createApiToken({ db, user: null }, { userId: world.alice.id, cohort: world.cohortA.slug, name: 'to revoke' });
    const runId = await createRun(made.token, `revoked-${Date.now()}`);
    const first = await callApi('POST', `/api/v1/runs/${runId}/metrics`, { token: made.token, body: { seq: 1, points: points(10) } });
    expect(first.status).toBe(200);
    await revokeApiToken({ db, user: world.alice }, { tokenId: made.id });
    const before = await countRows();
    const second = await callApi('POST', `/api/v1/runs/${runId}/metrics`, { token: made.token, body: { seq: 2, points: points(10, { from: 10 }) } });
    expect(second.status).toBe(401);
    expect(errorOf(second).message).toMatch(/was revoked on/);
    expect(await countRows()).toEqual(before);
  });

  it('answers 403 once the account is disabled or has left the cohort', async () => {
    const carol = await createUser({ name: 'Carol' });
    const membership = await createMembership(world.cohortA.id, 'FELLOW', { userId: carol.id });
    const made = await createApiToken({ db, user: null }, { userId: carol.id, cohort: world.cohortA.slug, name: 'carol' });
    expect((await me(made.token)).status).toBe(200);
    await db.membership.delete({ where: { id: membership.id } });
    const left = await me(made.token);
    expect(left.status).toBe(403);
    expect(errorOf(left).message).toMatch(/no longer a member/);
    await createMembership(world.cohortA.id, 'FELLOW', { userId: carol.id });
    await db.user.update({ where: { id: carol.id }, data: { disabledAt: new Date() } });
    expect(errorOf(await me(made.token))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/disabled/) });
  });
});

describe('scope: one user in one cohort', () => {
  it("keeps cohort A's runs from a token of cohort B, and one user's runs from another user", async () => {
    const runId = await createRun(world.tokenA, `scoped-${Date.now()}`);
    await callApi('POST', `/api/v1/runs/${runId}/metrics`, { token: world.tokenA, body: { seq: 1, points: points(5) } });
    const before = await countRows();
    for (const token of [world.tokenB, world.bobToken]) {
      expect((await callApi('GET', `/api/v1/runs/${runId}`, { token })).status).toBe(404);
      expect((await callApi('GET', `/api/v1/runs/${runId}/metrics?key=elbo`, { token })).status).toBe(404);
      expect((await callApi('PATCH', `/api/v1/runs/${runId}`, { token, body: { status: 'killed' } })).status).toBe(404);
      expect((await callApi('POST', `/api/v1/runs/${runId}/metrics`, { token, body: { seq: 2, points: points(5, { from: 5 }) } })).status).toBe(404);
    }
    expect(await countRows()).toEqual(before);
    expect((await callApi('GET', `/api/v1/runs/${runId}`, { token: world.tokenA })).status).toBe(200);
  });

  it("creates runs only in the token's cohort, of that cohort's exercises", async () => {
    const runId = await createRun(world.tokenB, `in-b-${Date.now()}`);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { exercise: { include: { section: { include: { week: true } } } } } });
    expect(run.cohortId).toBe(world.cohortB.id);
    expect(run.exercise.section.week.curriculumId).toBe(world.curriculumB.id);
  });

  it('finds the same client_run_id of different users as different runs', async () => {
    const a = await createRun(world.tokenA, 'same-name');
    const b = await createRun(world.bobToken, 'same-name');
    expect(a).not.toBe(b);
  });
});

describe('rate limit and last use', () => {
  it('answers 429 with Retry-After once a token used its minute, and nothing else happens', async () => {
    const made = await createApiToken({ db, user: null }, { userId: world.bob.id, cohort: world.cohortA.slug, name: 'busy' });
    expect((await me(made.token)).headers.get('x-ratelimit-remaining')).toBe('599');
    await db.rateLimitBucket.update({ where: { key: `api-token:${made.id}` }, data: { count: 600 } });
    const before = await countRows();
    const limited = await callApi('POST', '/api/v1/runs', { token: made.token, body: { exercise: 'vae', client_run_id: 'limited' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(errorOf(limited).code).toBe('TOO_MANY_REQUESTS');
    expect(await countRows()).toEqual(before);
    // Another token of the same person has its own budget.
    expect((await me(world.bobToken)).status).toBe(200);
  });

  it('records the last use, at most once a minute', async () => {
    const made = await createApiToken({ db, user: null }, { userId: world.bob.id, cohort: world.cohortA.slug, name: 'fresh' });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt).toBeNull();
    await me(made.token);
    const first = (await db.apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt!;
    expect(Math.abs(first.getTime() - Date.now())).toBeLessThan(10_000);
    await me(made.token);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt).toEqual(first);
    await db.apiToken.update({ where: { id: made.id }, data: { lastUsedAt: new Date(Date.now() - 2 * 60_000) } });
    await me(made.token);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });
});

describe('fellowship token (CLI)', () => {
  it('creates, lists and revokes tokens', async () => {
    const created = await runCli(['token', 'create', '--email', world.alice.email, '--cohort', world.cohortA.slug, '--name', 'cluster', '--expires', '30d', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const token = JSON.parse(created.stdout) as { id: string; token: string; expiresAt: string; status: string };
    expect(token.token).toMatch(TOKEN_PATTERN);
    expect(token.status).toBe('active');
    expect((await me(token.token)).status).toBe(200);

    const listed = await runCli(['token', 'list', '--email', world.alice.email]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(token.id);
    expect(listed.stdout).toContain('"cluster"');
    expect(listed.stdout).not.toContain(token.token);

    const revoked = await runCli(['token', 'revoke', token.id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Revoked');
    expect((await me(token.token)).status).toBe(401);

    const human = await runCli(['token', 'create', '--email', world.alice.email, '--cohort', world.cohortA.slug]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/fsk_[a-z2-7]{32}/);
    expect(human.stdout).toContain('no expiry');
  });

  it('explains bad input', async () => {
    expect((await runCli(['token', 'create', '--email', world.alice.email])).code).toBe(2);
    const notMember = await runCli(['token', 'create', '--email', world.bob.email, '--cohort', world.cohortB.slug]);
    expect(notMember.code).toBe(1);
    expect(notMember.stderr).toContain('not a member');
    const badExpiry = await runCli(['token', 'create', '--email', world.alice.email, '--cohort', world.cohortA.slug, '--expires', 'soon']);
    expect(badExpiry.code).toBe(1);
    expect(badExpiry.stderr).toContain('--expires');
    const unknown = await runCli(['token', 'list', '--email', 'nobody@api.test']);
    expect(unknown.code).toBe(1);
    expect((await runCli(['token', 'revoke', 'nope'])).code).toBe(1);
  });
});
