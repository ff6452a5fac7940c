// Previews: one kind's email filled with a cohort's data, rendered (for /admin/emails and the
// CLI), or queued to one address so it arrives in a real mailbox.
import { KIND_TOPIC, NOTIFICATION_KINDS, type NotificationKind } from '@/lib/notification-kinds';
import { renderNotificationEmail, type RenderedEmail } from '@/server/email/render-notification';
import { AppError } from '@/server/errors';
import { nowOf, type ServiceContext } from '@/server/services/context';
import { unsubscribeUrl, type NotificationSettings } from './notification-settings';
import { queueNotifications } from './queue-notifications';
import { buildSampleEmails, type SampleEmail } from './sample-payloads';
import { signUnsubscribeToken } from './unsubscribe-token';

/** "weekly-digest", "WEEKLY_DIGEST" → the kind, or a BAD_REQUEST that lists the kinds. */
export function parseNotificationKind(value: string): NotificationKind {
  const kind = value.trim().toUpperCase().replaceAll('-', '_');
  if (!NOTIFICATION_KINDS.includes(kind as NotificationKind)) {
    throw new AppError('BAD_REQUEST', `No kind "${value}": use one of ${NOTIFICATION_KINDS.map((name) => name.toLowerCase().replaceAll('_', '-')).join(', ')}.`);
  }
  return kind as NotificationKind;
}

export async function renderSample(sample: SampleEmail, settings: NotificationSettings): Promise<RenderedEmail> {
  const topic = KIND_TOPIC[sample.kind];
  return renderNotificationEmail(sample.kind, sample.payload, sample.recipient, {
    siteUrl: settings.siteUrl,
    unsubscribeUrl: topic ? unsubscribeUrl(settings, signUnsubscribeToken(settings.secret, 'preview', topic)) : null,
    messageId: `preview@${settings.messageIdDomain}`,
  });
}

export async function previewNotification(ctx: ServiceContext, settings: NotificationSettings, input: { kind: NotificationKind; cohort?: string }) {
  const { cohortSlug, emails } = await buildSampleEmails(ctx, { cohort: input.cohort });
  const sample = emails.find((email) => email.kind === input.kind)!;
  return { cohortSlug, kind: input.kind, to: sample.recipient.email, ...(await renderSample(sample, settings)) };
}

/** Queues the preview to one address (outside any cohort, so no membership rule stops it). */
export async function sendPreviewNotification(ctx: ServiceContext, input: { kind: NotificationKind; cohort?: string; to: string }) {
  const { emails } = await buildSampleEmails(ctx, { cohort: input.cohort });
  const sample = emails.find((email) => email.kind === input.kind)!;
  const to = input.to.trim().toLowerCase();
  const { ids } = await queueNotifications(ctx.db, [
    { kind: input.kind, dedupeKey: `preview:${input.kind}:${nowOf(ctx).toISOString()}:${to}`, toEmail: to, userId: null, cohortId: null, payload: sample.payload },
  ]);
  return { id: ids[0]!, to };
}
