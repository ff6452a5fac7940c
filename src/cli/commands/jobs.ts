import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KIND_LABELS } from '@/lib/notification-kinds';
import { parseEnv } from '@/server/env';
import { isLoopbackName } from '@/server/http/loopback';
import { startWorkerFromEnv } from '@/server/jobs/start-worker';
import { getNotificationOverview, retryNotification, type NotificationOverview } from '@/server/services/notifications/notification-overview';
import { applyMigrations } from '@/server/db/migrations';
import { defineCommand, UsageError, withDatabase, withSystem } from '../command';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The site's secret: NEXTAUTH_SECRET, or the one `npm start` generated for local mode. */
function siteSecret(env: ReturnType<typeof parseEnv>): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.resolve(projectRoot, env.FELLOWSHIP_DATA_DIR, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error('Set NEXTAUTH_SECRET (the same as the web app’s): it signs the unsubscribe links in emails.');
}

export const worker = defineCommand<{ stopped: true }>({
  name: 'worker',
  synopsis: ['worker'],
  summary: ['Runs a job worker (emails and schedules) until SIGTERM; run as many as you like', '(set FELLOWSHIP_WORKER=0 on the web app to run workers only this way)'],
  run: () =>
    withDatabase(async (database) => {
      const env = parseEnv();
      await applyMigrations(database.directUrl, { onWait: () => console.log('[fellowship worker] Waiting for another process to finish migrating…') });
      const running = await startWorkerFromEnv(env, {
        databaseUrl: database.url,
        directUrl: database.directUrl,
        siteUrl: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
        secret: siteSecret(env),
        devMailboxAllowed: Boolean(database.embedded) && (env.FELLOWSHIP_HOST === undefined || isLoopbackName(env.FELLOWSHIP_HOST)),
        log: (message) => console.log(`[fellowship worker] ${message}`),
      });
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      console.log('[fellowship worker] Stopping: finishing the jobs in hand…');
      await running.close();
      return { stopped: true as const };
    }),
  print: () => 'Worker stopped.',
});

export const jobsStatus = defineCommand<NotificationOverview>({
  name: 'jobs status',
  synopsis: ['jobs status [--days N]'],
  summary: ['Emails of the last N days (default 7) by kind and state, failed sends, bouncing addresses, the queue'],
  options: { days: { type: 'string' } },
  run: ({ values }) => withSystem((ctx) => getNotificationOverview(ctx, { days: values.days ? Number(values.days) : 7 })),
  print: (overview) => {
    const lines = [`Since ${overview.since.toISOString().slice(0, 16).replace('T', ' ')} UTC:`];
    for (const row of overview.kinds) {
      if (row.queued + row.sent + row.failed + row.skipped === 0) continue;
      lines.push(`  ${KIND_LABELS[row.kind].padEnd(30)} ${row.sent} sent, ${row.queued} queued, ${row.failed} failed (${row.bouncing} bouncing), ${row.skipped} skipped`);
    }
    if (lines.length === 1) lines.push('  No emails.');
    lines.push(`Queue: ${overview.jobs.waiting} waiting, ${overview.jobs.running} running, ${overview.jobs.retrying} retrying, ${overview.jobs.dead} failed for good`);
    for (const failed of overview.failed) lines.push(`Failed ${failed.id}  ${KIND_LABELS[failed.kind]} to ${failed.toEmail}: ${failed.lastError ?? 'unknown error'}`);
    for (const address of overview.bouncing) lines.push(`Bouncing ${address.email}: ${address.reason}`);
    return lines.join('\n');
  },
});

export const jobsRetry = defineCommand<{ id: string; status: 'QUEUED' }>({
  name: 'jobs retry',
  synopsis: ['jobs retry <notification-id>'],
  summary: ['Queues a failed email again (ids from `jobs status`)'],
  positionals: ['notification-id'],
  run: ({ positionals }) => {
    const id = positionals[0];
    if (!id) throw new UsageError('Name the failed email: fellowship jobs retry <notification-id>');
    return withSystem((ctx) => retryNotification(ctx, { id }));
  },
  print: (result) => `Queued ${result.id} again.`,
});
