// Demo training results: finished runs of the `vae` exercise for a few demo fellows (never
// fellow1 or fellow2, whom other tests use), with ELBO, reconstruction and KL curves over a
// few hundred steps and a sample-grid image, so the run, compare and exercise pages have
// something to show. Some fellows have no runs, so facilitators see who has not submitted.
//
// Idempotent: each run has a fixed client_run_id; a run that exists is left as it is.
import type { Prisma } from '@/generated/prisma/client';
import { DEMO_EXERCISE } from './demo-exercises';
import { drawSampleGrid, seededRandom } from './demo-png';

const DEMO_COHORT = 'demo';
const STEPS = 300;
const EVERY = 10;

type DemoRun = { email: string; name: string; beta: number; lr: number; daysAgo: number; quality: number };

/** recon and kl settle at different levels per run: a larger beta trades reconstruction for KL. */
const RUNS: DemoRun[] = [
  { email: 'fellow3@example.com', name: 'beta=1', beta: 1, lr: 0.001, daysAgo: 4, quality: 0.85 },
  { email: 'fellow3@example.com', name: 'beta=4', beta: 4, lr: 0.001, daysAgo: 3, quality: 0.6 },
  { email: 'fellow4@example.com', name: 'first try', beta: 1, lr: 0.003, daysAgo: 5, quality: 0.7 },
  { email: 'fellow5@example.com', name: 'small latent', beta: 1, lr: 0.0005, daysAgo: 2, quality: 0.55 },
  { email: 'fellow7@example.com', name: 'baseline', beta: 1, lr: 0.001, daysAgo: 6, quality: 0.8 },
  { email: 'fellow8@example.com', name: 'beta=0.5', beta: 0.5, lr: 0.001, daysAgo: 1, quality: 0.9 },
];

/** Returns how many runs it created. */
export async function ensureDemoRuns(db: Prisma.TransactionClient, now: Date = new Date()): Promise<number> {
  const cohort = await db.cohort.findUnique({ where: { slug: DEMO_COHORT }, select: { id: true, curriculumId: true } });
  if (!cohort) return 0;
  const exercise = await db.curriculumItem.findFirst({
    where: { exerciseSlug: DEMO_EXERCISE.slug, section: { week: { curriculumId: cohort.curriculumId } } },
    select: { id: true },
  });
  if (!exercise) return 0;
  let created = 0;
  for (const [index, demo] of RUNS.entries()) {
    const user = await db.user.findUnique({ where: { email: demo.email }, select: { id: true } });
    if (!user) continue;
    const clientRunId = `demo-${demo.email.split('@')[0]}-${index}`;
    const existing = await db.run.findUnique({ where: { userId_clientRunId: { userId: user.id, clientRunId } }, select: { id: true } });
    if (existing) continue;
    await createDemoRun(db, { cohortId: cohort.id, userId: user.id, exerciseItemId: exercise.id, clientRunId, demo, seed: index + 1, now });
    created += 1;
  }
  return created;
}

async function createDemoRun(
  db: Prisma.TransactionClient,
  input: { cohortId: string; userId: string; exerciseItemId: string; clientRunId: string; demo: DemoRun; seed: number; now: Date },
) {
  const { demo } = input;
  const started = new Date(input.now.getTime() - demo.daysAgo * 24 * 3600 * 1000);
  const finished = new Date(started.getTime() + (40 + input.seed * 7) * 60 * 1000);
  const curves = trainingCurves(input.seed, demo);
  const elbo = curves.elbo.at(-1)!;
  const run = await db.run.create({
    data: {
      cohortId: input.cohortId,
      userId: input.userId,
      exerciseItemId: input.exerciseItemId,
      clientRunId: input.clientRunId,
      name: demo.name,
      params: { beta: demo.beta, lr: demo.lr, latent_dim: demo.name === 'small latent' ? 2 : 8, epochs: 30, batch_size: 64 },
      tags: ['demo'],
      host: 'demo-gpu',
      gitSha: 'a1b2c3d',
      status: 'FINISHED',
      summary: { elbo: round(elbo), recon: round(curves.recon.at(-1)!), kl: round(curves.kl.at(-1)!) },
      exitCode: 0,
      lastSeq: 1,
      createdAt: started,
      lastDataAt: finished,
      finishedAt: finished,
    },
    select: { id: true },
  });
  const steps = Array.from({ length: STEPS }, (_, i) => i * EVERY);
  for (const [key, values] of Object.entries(curves)) {
    const finite = values.filter((value) => Number.isFinite(value));
    const series = await db.metricSeries.create({
      data: {
        runId: run.id,
        key,
        count: values.length,
        min: Math.min(...finite),
        max: Math.max(...finite),
        last: values.at(-1)!,
        lastStep: steps.at(-1)!,
      },
      select: { id: true },
    });
    await db.metricPoint.createMany({
      data: values.map((value, i) => ({
        seriesId: series.id,
        step: steps[i]!,
        value,
        time: new Date(started.getTime() + ((finished.getTime() - started.getTime()) * i) / STEPS),
      })),
    });
  }
  // Sample grids early and at the end: the page shows them by step.
  for (const [step, quality] of [
    [steps[Math.floor(STEPS / 3)]!, demo.quality * 0.5],
    [steps.at(-1)!, demo.quality],
  ] as const) {
    const png = drawSampleGrid(input.seed * 1000 + step, quality);
    await db.runArtifact.create({
      data: { runId: run.id, name: 'samples', step, contentType: 'image/png', size: png.length, width: 192, height: 192, data: new Uint8Array(png) },
    });
  }
}

/** Decaying curves with a little noise: recon falls, KL rises and settles, ELBO = −(recon + β·KL). */
function trainingCurves(seed: number, demo: DemoRun) {
  const random = seededRandom(seed);
  const speed = 0.012 + demo.lr * 8;
  const reconFloor = 18 + demo.beta * 2.5 + seed;
  const klLevel = 6 / Math.sqrt(demo.beta) + (demo.name === 'small latent' ? -2.5 : 0);
  const recon: number[] = [];
  const kl: number[] = [];
  const elbo: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    const progress = 1 - Math.exp(-i * speed);
    const r = reconFloor + 26 * (1 - progress) + (random() - 0.5) * 1.2 * (1 - progress * 0.6);
    const k = 0.05 + klLevel * progress + (random() - 0.5) * 0.25;
    recon.push(round(r));
    kl.push(round(Math.max(0, k)));
    elbo.push(round(-(r + demo.beta * Math.max(0, k))));
  }
  return { elbo, recon, kl };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
