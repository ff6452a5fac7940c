// A job worker: graphile-worker running Fellowship's tasks. `npm start` runs one inside the
// app process; `fellowship worker` runs them apart, as many as a deployment wants. Jobs live in
// PostgreSQL; on SIGTERM a worker finishes or hands back what it holds, and a worker that died
// (SIGKILL, a lost machine) is noticed by the others through its heartbeat and its jobs are
// handed back (see sweepDeadWorkers).
import { jobSeconds, jobWaitSeconds } from '@/server/observability/metrics';
import { hostname } from 'node:os';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { run, Logger, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import type { Mailer } from '@/server/email/mailer';
import { systemContext, type Db } from '@/server/services/context';
import { deliverNotification } from '@/server/services/notifications/deliver-notification';
import type { NotificationSettings } from '@/server/services/notifications/notification-settings';
import { planDueNotifications } from '@/server/services/notifications/plan-notifications';
import { SEND_TASK } from '@/server/services/notifications/queue-notifications';
import { PROPOSE_TASK, runGroupingProposal } from '@/server/services/grouping/group-formation';
import { EMAIL_TASK as CERTIFICATE_EMAIL_TASK, queueCertificateEmails } from '@/server/services/certificates/certificates';
import { heartbeat, registerWorkerProcess, sweepDeadWorkers, unregisterWorkerProcess } from '@/server/services/jobs/worker-registry';
import { DEFAULT_RETENTION, pruneExpiredData, type RetentionSettings } from '@/server/services/retention/prune-expired-data';

export const PLAN_TASK = 'plan-notifications';
export const PRUNE_TASK = 'prune-data';

/**
 * The schedule: planning every minute; retention daily at 03:00 UTC (graphile-worker's cron
 * runs in UTC), caught up once if every worker was down then (`fill=1d`). Each item runs once
 * per tick across all workers.
 */
export function crontabFor(schedule: boolean): string {
  if (!schedule) return '';
  return [`* * * * * ${PLAN_TASK} ?max=1`, `0 3 * * * ${PRUNE_TASK} ?max=1&fill=1d`].join('\n');
}

const HEARTBEAT_MS = 15_000;

export type JobWorkerOptions = {
  /** A direct connection: graphile-worker LISTENs and locks jobs across statements (DIRECT_DATABASE_URL). */
  directUrl: string;
  db: Db;
  mailer: Mailer;
  settings: NotificationSettings;
  concurrency: number;
  /** Run the every-minute planner (digests, reminders, prep notes, at-risk, run alerts) and the daily retention. Default true. */
  schedule?: boolean;
  /** How long old sign-in links, sessions, failed jobs and emails are kept (default: DEFAULT_RETENTION). */
  retention?: RetentionSettings;
  log?: (message: string) => void;
};

export type JobWorker = { id: string; stop(): Promise<void>; runner: Runner };

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const { db, mailer, settings } = options;
  const log = options.log ?? ((message: string) => console.log(`[fellowship worker] ${message}`));
  const ctx = systemContext(db);
  const processId = randomUUID();
  const workerIds: string[] = [];
  const events: WorkerEvents = new EventEmitter() as WorkerEvents;
  // Each graphile worker's id is written down as it is created, so if this process dies its
  // locked jobs can be found and handed back (sweepDeadWorkers).
  await registerWorkerProcess(db, { id: processId, host: hostname(), pid: process.pid, workerIds });
  const remember = (id: string) => {
    workerIds.push(id);
    void heartbeat(db, processId, [...workerIds]).catch(() => {});
  };
  // The pool's id locks the jobs it fetches ahead (localQueue); each worker's, the job it runs.
  events.on('pool:create', ({ workerPool }) => remember(workerPool.id));
  events.on('worker:create', ({ worker }) => remember(worker.workerId));
  // Job metrics for this worker's /metrics (FELLOWSHIP_WORKER_METRICS_PORT).
  const startedAt = new Map<string, number>();
  events.on('job:start', ({ job }) => {
    startedAt.set(job.id, performance.now());
    jobWaitSeconds.observe({ task: job.task_identifier }, Math.max(0, (Date.now() - new Date(job.run_at).getTime()) / 1000));
  });
  const finished = (job: { id: string; task_identifier: string }, outcome: 'success' | 'error') => {
    const started = startedAt.get(job.id);
    startedAt.delete(job.id);
    if (started !== undefined) jobSeconds.observe({ task: job.task_identifier, outcome }, (performance.now() - started) / 1000);
  };
  events.on('job:success', ({ job }) => finished(job, 'success'));
  events.on('job:error', ({ job }) => finished(job, 'error'));
  events.on('job:error', ({ job, error }) => {
    log(`${job.task_identifier} job ${job.id} failed (attempt ${job.attempts} of ${job.max_attempts}): ${(error as Error).message?.split('\n')[0]}`);
  });

  // Before taking jobs: hand back those of workers on this machine that died (their pid is gone).
  await sweepDeadWorkers(db, { now: new Date() });

  const taskList: TaskList = {
    [SEND_TASK]: async (payload, helpers) => {
      const { id } = payload as { id: string };
      await deliverNotification(ctx, mailer, settings, id, { number: helpers.job.attempts, max: helpers.job.max_attempts });
    },
    // A group proposal: the solve holds this process's thread for up to its time limit (≤ 50 s,
    // under the minute after which other workers would take its jobs back).
    [PROPOSE_TASK]: async (payload) => {
      const { id } = payload as { id: string };
      const result = await runGroupingProposal(ctx, id);
      if (result) log(`Group proposal ${id}: ${result.stats.placed} of ${result.stats.fellows} fellows placed in ${result.stats.groups} groups (${result.stats.status}, ${result.stats.seconds} s).`);
    },
    // A bulk issue of certificates: their emails, queued after the certificates committed.
    [CERTIFICATE_EMAIL_TASK]: async (payload) => {
      const queued = await queueCertificateEmails(ctx, payload as { cohortId: string; ids: string[] });
      if (queued) log(`Queued ${queued} certificate emails.`);
    },
    [PLAN_TASK]: async () => {
      const now = new Date();
      await sweepDeadWorkers(db, { now });
      const planned = await planDueNotifications(ctx, now);
      if (planned.total) log(`Queued ${planned.total} notifications (${planned.summary}).`);
    },
    [PRUNE_TASK]: async () => {
      await pruneExpiredData(ctx, { settings: options.retention ?? DEFAULT_RETENTION, log: (line) => log(`Retention: ${line}`) });
    },
  };

  const runner = await run({
    connectionString: options.directUrl,
    concurrency: options.concurrency,
    // Connections are opened as needed; jobs fetched and completed in batches use few of them.
    maxPoolSize: options.concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    taskList,
    crontab: crontabFor(options.schedule !== false),
    logger: new Logger((scope) => (level, message) => {
      if (level === 'error' || (level === 'warning' && !scope.label?.includes('cron'))) log(message);
    }),
    events,
    preset: {
      worker: {
        // Fetch jobs a batch at a time and complete them in batches: one statement for many
        // jobs instead of two per job (a digest run queues thousands at once).
        localQueue: { size: options.concurrency * 2 },
        completeJobBatchDelay: 2,
      },
    },
  });
  await heartbeat(db, processId, [...workerIds]);
  const timer = setInterval(() => void heartbeat(db, processId, workerIds).catch(() => {}), HEARTBEAT_MS);
  timer.unref();
  log(`Worker started (${options.concurrency} at a time, email via ${mailer.describe}).`);

  return {
    id: processId,
    runner,
    async stop() {
      clearInterval(timer);
      // Lets running jobs finish and unlocks the rest for other workers.
      await runner.stop();
      await unregisterWorkerProcess(db, processId).catch(() => {});
      mailer.close();
    },
  };
}
