import { parseEnv } from '@/server/env';
import { isEmailAddress, normalizeEmail } from '@/lib/email-list';
import { parseNotificationKind, previewNotification, sendPreviewNotification } from '@/server/services/notifications/preview-notification';
import { defineCommand, stringOption, UsageError, withSystem } from '../command';

type Result = { subject: string; text: string; html: string; to: string; kind: string; cohortSlug: string } | { queued: string; to: string };

export const notifyPreview = defineCommand<Result>({
  name: 'notify preview',
  synopsis: ['notify preview <kind> [--cohort C] [--to EMAIL]'],
  summary: ['Prints one kind of email filled with a cohort’s data (subject and text; --json adds the HTML);', '--to queues it to that address instead (a worker sends it)'],
  options: { cohort: { type: 'string' }, to: { type: 'string' } },
  positionals: ['kind'],
  run: ({ positionals, values }) => {
    const kind = parseNotificationKind(positionals[0] ?? '');
    const cohort = stringOption(values, 'cohort');
    const to = stringOption(values, 'to');
    if (to !== undefined && !isEmailAddress(normalizeEmail(to))) throw new UsageError(`--to ${to} is not an email address.`);
    return withSystem(async (ctx) => {
      if (to) {
        const queued = await sendPreviewNotification(ctx, { kind, cohort, to });
        return { queued: queued.id, to: queued.to };
      }
      const env = parseEnv();
      const siteUrl = (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
      // The unsubscribe link of a preview is only shown, never followed: any secret signs it.
      return previewNotification(ctx, { siteUrl, secret: env.NEXTAUTH_SECRET ?? 'preview-only', messageIdDomain: new URL(siteUrl).hostname }, { kind, cohort });
    });
  },
  print: (result) =>
    'queued' in result
      ? `Queued ${result.queued} to ${result.to}; a running worker (npm start, or fellowship worker) sends it.`
      : `To: ${result.to}\nSubject: ${result.subject}\n\n${result.text}`,
});
