// `npm run bench:notify`: weekly digests for 2,000 fellows queued (the planner), rendered and
// delivered through the job queue by a `fellowship worker` process to a local SMTP sink; next
// to a baseline in the same run that renders the same 2,000 emails and sends them straight
// through nodemailer from one loop. Also 500 fellows, to show the worker's peak memory does not
// grow with the number of recipients.
//
// Prints: emails per second, time from queueing to the last delivery, the worker's peak RSS
// (VmHWM), and the ratio to the baseline. Goal: at least 0.7× the baseline, all 2,000 within
// 60 s on 2 cores, memory flat from 500 to 2,000.
// Options (env): BENCH_FELLOWS (default 2000), BENCH_CONCURRENCY (the worker's, default 16),
// BENCH_PROFILE_DIR (CPU profiles of the worker processes).
import '../src/cli/production-react';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zonedDateTimeToInstant } from '@/lib/cohort-calendar';
import type { NotificationKind } from '@/lib/notification-kinds';
import { createPrismaClient } from '@/server/db/client';
import { ensureDatabase, startEmbeddedPostgres, withDatabase, type EmbeddedServer } from '@/server/db/embedded';
import { applyMigrations } from '@/server/db/migrations';
import { createSmtpMailer } from '@/server/email/mailer';
import type { NotificationPayloads } from '@/server/email/payloads';
import { renderNotificationEmail } from '@/server/email/render-notification';
import { systemContext } from '@/server/services/context';
import { planDueNotifications } from '@/server/services/notifications/plan-notifications';
import { generateCohort } from './lib/dashboard-data';

const FELLOWS = Number(process.env.BENCH_FELLOWS ?? 2000);
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '16';
const SECRET = randomBytes(32).toString('base64url');
const SITE = 'http://fellowship.bench';
const root = fileURLToPath(new URL('..', import.meta.url));

function log(message: string) {
  console.log(`[bench] ${message}`);
}

type Sink = { url: string; digests: number; lastAt: number; stop(): void };

/** The SMTP sink in its own process (scripts/lib/smtp-sink-process.ts). */
async function startSinkProcess(): Promise<Sink> {
  const child = spawn(process.execPath, ['--import', './bin/register-tsx.mjs', 'scripts/lib/smtp-sink-process.ts'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const sink: Sink = { url: '', digests: 0, lastAt: 0, stop: () => child.kill('SIGTERM') };
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: { port?: number; digests?: number; lastAt?: number }) => {
      if (message.port) {
        sink.url = `smtp://127.0.0.1:${message.port}`;
        resolve();
      }
      if (message.digests !== undefined) {
        sink.digests = message.digests;
        sink.lastAt = message.lastAt!;
      }
    });
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited with ${code}`)));
  });
  return sink;
}

function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmHWM:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

async function startWorker(databaseUrl: string, sink: Sink): Promise<ChildProcess> {
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, 'bin/fellowship.mjs', 'worker'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SMTP_URL: sink.url,
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: SITE,
      FELLOWSHIP_WORKER_CONCURRENCY: CONCURRENCY,
      // A local sink has no sending limit; a real provider's goes here.
      FELLOWSHIP_EMAILS_PER_MINUTE: '1000000',
      // Capped old space: a worker that kept something per recipient would run out here; peak RSS shows the rest.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=256`.trim(),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Worker started')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code}`)));
  });
  return child;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fellowship-notify-'));
  chmodSync(tmp, 0o755);
  let postgres: EmbeddedServer | undefined;
  const sinks: Sink[] = [];
  const workers: ChildProcess[] = [];
  try {
    log('embedded PostgreSQL…');
    postgres = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pgdata'), ephemeral: true, fast: true });
    await ensureDatabase(postgres.adminUrl, 'bench_notify');
    const databaseUrl = withDatabase(postgres.adminUrl, 'bench_notify');
    await applyMigrations(databaseUrl);
    const prisma = createPrismaClient(databaseUrl);
    const sizes = [500, FELLOWS];
    log(`generating cohorts of ${sizes.join(' and ')} fellows (6 weeks of readings, 20 fellows per group, realistic progress)…`);
    const cohorts = [];
    for (const size of sizes) cohorts.push(await generateCohort(prisma, `n${size}`, size, Math.max(1, size / 20)));
    await prisma.$executeRawUnsafe('ANALYZE');

    const results: { fellows: number; seconds: number; perSecond: number; peakMb: number }[] = [];
    for (const [index, generated] of cohorts.entries()) {
      const size = sizes[index]!;
      // Only this cohort is active while its digests are planned.
      await prisma.cohort.updateMany({ where: { id: { not: generated.cohort.id } }, data: { status: 'DRAFT' } });
      await prisma.cohort.update({ where: { id: generated.cohort.id }, data: { status: 'ACTIVE' } });
      const sink = await startSinkProcess();
      sinks.push(sink);
      const worker = await startWorker(databaseUrl, sink);
      workers.push(worker);
      // Week 5 begins 28 days after the start: its digest is due at 08:00 London time that day.
      const weekFive = new Date(generated.cohort.startDate.getTime() + 28 * 86_400_000);
      const due = zonedDateTimeToInstant(weekFive, '08:00', 'Europe/London')!;
      const started = Date.now();
      const planned = await planDueNotifications(systemContext(prisma), due, { atRisk: false });
      const queuedAt = Date.now();
      await until(() => sink.digests >= size, 300_000);
      const seconds = (sink.lastAt - started) / 1000;
      const peakMb = peakRssMb(worker.pid!);
      worker.kill('SIGTERM');
      results.push({ fellows: size, seconds, perSecond: size / seconds, peakMb });
      log(
        `queue, ${size} fellows: ${planned.byKind.WEEKLY_DIGEST ?? 0} digests queued in ${((queuedAt - started) / 1000).toFixed(1)} s; ` +
          `last delivered after ${seconds.toFixed(1)} s: ${(size / seconds).toFixed(0)} emails/s; worker peak RSS ${peakMb.toFixed(0)} MB`,
      );
    }

    log(`baseline: the same ${FELLOWS} digests rendered and sent straight through nodemailer, one loop…`);
    const last = cohorts.at(-1)!;
    const rows = await prisma.notification.findMany({
      where: { cohortId: last.cohort.id, kind: 'WEEKLY_DIGEST' },
      select: { id: true, toEmail: true, payload: true, user: { select: { name: true, timeZone: true } } },
    });
    const sink = await startSinkProcess();
    sinks.push(sink);
    const mailer = createSmtpMailer({ smtpUrl: sink.url, from: 'Fellowship <bench@fellowship.bench>', connections: 5, perMinute: 1_000_000 });
    const started = Date.now();
    // One loop: render each email and hand it to nodemailer's pool (as many connections as the
    // worker's); the pool sends while the loop renders the next.
    const sends: Promise<void>[] = [];
    for (const row of rows) {
      const kind: NotificationKind = 'WEEKLY_DIGEST';
      const email = await renderNotificationEmail(kind, row.payload as NotificationPayloads['WEEKLY_DIGEST'], { email: row.toEmail, name: row.user?.name ?? row.toEmail, timeZone: row.user?.timeZone ?? 'Europe/London' }, {
        siteUrl: SITE,
        unsubscribeUrl: `${SITE}/unsubscribe?token=x`,
        messageId: `${row.id}@fellowship.bench`,
      });
      sends.push(mailer.send({ to: row.toEmail, subject: email.subject, html: email.html, text: email.text, attachments: email.attachments, messageId: `${row.id}@fellowship.bench`, headers: { 'X-Fellowship-Kind': kind } }));
    }
    await Promise.all(sends);
    await until(() => sink.digests >= rows.length, 60_000);
    const baselineSeconds = (sink.lastAt - started) / 1000;
    mailer.close();
    const baselinePerSecond = rows.length / baselineSeconds;
    log(`baseline, ${rows.length} emails: ${baselineSeconds.toFixed(1)} s, ${baselinePerSecond.toFixed(0)} emails/s`);

    const main = results.at(-1)!;
    const small = results[0]!;
    console.log('\nnotify benchmark');
    console.log(`  queue, ${main.fellows} fellows:   ${main.perSecond.toFixed(0)} emails/s, last delivery after ${main.seconds.toFixed(1)} s (goal: under 60 s)`);
    console.log(`  baseline (one loop):      ${baselinePerSecond.toFixed(0)} emails/s`);
    console.log(`  ratio:                    ${(main.perSecond / baselinePerSecond).toFixed(2)}× the baseline (goal: at least 0.7×)`);
    console.log(`  worker peak RSS:          ${small.peakMb.toFixed(0)} MB for ${small.fellows} fellows, ${main.peakMb.toFixed(0)} MB for ${main.fellows} (goal: flat)`);
    await prisma.$disconnect();
  } finally {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    for (const sink of sinks) sink.stop();
    await postgres?.stop().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
