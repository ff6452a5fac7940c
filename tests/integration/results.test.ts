// Training results in the web UI and the downsampled reads behind it, on real PostgreSQL:
// a single-step spike in a million-point series survives, the first and last points are
// always there, step ranges come back at full detail, NaN is a gap (null), never a zero; who
// may see whose runs (and names on leaderboards); leaderboards rank in the metric's direction.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '@/server/api/root';
import { createTRPCContext } from '@/server/api/trpc';
import { metricSeriesResponseSchema } from '@/server/api/v1/schemas';
import { db } from '@/server/db/client';
import { createSession } from '@/server/services/auth/sessions';
import { listExerciseStatus } from '@/server/services/results/exercise-status';
import { createCohort, createGroup, createMembership, createUser, createPerson } from '../factories';
import { callApi, createExerciseCurriculum } from './api-v1/api-world';
import { createApiToken } from '@/server/services/api-tokens/api-tokens';

const DAY = 24 * 60 * 60 * 1000;

async function buildWorld() {
  const curriculum = await createExerciseCurriculum('results-track');
  // A second exercise where lower is better.
  const section = await db.curriculumSection.findFirstOrThrow({ where: { week: { curriculumId: curriculum.id } } });
  await db.curriculumItem.create({
    data: { sectionId: section.id, position: 9, title: 'Lowest loss', kind: 'EXERCISE', exerciseSlug: 'loss', primaryMetric: 'loss', higherIsBetter: false },
  });
  const cohort = await createCohort({ slug: 'results', name: 'Results cohort', status: 'ACTIVE', curriculumId: curriculum.id });
  const group1 = await createGroup(cohort.id, { name: 'G1' });
  const group2 = await createGroup(cohort.id, { name: 'G2' });
  const person = (name: string, role: 'FELLOW' | 'FACILITATOR', groupId?: string) =>
    createPerson(cohort.id, role, { name, email: `${name.toLowerCase().replaceAll(' ', '-')}@results.test`, groupId });
  const ann = await person('Ann Fellow', 'FELLOW', group1.id);
  const ben = await person('Ben Fellow', 'FELLOW', group1.id);
  const cat = await person('Cat Fellow', 'FELLOW', group2.id);
  const dan = await person('Dan Fellow', 'FELLOW', group2.id); // no runs
  const fay = await person('Fay Facilitator', 'FACILITATOR', group1.id);
  const admin = await createUser({ name: 'Admin', email: 'admin@results.test', isAdmin: true });
  const exercises = await db.curriculumItem.findMany({ where: { exerciseSlug: { not: null }, section: { week: { curriculumId: curriculum.id } } } });
  const vae = exercises.find((item) => item.exerciseSlug === 'vae')!;
  const loss = exercises.find((item) => item.exerciseSlug === 'loss')!;
  return { cohort, group1, group2, ann, ben, cat, dan, fay, admin, vae, loss };
}

type World = Awaited<ReturnType<typeof buildWorld>>;
let world: World;
let runs: Record<string, string>;

/** A finished run with one series per key (values at steps 0, 1, 2…), summaries kept right. */
async function createRun(userId: string, exerciseItemId: string, name: string, series: Record<string, number[]>, summary?: Record<string, unknown>) {
  const run = await db.run.create({
    data: { cohortId: world.cohort.id, userId, exerciseItemId, clientRunId: `${name}-${Math.random()}`, name, status: 'FINISHED', summary: summary as never, finishedAt: new Date() },
  });
  for (const [key, values] of Object.entries(series)) {
    const finite = values.filter(Number.isFinite);
    const created = await db.metricSeries.create({
      data: { runId: run.id, key, count: values.length, min: Math.min(...finite), max: Math.max(...finite), last: values.at(-1)!, lastStep: values.length - 1 },
    });
    await db.metricPoint.createMany({ data: values.map((value, step) => ({ seriesId: created.id, step, value })) });
  }
  return run.id;
}

async function callerFor(userId: string) {
  const { sessionToken } = await createSession(db, userId, { maxAgeMs: 30 * DAY, idleMs: 14 * DAY });
  return createCaller(await createTRPCContext({ headers: new Headers({ cookie: `next-auth.session-token=${sessionToken}` }) }));
}

beforeAll(async () => {
  world = await buildWorld();
  runs = {
    annVae: await createRun(world.ann.user.id, world.vae.id, 'ann beta=1', { elbo: [-50, -40, -30, -25], kl: [0, 1, NaN, 3] }),
    annVae2: await createRun(world.ann.user.id, world.vae.id, 'ann beta=4', { elbo: [-50, -45] }, { elbo: -20 }),
    benVae: await createRun(world.ben.user.id, world.vae.id, 'ben run', { elbo: [-60, -35] }),
    catVae: await createRun(world.cat.user.id, world.vae.id, 'cat run', { elbo: [-70, -22] }),
    annLoss: await createRun(world.ann.user.id, world.loss.id, 'ann loss', { loss: [3, 0.9] }),
    benLoss: await createRun(world.ben.user.id, world.loss.id, 'ben loss', { loss: [3, 0.4] }),
    catLoss: await createRun(world.cat.user.id, world.loss.id, 'cat loss', { loss: [3, NaN] }),
  };
});

describe('downsampled reads of a million-point series', () => {
  it('keeps a single-step spike, NaN, the first and the last point, and at most max_points', { timeout: 180_000 }, async () => {
    // A member of no group, so the other tests' lists stay as they are.
    const user = await createUser({ email: 'million@results.test' });
    await createMembership(world.cohort.id, 'FELLOW', { userId: user.id });
    const { token } = await createApiToken({ db, user: null }, { userId: user.id, cohort: world.cohort.slug, name: 'million', expiresInDays: null });
    const runId = await createRun(user.id, world.vae.id, 'million', {});
    const series = await db.metricSeries.create({ data: { runId, key: 'loss', count: 1_000_000, min: -1, max: 1000, last: Math.sin(999_999 / 1000), lastStep: 999_999 } });
    await db.$executeRaw`
      INSERT INTO "MetricPoint" ("seriesId", step, value)
      SELECT ${series.id}, g, CASE WHEN g = 500001 THEN 1000 WHEN g = 777777 THEN 'NaN'::float8 ELSE sin(g / 1000.0) END
      FROM generate_series(0, 999999) g`;

    const read = async (query: string) => {
      const answer = await callApi('GET', `/api/v1/runs/${runId}/metrics?key=loss${query}`, { token });
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
      return metricSeriesResponseSchema.parse(answer.body);
    };
    const whole = await read('');
    expect(whole.downsampled).toBe(true);
    expect(whole.count).toBe(1_000_000);
    expect(whole.points.length).toBeLessThanOrEqual(1500);
    expect(whole.points.length).toBeGreaterThan(1000);
    expect(whole.points[0]!.step).toBe(0);
    expect(whole.points.at(-1)!.step).toBe(999_999);
    expect(whole.points.find((point) => point.step === 500_001)?.value).toBe(1000);
    expect(whole.points.find((point) => point.step === 777_777)?.value).toBe('NaN');
    const steps = whole.points.map((point) => point.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));

    // A second read of the same version answers the same (from the cache).
    expect(await read('')).toEqual(whole);

    const small = await read('&max_points=10');
    expect(small.points.length).toBeLessThanOrEqual(10);
    // Two buckets: the second holds both the spike and the NaN, and NaN counts as the highest.
    expect(small.points.map((point) => point.step)).toContain(777_777);

    // A zoomed range: downsampled within it, its own first and last points kept.
    const zoomed = await read('&min_step=400000&max_step=600000&max_points=100');
    expect(zoomed.points.length).toBeLessThanOrEqual(100);
    expect(zoomed.points[0]!.step).toBe(400_000);
    expect(zoomed.points.at(-1)!.step).toBe(600_000);
    expect(zoomed.points.find((point) => point.step === 500_001)?.value).toBe(1000);

    // A narrow range comes back at full detail.
    const detail = await read('&min_step=499990&max_step=500010');
    expect(detail.downsampled).toBe(false);
    expect(detail.points.map((point) => point.step)).toEqual(Array.from({ length: 21 }, (_, i) => 499_990 + i));

    // The whole-series read merged rollups (a few thousand rows) instead of scanning the points.
    expect(await db.metricRollup.count({ where: { seriesId: series.id } })).toBe(Math.ceil(1_000_000 / 256));

    // A job re-logs step 250,000 (resumed from a checkpoint): the ingest marks the rollups from
    // that bucket on as stale, and the next read sees the new low.
    const relog = await callApi('POST', `/api/v1/runs/${runId}/metrics`, { token, body: { seq: 1, points: [{ key: 'loss', step: 250_000, value: -500 }] } });
    expect(relog.status, JSON.stringify(relog.body)).toBe(200);
    expect((await db.metricSeries.findUniqueOrThrow({ where: { id: series.id } })).rollupValidBelow).toBe(249_856);
    const afterRelog = await read('');
    expect(afterRelog.points.find((point) => point.step === 250_000)?.value).toBe(-500);
    expect(afterRelog.points.find((point) => point.step === 500_001)?.value).toBe(1000);

    // Appended steps extend the chart without rescanning: only the last bucket is rebuilt.
    const append = await callApi('POST', `/api/v1/runs/${runId}/metrics`, { token, body: { seq: 2, points: [{ key: 'loss', step: 1_000_000, value: 2000 }] } });
    expect(append.status, JSON.stringify(append.body)).toBe(200);
    const appended = await read('');
    expect(appended.points.at(-1)).toMatchObject({ step: 1_000_000, value: 2000 });
    expect(appended.count).toBe(1_000_001);
  });

  it('reads a sparse range whole, and refuses a reversed or malformed range', async () => {
    const ann = await callerFor(world.ann.user.id);
    const chart = await ann.runs.series({ cohort: 'results', runId: runs.annVae!, key: 'elbo', minStep: 1, maxStep: 2 });
    expect(chart).toMatchObject({ steps: [1, 2], values: [-40, -30], downsampled: false });
    await expect(ann.runs.series({ cohort: 'results', runId: runs.annVae!, key: 'elbo', minStep: 3, maxStep: 2 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const answer = await callApi('GET', `/api/v1/runs/${runs.annVae}/metrics?key=elbo&min_step=5&max_step=1`, {});
    expect(answer.status).toBe(401);
  });

  it('gives NaN to charts as null (a gap), never zero, and counts it', async () => {
    const ann = await callerFor(world.ann.user.id);
    const chart = await ann.runs.series({ cohort: 'results', runId: runs.annVae!, key: 'kl' });
    expect(chart.steps).toEqual([0, 1, 2, 3]);
    expect(chart.values).toEqual([0, 1, null, 3]);
    expect(chart.nanCount).toBe(1);
  });
});

describe('who sees which runs', () => {
  const ids = (list: { id: string }[]) => list.map((run) => run.id).sort();

  it('shows a fellow their own runs only, and refuses the others as NOT_FOUND', async () => {
    const ann = await callerFor(world.ann.user.id);
    expect(ids(await ann.runs.list({ cohort: 'results' }))).toEqual([runs.annVae, runs.annVae2, runs.annLoss].sort());
    await expect(ann.runs.get({ cohort: 'results', runId: runs.catVae! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ann.runs.get({ cohort: 'results', runId: runs.benVae! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ann.runs.series({ cohort: 'results', runId: runs.catVae!, key: 'elbo' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ann.runs.compare({ cohort: 'results', runIds: [runs.annVae!, runs.benVae!] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows a facilitator the runs of the groups they lead, and an admin all', async () => {
    const fay = await callerFor(world.fay.user.id);
    expect(ids(await fay.runs.list({ cohort: 'results' }))).toEqual([runs.annVae, runs.annVae2, runs.benVae, runs.annLoss, runs.benLoss].sort());
    await expect(fay.runs.get({ cohort: 'results', runId: runs.catVae! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const compared = await fay.runs.compare({ cohort: 'results', runIds: [runs.annVae!, runs.benVae!], key: 'elbo' });
    expect(compared.series.map((series) => series?.values)).toEqual([
      [-50, -40, -30, -25],
      [-60, -35],
    ]);
    const admin = await callerFor(world.admin.id);
    expect((await admin.runs.list({ cohort: 'results' })).length).toBeGreaterThanOrEqual(7);
    expect((await admin.runs.get({ cohort: 'results', runId: runs.catVae! })).name).toBe('cat run');
  });

  it('hides other fellows\' names and runs on leaderboards when the cohort says so', async () => {
    const ann = await callerFor(world.ann.user.id);
    let board = await ann.runs.exercise({ cohort: 'results', exercise: 'vae' });
    // Shown names: everyone's best, but only one's own run opens.
    expect(board.leaderboard.map((entry) => entry.displayName)).toEqual(['Ann Fellow', 'Cat Fellow', 'Ben Fellow']);
    expect(board.leaderboard.filter((entry) => entry.runId !== null).map((entry) => entry.displayName)).toEqual(['Ann Fellow']);

    // The admin ticks "Hide fellows' names on leaderboards" in the cohort's settings.
    const admin = await callerFor(world.admin.id);
    expect(await admin.cohorts.update({ cohort: 'results', leaderboardHideNames: true })).toMatchObject({ leaderboardHideNames: true });
    expect((await admin.cohorts.settings({ cohort: 'results' })).leaderboardHideNames).toBe(true);
    board = await ann.runs.exercise({ cohort: 'results', exercise: 'vae' });
    expect(board.namesHidden).toBe(true);
    expect(board.leaderboard.map((entry) => entry.displayName)).toEqual(['Ann Fellow', 'Fellow 1', 'Fellow 2']);
    expect(JSON.stringify(board)).not.toMatch(/Cat|Ben|cat run|ben run/);
    expect(board.leaderboard.slice(1).every((entry) => entry.runId === null && entry.runName === null)).toBe(true);
    expect(board.groups).toEqual([]);
    // The facilitator still sees names.
    const fay = await callerFor(world.fay.user.id);
    const facilitatorBoard = await fay.runs.exercise({ cohort: 'results', exercise: 'vae' });
    expect(facilitatorBoard.leaderboard.map((entry) => entry.displayName)).toEqual(['Ann Fellow', 'Cat Fellow', 'Ben Fellow']);
    await db.cohort.update({ where: { id: world.cohort.id }, data: { leaderboardHideNames: false } });
  });
});

describe('leaderboards', () => {
  it('rank by the summary value, else the last value, in the metric\'s direction', async () => {
    const fay = await callerFor(world.fay.user.id);
    const vae = await fay.runs.exercise({ cohort: 'results', exercise: 'vae' });
    // Higher is better: Ann's best is her second run's summary (-20), Cat -22, Ben -35.
    expect(vae.leaderboard.map((entry) => [entry.rank, entry.displayName, entry.value])).toEqual([
      [1, 'Ann Fellow', -20],
      [2, 'Cat Fellow', -22],
      [3, 'Ben Fellow', -35],
    ]);
    // Lower is better; Cat's last value is NaN, so Cat has no result.
    const loss = await fay.runs.exercise({ cohort: 'results', exercise: 'loss' });
    expect(loss.leaderboard.map((entry) => [entry.displayName, entry.value])).toEqual([
      ['Ben Fellow', 0.4],
      ['Ann Fellow', 0.9],
    ]);
  });

  it('show a facilitator their group\'s submissions, those without runs first', async () => {
    const dan = await createUser({ name: 'Abe Fellow', email: 'abe@results.test' });
    await createMembership(world.cohort.id, 'FELLOW', { userId: dan.id, groupId: world.group1.id });
    const fay = await callerFor(world.fay.user.id);
    const board = await fay.runs.exercise({ cohort: 'results', exercise: 'vae' });
    expect(board.groups.map((group) => group.name)).toEqual(['G1']);
    expect(board.groups[0]!.fellows.map((fellow) => [fellow.name, fellow.runs])).toEqual([
      ['Abe Fellow', 0],
      ['Ann Fellow', 2],
      ['Ben Fellow', 1],
    ]);
  });

  it('summarise each exercise for the exercise lists: fellows with a result, the top one in its direction, and the viewer\'s own', async () => {
    // A facilitator's run counts as theirs, never among the fellows'; a summary number beyond a
    // double (written as such by hand) is no result, as JSON.parse makes it Infinity.
    await createRun(world.fay.user.id, world.vae.id, 'fay tries', {}, { elbo: 100 });
    const danRun = await createRun(world.dan.user.id, world.vae.id, 'dan huge', {});
    await db.$executeRaw`UPDATE "Run" SET summary = '{"elbo": 1e400}'::jsonb WHERE id = ${danRun}`;
    const fellows = await db.membership.count({ where: { cohortId: world.cohort.id, role: 'FELLOW' } });
    const summaries = async (userId: string) =>
      (await (await callerFor(userId)).runs.exercises({ cohort: 'results' })).map((exercise) => [exercise.slug, exercise.fellows, exercise.fellowsWithResults, exercise.top, exercise.mine]);

    expect(await summaries(world.ann.user.id)).toEqual([
      ['vae', fellows, 3, -20, { runs: 2, best: -20 }],
      ['loss', fellows, 2, 0.4, { runs: 1, best: 0.9 }],
    ]);
    // Cat's loss ended in NaN: a run, no result. Dan's only run has no result either.
    expect(await summaries(world.cat.user.id)).toEqual([
      ['vae', fellows, 3, -20, { runs: 1, best: -22 }],
      ['loss', fellows, 2, 0.4, { runs: 1, best: null }],
    ]);
    expect((await summaries(world.dan.user.id))[0]).toEqual(['vae', fellows, 3, -20, { runs: 1, best: null }]);
    expect(await summaries(world.fay.user.id)).toEqual([
      ['vae', fellows, 3, -20, { runs: 1, best: 100 }],
      ['loss', fellows, 2, 0.4, { runs: 0, best: null }],
    ]);
    await db.run.deleteMany({ where: { id: { in: [danRun] } } });
    await db.run.deleteMany({ where: { userId: world.fay.user.id } });
  });

  it('listExerciseStatus gives runs, best and last run per fellow and exercise', async () => {
    const statuses = await listExerciseStatus(world.cohort.id, [world.ann.membership.id, world.dan.membership.id], db);
    expect(statuses.map((status) => [status.membershipId, status.exerciseSlug, status.runs, status.best])).toEqual([
      [world.ann.membership.id, 'vae', 2, -20],
      [world.ann.membership.id, 'loss', 1, 0.9],
      [world.dan.membership.id, 'vae', 0, null],
      [world.dan.membership.id, 'loss', 0, null],
    ]);
    expect(statuses[0]!.lastRunAt).toBeInstanceOf(Date);
    expect(statuses[2]!.lastRunAt).toBeNull();
  });
});
