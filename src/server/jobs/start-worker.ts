// Starting a worker from the validated environment: the one way `npm start` (inside the app)
// and `fellowship worker` (apart) build their mailer and settings.
import type { Env } from '@/server/env';
import { collectProcessMetrics } from '@/server/observability/metrics';
import { listenForMetrics } from '@/server/observability/metrics-server';
import { createDevMailboxMailer, createSmtpMailer, type Mailer } from '@/server/email/mailer';
import { openSystemContext } from '@/server/services/context';
import { retentionSettingsFrom } from '@/server/services/retention/prune-expired-data';
import { startJobWorker, type JobWorker } from './worker';

export type WorkerSetup = {
  /** What the jobs' queries use (it may be a pooler)… */
  databaseUrl: string;
  /** …and the queue's own connection (DIRECT_DATABASE_URL). */
  directUrl: string;
  siteUrl: string;
  secret: string;
  /** Local mode answering only this machine: without SMTP, emails go to the dev mailbox. */
  devMailboxAllowed: boolean;
  log?: (message: string) => void;
};

/** SMTP when SMTP_URL is set; the dev mailbox in local mode; otherwise every send fails with a message that says what to set. */
export function mailerFor(env: Env, setup: Pick<WorkerSetup, 'devMailboxAllowed'>, db: Parameters<typeof createDevMailboxMailer>[0]): Mailer {
  if (env.SMTP_URL) {
    return createSmtpMailer({ smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM, connections: env.FELLOWSHIP_SMTP_CONNECTIONS, perMinute: env.FELLOWSHIP_EMAILS_PER_MINUTE });
  }
  if (setup.devMailboxAllowed) return createDevMailboxMailer(db);
  return {
    describe: 'nowhere (SMTP_URL is not set)',
    send: async () => {
      throw new Error('No mail server: set SMTP_URL (and EMAIL_FROM) so Fellowship can send email.');
    },
    close() {},
  };
}

export async function startWorkerFromEnv(env: Env, setup: WorkerSetup): Promise<JobWorker & { close(): Promise<void> }> {
  const ctx = openSystemContext(setup.databaseUrl);
  const db = ctx.db;
  const worker = await startJobWorker({
    directUrl: setup.directUrl,
    db,
    mailer: mailerFor(env, setup, db),
    settings: { siteUrl: setup.siteUrl.replace(/\/+$/, ''), secret: setup.secret, messageIdDomain: new URL(setup.siteUrl).hostname },
    concurrency: env.FELLOWSHIP_WORKER_CONCURRENCY,
    retention: retentionSettingsFrom(env),
    log: setup.log,
  });
  // This worker's job durations and waits, and its process figures.
  if (env.FELLOWSHIP_WORKER_METRICS_PORT) collectProcessMetrics();
  const metrics = env.FELLOWSHIP_WORKER_METRICS_PORT ? await listenForMetrics(env.FELLOWSHIP_WORKER_METRICS_PORT) : undefined;
  return {
    ...worker,
    async close() {
      metrics?.close();
      await worker.stop();
      await ctx.close();
    },
  };
}
