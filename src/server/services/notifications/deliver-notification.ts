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
import { skipReasonOf, SKIP_REASON_TEXT } from './recipients';
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
  const notification = await loadForDelivery(db, notificationId);
  if (!notification || notification.status !== 'QUEUED') return 'not-queued';
  const kind = notification.kind;

  const skip = skipReasonOf({
    kind,
    inCohort: notification.cohortId !== null,
    cohortArchived: notification.cohortStatus === 'ARCHIVED',
    userId: notification.userId,
    disabled: notification.disabled,
    topicChoice: notification.topicChoice,
    member: notification.member,
    bouncing: notification.bouncing,
  });
  const stale = skip ? null : await whyNoLongerRelevant(db, { kind, subjectId: notification.subjectId, payload: notification.payload, now: nowOf(ctx) });
  if (skip || stale) {
    await db.$executeRaw`
      UPDATE "Notification" SET status = 'SKIPPED', "skippedReason" = ${skip ? SKIP_REASON_TEXT[skip] : stale}, attempts = ${attempt.number}
      WHERE id = ${notification.id} AND status = 'QUEUED'`;
    return 'skipped';
  }

  const payload = notification.payload as NotificationPayloads[typeof kind];
  const topic = KIND_TOPIC[kind];
  const token = topic && notification.userId ? signUnsubscribeToken(settings.secret, notification.userId, topic) : null;
  const timeZone = notification.timeZone ?? (payload as { cohortTimeZone?: string }).cohortTimeZone ?? 'UTC';
  const name = notification.userEmail ? displayName({ name: notification.userName, email: notification.userEmail }) : notification.toEmail;
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
  await db.$executeRaw`UPDATE "Notification" SET status = 'SENT', "sentAt" = now(), attempts = ${attempt.number}, "lastError" = NULL WHERE id = ${notification.id}`;
  return 'sent';
}

type DeliveryRow = {
  id: string;
  kind: NotificationKind;
  status: string;
  toEmail: string;
  userId: string | null;
  cohortId: string | null;
  subjectId: string | null;
  payload: unknown;
  userName: string | null;
  userEmail: string | null;
  timeZone: string | null;
  disabled: boolean;
  topicChoice: boolean | null;
  member: boolean;
  cohortStatus: string | null;
  bouncing: boolean;
};

const TOPIC_OF_KIND = JSON.stringify(KIND_TOPIC);

/**
 * The notification and every fact the send rule needs (skipReasonOf), in one statement: a
 * worker sends many per second, and each query costs as much CPU as rendering the email.
 */
async function loadForDelivery(db: ServiceContext['db'], id: string): Promise<DeliveryRow | null> {
  const rows = await db.$queryRaw<DeliveryRow[]>`
    SELECT n.id, n.kind::text AS kind, n.status::text AS status, n."toEmail", n."userId", n."cohortId", n."subjectId", n.payload,
           u.name AS "userName", u.email AS "userEmail", u."timeZone", (u."disabledAt" IS NOT NULL) AS disabled,
           p.enabled AS "topicChoice", (m.id IS NOT NULL) AS member, c.status::text AS "cohortStatus", (b.email IS NOT NULL) AS bouncing
    FROM "Notification" n
    LEFT JOIN "User" u ON u.id = n."userId"
    LEFT JOIN "EmailPreference" p ON p."userId" = n."userId" AND p.topic::text = (${TOPIC_OF_KIND}::jsonb ->> n.kind::text)
    LEFT JOIN "Membership" m ON m."userId" = n."userId" AND m."cohortId" = n."cohortId" AND m."leftAt" IS NULL
    LEFT JOIN "Cohort" c ON c.id = n."cohortId"
    LEFT JOIN "BouncingAddress" b ON b.email = n."toEmail"
    WHERE n.id = ${id}`;
  return rows[0] ?? null;
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
