// The queue under real worker processes (`fellowship worker`, child processes) and a real SMTP
// server: a digest run for 500 fellows survives a SIGKILL mid-send (each fellow ends with their
// digest; repeats only for sends in flight, with the same Message-ID), and two workers at once
// send nothing twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { planDueNotifications } from '@/server/services/notifications/plan-notifications';
import { asSystem, createCohort, createGroup } from '../factories';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { projectRoot } from './run-command';
import { TEST_NOTIFICATION_SETTINGS } from '../support/notifications';

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startWorker(sink: SmtpSink): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['bin/fellowship.mjs', 'worker'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL,
      SMTP_URL: sink.url,
      NEXTAUTH_SECRET: TEST_NOTIFICATION_SETTINGS.secret,
      NEXTAUTH_URL: TEST_NOTIFICATION_SETTINGS.siteUrl,
      FELLOWSHIP_WORKER_CONCURRENCY: '8',
      FELLOWSHIP_SMTP_CONNECTIONS: '4',
      FELLOWSHIP_EMAILS_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  children.push(child);
  return { child, output: () => output };
}

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 90_000, everyMs = 20) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A cohort of `fellows` fellows in one group, whose week-1 digest is due at 2027-03-01 08:00 London time. */
async function bigCohort(fellows: number, tag: string) {
  const cohort = await createCohort({ status: 'ACTIVE', startDate: new Date('2027-03-01T00:00:00Z'), timeZone: 'Europe/London', name: `Big cohort ${tag}` });
  const group = await createGroup(cohort.id, { name: 'Group A' });
  const emails = Array.from({ length: fellows }, (_, n) => `fellow${n}-${tag}@big.test`);
  await db.user.createMany({ data: emails.map((email, n) => ({ email, name: `Fellow ${n}` })) });
  const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true } });
  await db.membership.createMany({ data: users.map((user) => ({ cohortId: cohort.id, userId: user.id, role: 'FELLOW' as const, groupId: group.id })) });
  const planned = await planDueNotifications(asSystem(), new Date('2027-03-01T08:00:00Z'), { atRisk: false });
  expect(planned.byKind.WEEKLY_DIGEST).toBe(fellows);
  return { cohort, emails };
}

async function allSent(cohortId: string, count: number) {
  return (await db.notification.count({ where: { cohortId, kind: 'WEEKLY_DIGEST', status: 'SENT' } })) === count;
}

describe('workers', () => {
  it('a digest run for 500 fellows, SIGKILLed mid-send and restarted, ends with one digest each', async () => {
    const sink = await startSmtpSink({ parse: false });
    try {
      const { cohort, emails } = await bigCohort(500, 'kill');
      const first = startWorker(sink);
      await until(() => sink.messages.length >= 120, 'the first 120 digests');
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      const atKill = sink.messages.length;
      expect(atKill).toBeLessThan(500);
      const queuedAtKill = await db.notification.count({ where: { cohortId: cohort.id, status: 'QUEUED' } });

      const second = startWorker(sink);
      await until(() => allSent(cohort.id, 500), 'every digest sent after the restart', 120_000, 200);
      second.child.kill('SIGTERM');

      const perRecipient = new Map<string, string[]>();
      for (const message of sink.messages) {
        const messageId = /^Message-ID: (<[^>]+>)/im.exec(message.raw)![1]!;
        perRecipient.set(message.to[0]!, [...(perRecipient.get(message.to[0]!) ?? []), messageId]);
      }
      expect([...perRecipient.keys()].sort()).toEqual([...emails].sort());
      const repeated = [...perRecipient.entries()].filter(([, ids]) => ids.length > 1);
      // A repeat is a send in flight at the kill (at most the worker's 8 at a time), with the same Message-ID.
      expect(repeated.length).toBeLessThanOrEqual(8);
      for (const [, ids] of repeated) expect(new Set(ids).size).toBe(1);
      console.log(`SIGKILL test: ${atKill} delivered before the kill, ${queuedAtKill} still queued; ${repeated.length} repeated after the restart; ${sink.messages.length} messages in all.`);
    } finally {
      await sink.stop();
    }
  }, 240_000);

  it('two workers at once send each of 300 digests exactly once', async () => {
    const sink = await startSmtpSink({ parse: false });
    try {
      const { cohort, emails } = await bigCohort(300, 'two');
      startWorker(sink);
      startWorker(sink);
      await until(() => allSent(cohort.id, 300), 'every digest sent by two workers', 120_000, 200);
      expect(sink.messages).toHaveLength(300);
      expect(new Set(sink.messages.map((message) => message.to[0])).size).toBe(300);
      expect(new Set(sink.messages.map((message) => message.to[0]))).toEqual(new Set(emails));
    } finally {
      await sink.stop();
    }
  }, 240_000);
});
