// Sending one queued notification: the worker's job. The ledger row decides: only a QUEUED
// row is sent, and it is marked SENT right after the SMTP server accepts it. A worker killed
// between those two steps leaves it QUEUED, so the retry sends it again with the same
// Message-ID (mail clients and most servers fold the two): at most the sends in flight at a
// crash repeat, and nothing is lost.
import { KIND_TOPIC, type NotificationKind } from '@/lib/notification-kinds';
import { PermanentDeliveryError, type Mailer } from '@/server/email/mailer';
import type { NotificationPayloads } from '@/server/email/payloads';
import { renderNotificationEmail } from '@/server/email/render-notification';
import { displayName } from '@/lib/format';
import { nowOf, type ServiceContext } from '@/server/services/context';
import { oneClickUnsubscribeUrl, unsubscribeUrl, type NotificationSettings } from './notification-settings';
import { findSkipReasons, candidateKey, SKIP_REASON_TEXT } from './recipients';
import { signUnsubscribeToken } from './unsubscribe-token';
import { whyNoLongerRelevant } from './relevance';

export type DeliveryOutcome = 'sent' | 'skipped' | 'bounced' | 'not-queued';

export type Attempt = { number: number; max: number };

export async function deliverNotification(
  ctx: ServiceContext,
  mailer: Mailer,
  settings: NotificationSettings,
  notificationId: string,
  attempt: Attempt,
): Promise<DeliveryOutcome> {
  const { db } = ctx;
  const notification = await db.notification.findUnique({
    where: { id: notificationId },
    select: {
      id: true,
      kind: true,
      status: true,
      toEmail: true,
      userId: true,
      cohortId: true,
      subjectId: true,
      payload: true,
      user: { select: { name: true, email: true, timeZone: true } },
    },
  });
  if (!notification || notification.status !== 'QUEUED') return 'not-queued';
  const kind = notification.kind as NotificationKind;
  const candidate = { userId: notification.userId, email: notification.toEmail };

  const skip =
    (await findSkipReasons(db, { kind, cohortId: notification.cohortId, candidates: [candidate] })).get(candidateKey(candidate)) ?? null;
  const stale = skip ? null : await whyNoLongerRelevant(db, { kind, subjectId: notification.subjectId, payload: notification.payload, now: nowOf(ctx) });
  if (skip || stale) {
    await db.notification.updateMany({
      where: { id: notification.id, status: 'QUEUED' },
      data: { status: 'SKIPPED', skippedReason: skip ? SKIP_REASON_TEXT[skip] : stale, attempts: attempt.number },
    });
    return 'skipped';
  }

  const payload = notification.payload as NotificationPayloads[typeof kind];
  const topic = KIND_TOPIC[kind];
  const token = topic && notification.userId ? signUnsubscribeToken(settings.secret, notification.userId, topic) : null;
  const timeZone = notification.user?.timeZone ?? (payload as { cohortTimeZone?: string }).cohortTimeZone ?? 'UTC';
  const name = notification.user ? displayName({ name: notification.user.name, email: notification.user.email }) : notification.toEmail;
  const email = await renderNotificationEmail(kind, payload, { email: notification.toEmail, name, timeZone }, {
    siteUrl: settings.siteUrl,
    unsubscribeUrl: token ? unsubscribeUrl(settings, token) : null,
    messageId: messageIdOf(notification.id, settings),
  });

  try {
    await mailer.send({
      to: notification.toEmail,
      subject: email.subject,
      html: email.html,
      text: email.text,
      attachments: email.attachments,
      messageId: messageIdOf(notification.id, settings),
      headers: {
        'X-Fellowship-Kind': kind,
        ...(token
          ? { 'List-Unsubscribe': `<${oneClickUnsubscribeUrl(settings, token)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : {}),
      },
      kind,
      url: email.url,
    });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.slice(0, 500);
    if (error instanceof PermanentDeliveryError) {
      await markBouncing(ctx, notification.toEmail, message);
      await db.notification.update({ where: { id: notification.id }, data: { status: 'FAILED', lastError: `Refused by the mail server: ${message}`, attempts: attempt.number } });
      return 'bounced';
    }
    const final = attempt.number >= attempt.max;
    await db.notification.update({
      where: { id: notification.id },
      data: { lastError: message, attempts: attempt.number, ...(final ? { status: 'FAILED' as const } : {}) },
    });
    throw error;
  }
  await db.notification.update({ where: { id: notification.id }, data: { status: 'SENT', sentAt: new Date(), attempts: attempt.number, lastError: null } });
  return 'sent';
}

/** Stable per notification: a resend after a crash carries the same one. */
export function messageIdOf(notificationId: string, settings: Pick<NotificationSettings, 'messageIdDomain'>): string {
  return `${notificationId}@${settings.messageIdDomain}`;
}

async function markBouncing(ctx: ServiceContext, email: string, reason: string) {
  const address = email.toLowerCase();
  await ctx.db.bouncingAddress.upsert({
    where: { email: address },
    create: { email: address, reason },
    update: { reason, lastAt: new Date(), count: { increment: 1 } },
    select: { email: true },
  });
}
