// Training runs through the API: who the token is, creating or resuming a run, ending it, and
// reading it back with its per-key summaries (kept up to date on write; never a scan of points).
import { Prisma, type PrismaClient, type RunStatus } from '@/generated/prisma/client';
import { STALE_AFTER_MS } from '@/lib/run-status';
import type { CreateRunBody, UpdateRunBody } from '@/lib/schemas/runs';
import { AppError, outOfReach } from '@/server/errors';
import type { TokenPrincipal } from '@/server/services/api-tokens/authenticate-token';
import { nowOf, type TokenContext } from '@/server/services/context';
import { findCohortExercise, listCohortExercises } from './exercises';
import { encodeNullable, fromFloat8Text } from './metric-values';
import type { ApiRunStatus, MeResponse, RunHandle, RunResponse } from './run-responses';

const TO_API: Record<RunStatus, ApiRunStatus> = { RUNNING: 'running', FINISHED: 'finished', FAILED: 'failed', KILLED: 'killed' };
const FROM_API: Record<ApiRunStatus, RunStatus> = { running: 'RUNNING', finished: 'FINISHED', failed: 'FAILED', killed: 'KILLED' };

export function runNotFound(runId: string): AppError {
  return outOfReach(`No run ${runId.slice(0, 100)} for this token (runs are visible only to the token's owner, in its cohort).`);
}

// ---------------------------------------------------------------------------
// GET /api/v1/me
// ---------------------------------------------------------------------------

export async function describeToken(ctx: TokenContext): Promise<MeResponse> {
  const { db, token: principal } = ctx;
  const [token, exercises] = await Promise.all([
    db.apiToken.findUniqueOrThrow({ where: { id: principal.tokenId }, select: { id: true, name: true, prefix: true, expiresAt: true } }),
    listCohortExercises(db, principal.curriculumId),
  ]);
  return {
    user: { id: principal.userId, email: principal.email, name: principal.userName },
    cohort: { slug: principal.cohortSlug, name: principal.cohortName },
    token: { id: token.id, name: token.name, prefix: token.prefix, expires_at: token.expiresAt?.toISOString() ?? null },
    exercises: exercises.map((exercise) => ({
      slug: exercise.slug,
      title: exercise.title,
      primary_metric: exercise.primaryMetric,
      higher_is_better: exercise.higherIsBetter,
      week: exercise.week,
    })),
  };
}

// ---------------------------------------------------------------------------
// POST /api/v1/runs
// ---------------------------------------------------------------------------

async function lastStepsOf(db: PrismaClient, runId: string): Promise<Record<string, number>> {
  const series = await db.metricSeries.findMany({ where: { runId }, select: { key: true, lastStep: true }, orderBy: { key: 'asc' } });
  return Object.fromEntries(series.filter((s) => s.lastStep !== null).map((s) => [s.key, s.lastStep!]));
}

const handleSelect = {
  id: true,
  cohortId: true,
  status: true,
  lastSeq: true,
  exercise: { select: { exerciseSlug: true } },
} as const;

/**
 * Creates the run, or finds the caller's run with this client_run_id again (a resumed job or a
 * repeated sync). A run that had failed or been killed is reopened; a finished one stays so.
 */
export async function createOrResumeRun(ctx: TokenContext, body: CreateRunBody): Promise<{ created: boolean; run: RunHandle }> {
  const { db, token: principal } = ctx;
  const findExisting = () =>
    db.run.findUnique({ where: { userId_clientRunId: { userId: principal.userId, clientRunId: body.client_run_id } }, select: handleSelect });

  let existing = await findExisting();
  let created = false;
  if (!existing) {
    const exercise = await findCohortExercise(db, principal.curriculumId, principal.cohortName, body.exercise);
    try {
      existing = await db.run.create({
        data: {
          cohortId: principal.cohortId,
          userId: principal.userId,
          exerciseItemId: exercise.itemId,
          clientRunId: body.client_run_id,
          name: body.name || null,
          params: (body.params ?? {}) as Prisma.InputJsonObject,
          tags: body.tags ?? [],
          gitSha: body.git_sha || null,
          host: body.host || null,
        },
        select: handleSelect,
      });
      created = true;
    } catch (error) {
      // Two requests with one client_run_id at once (a retry racing its original): one wins.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
      existing = await findExisting();
      if (!existing) throw error;
    }
  }

  if (!created) {
    if (existing.cohortId !== principal.cohortId) {
      throw new AppError('CONFLICT', 'client_run_id already names one of your runs in another cohort; choose a new one.', [
        { path: 'client_run_id', message: 'is taken by a run in another cohort' },
      ]);
    }
    if (existing.exercise.exerciseSlug !== body.exercise) {
      throw new AppError(
        'CONFLICT',
        `client_run_id already names one of your runs of exercise "${existing.exercise.exerciseSlug}", not "${body.exercise}"; choose a new one.`,
        [{ path: 'client_run_id', message: 'is taken by a run of another exercise' }],
      );
    }
    if (existing.status === 'FAILED' || existing.status === 'KILLED') {
      existing = await db.run.update({
        where: { id: existing.id },
        data: { status: 'RUNNING', finishedAt: null, exitCode: null },
        select: handleSelect,
      });
    }
  }

  await noteTrainingActivity(db, principal, nowOf(ctx));
  return {
    created,
    run: {
      run_id: existing.id,
      status: TO_API[existing.status],
      last_seq: existing.lastSeq,
      last_steps: created ? {} : await lastStepsOf(db, existing.id),
    },
  };
}

// ---------------------------------------------------------------------------
// PATCH /api/v1/runs/{run_id}
// ---------------------------------------------------------------------------

export async function updateRun(ctx: TokenContext, input: { runId: string; changes: UpdateRunBody }): Promise<RunResponse> {
  const { db, token: principal } = ctx;
  const { runId, changes: body } = input;
  const now = nowOf(ctx);
  const run = await db.run.findFirst({
    where: { id: runId, userId: principal.userId, cohortId: principal.cohortId },
    select: { id: true, status: true, params: true, finishedAt: true },
  });
  if (!run) throw runNotFound(runId);
  const data: Prisma.RunUpdateInput = {};
  if (body.status !== undefined) {
    const status = FROM_API[body.status];
    data.status = status;
    data.finishedAt = status === 'RUNNING' ? null : run.status === status && run.finishedAt ? run.finishedAt : now;
  }
  if (body.summary !== undefined) data.summary = body.summary === null ? Prisma.DbNull : (body.summary as Prisma.InputJsonObject);
  if (body.exit_code !== undefined) data.exitCode = body.exit_code;
  if (body.params !== undefined) {
    const current = run.params && typeof run.params === 'object' && !Array.isArray(run.params) ? run.params : {};
    data.params = { ...current, ...body.params } as Prisma.InputJsonObject;
  }
  await db.run.update({ where: { id: run.id }, data });
  await noteTrainingActivity(db, principal, now);
  return readRun(db, principal, runId, now);
}

/**
 * A run starting or ending counts as the fellow's activity in the facilitator's grid ("last
 * activity"). Not every metrics batch: one UPDATE per batch would cost the ingest path.
 */
async function noteTrainingActivity(db: PrismaClient, principal: TokenPrincipal, now: Date) {
  await db.membership.updateMany({ where: { cohortId: principal.cohortId, userId: principal.userId }, data: { lastActivityAt: now } });
}

// ---------------------------------------------------------------------------
// GET /api/v1/runs/{run_id}
// ---------------------------------------------------------------------------

type SeriesRow = { key: string; count: number; min: string | null; max: string | null; last: string | null; lastStep: number | null };

export async function getRun(ctx: TokenContext, input: { runId: string }): Promise<RunResponse> {
  return readRun(ctx.db, ctx.token, input.runId, nowOf(ctx));
}

/** The run as the API shows it, at `now` (staleness); updateRun answers with it too. */
async function readRun(db: PrismaClient, principal: TokenPrincipal, runId: string, now: Date): Promise<RunResponse> {
  const run = await db.run.findFirst({
    where: { id: runId, userId: principal.userId, cohortId: principal.cohortId },
    include: { exercise: { select: { exerciseSlug: true } }, cohort: { select: { slug: true } } },
  });
  if (!run) throw runNotFound(runId);
  const series = await db.$queryRaw<SeriesRow[]>`
    SELECT key, count, min::text AS min, max::text AS max, last::text AS last, "lastStep"
    FROM "MetricSeries" WHERE "runId" = ${run.id} ORDER BY key`;
  const lastActivity = run.lastDataAt ?? run.createdAt;
  const metrics: RunResponse['metrics'] = {};
  const lastSteps: Record<string, number> = {};
  for (const row of series) {
    metrics[row.key] = {
      count: row.count,
      min: encodeNullable(fromFloat8Text(row.min)),
      max: encodeNullable(fromFloat8Text(row.max)),
      last: encodeNullable(fromFloat8Text(row.last)),
      last_step: row.lastStep,
    };
    if (row.lastStep !== null) lastSteps[row.key] = row.lastStep;
  }
  return {
    run_id: run.id,
    client_run_id: run.clientRunId,
    exercise: run.exercise.exerciseSlug ?? '',
    cohort: run.cohort.slug,
    name: run.name,
    status: TO_API[run.status],
    stale: run.status === 'RUNNING' && now.getTime() - lastActivity.getTime() > STALE_AFTER_MS,
    params: (run.params && typeof run.params === 'object' && !Array.isArray(run.params) ? run.params : {}) as Record<string, unknown>,
    summary: (run.summary && typeof run.summary === 'object' && !Array.isArray(run.summary) ? run.summary : null) as Record<
      string,
      unknown
    > | null,
    tags: run.tags,
    git_sha: run.gitSha,
    host: run.host,
    exit_code: run.exitCode,
    last_seq: run.lastSeq,
    last_steps: lastSteps,
    created_at: run.createdAt.toISOString(),
    updated_at: run.updatedAt.toISOString(),
    last_data_at: run.lastDataAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
    metrics,
  };
}
