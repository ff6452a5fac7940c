// For admins and the operator: what was sent lately, by kind and state, which sends failed and
// why, the addresses that bounce, and the queue's own count of waiting and failed jobs.
import { AppError, outOfReach } from '@/server/errors';
import { NOTIFICATION_KINDS, type NotificationKind } from '@/lib/notification-kinds';
import { recordAudit } from '@/server/services/audit/record-audit';
import { nowOf, type ServiceContext } from '@/server/services/context';
import { addSendJobs } from './queue-notifications';

const DAY_MS = 24 * 60 * 60 * 1000;

export type KindCounts = { kind: NotificationKind; queued: number; sent: number; failed: number; skipped: number; bouncing: number };

export async function getNotificationOverview(ctx: ServiceContext, input: { days?: number } = {}) {
  const since = new Date(nowOf(ctx).getTime() - (input.days ?? 7) * DAY_MS);
  const [grouped, bouncingByKind, failed, bouncing, jobs] = await Promise.all([
    ctx.db.notification.groupBy({ by: ['kind', 'status'], where: { createdAt: { gte: since } }, _count: { _all: true } }),
    ctx.db.notification.groupBy({ by: ['kind'], where: { createdAt: { gte: since }, status: 'FAILED', lastError: { startsWith: 'Refused' } }, _count: { _all: true } }),
    ctx.db.notification.findMany({
      where: { status: 'FAILED' },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: { id: true, kind: true, toEmail: true, attempts: true, lastError: true, createdAt: true, cohortId: true },
    }),
    ctx.db.bouncingAddress.findMany({ orderBy: { lastAt: 'desc' }, take: 100, select: { email: true, reason: true, lastAt: true, count: true } }),
    ctx.db.$queryRaw<{ waiting: number; running: number; retrying: number; dead: number }[]>`
      SELECT count(*) FILTER (WHERE locked_at IS NULL AND attempts = 0)::int AS waiting,
             count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS running,
             count(*) FILTER (WHERE locked_at IS NULL AND attempts > 0 AND attempts < max_attempts)::int AS retrying,
             count(*) FILTER (WHERE attempts >= max_attempts)::int AS dead
      FROM graphile_worker.jobs`,
  ]);
  const byKind = new Map<NotificationKind, KindCounts>(NOTIFICATION_KINDS.map((kind) => [kind, { kind, queued: 0, sent: 0, failed: 0, skipped: 0, bouncing: 0 }]));
  for (const row of grouped) {
    const counts = byKind.get(row.kind as NotificationKind)!;
    counts[row.status.toLowerCase() as 'queued' | 'sent' | 'failed' | 'skipped'] += row._count._all;
  }
  for (const row of bouncingByKind) byKind.get(row.kind as NotificationKind)!.bouncing = row._count._all;
  return { since, kinds: [...byKind.values()], failed, bouncing, jobs: jobs[0]! };
}

export type NotificationOverview = Awaited<ReturnType<typeof getNotificationOverview>>;

/** Queues a failed notification again (its address cleared of bouncing, when that was why). */
export async function retryNotification(ctx: ServiceContext, input: { id: string }) {
  return ctx.db.$transaction(async (tx) => {
    const notification = await tx.notification.findUnique({ where: { id: input.id }, select: { id: true, status: true, toEmail: true, kind: true, lastError: true } });
    if (!notification) throw outOfReach(`No email ${input.id}: pick one from the list of failed emails.`);
    if (notification.status !== 'FAILED') throw new AppError('BAD_REQUEST', `Only a failed email can be retried; this one is ${notification.status.toLowerCase()}.`);
    await tx.bouncingAddress.deleteMany({ where: { email: notification.toEmail } });
    await tx.notification.update({ where: { id: notification.id }, data: { status: 'QUEUED', lastError: null, attempts: 0 } });
    // The old job (failed for good) is replaced: same key, attempts from zero.
    await tx.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = ${`notify:${notification.id}`} AND locked_at IS NULL`;
    await addSendJobs(tx, [notification.id]);
    await recordAudit(tx, ctx, {
      action: 'notification.retried',
      summary: `Retried the ${notification.kind.toLowerCase().replaceAll('_', ' ')} email to ${notification.toEmail}`,
      subjectType: 'notification',
      subjectId: notification.id,
      before: { status: 'FAILED', lastError: notification.lastError },
    });
    return { id: notification.id, status: 'QUEUED' as const };
  });
}


/** Sends to an address again after its mailbox was fixed (or the person says it works). */
export async function clearBouncingAddress(ctx: ServiceContext, input: { email: string }) {
  const email = input.email.trim().toLowerCase();
  return ctx.db.$transaction(async (tx) => {
    const removed = await tx.bouncingAddress.deleteMany({ where: { email } });
    if (removed.count === 0) throw outOfReach(`${email} is not marked as bouncing.`);
    await recordAudit(tx, ctx, { action: 'email.bounce_cleared', summary: `Cleared ${email} of bouncing`, subjectType: 'user', after: { email } });
    return { email };
  });
}
