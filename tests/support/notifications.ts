// Running the notification queue in tests: every job that is due, through the real queue
// (graphile-worker's runOnce on the test database) and a real SMTP server.
import { runOnce } from 'graphile-worker';
import { db } from '@/server/db/client';
import { createSmtpMailer } from '@/server/email/mailer';
import { systemContext } from '@/server/services/context';
import { deliverNotification } from '@/server/services/notifications/deliver-notification';
import type { NotificationSettings } from '@/server/services/notifications/notification-settings';
import { SEND_TASK } from '@/server/services/notifications/queue-notifications';
import { quietLogger } from '@/server/jobs/queue-schema';
import type { SmtpSink } from './smtp-sink';

export const TEST_NOTIFICATION_SETTINGS: NotificationSettings = {
  siteUrl: 'http://fellowship.test',
  secret: 'test-secret-test-secret-test-secret-0123',
  messageIdDomain: 'fellowship.test',
};

/** Sends every queued notification whose job is due, through the sink; returns when the queue is empty. */
export async function drainQueue(sink: SmtpSink, now?: Date): Promise<void> {
  const mailer = createSmtpMailer({ smtpUrl: sink.url, from: 'Fellowship <no-reply@fellowship.test>', connections: 2, perMinute: 100_000 });
  try {
    await runOnce({
      connectionString: process.env.DATABASE_URL!,
      logger: quietLogger,
      noHandleSignals: true,
      taskList: {
        [SEND_TASK]: async (payload, helpers) => {
          await deliverNotification(systemContext(db, now), mailer, TEST_NOTIFICATION_SETTINGS, (payload as { id: string }).id, {
            number: helpers.job.attempts,
            max: helpers.job.max_attempts,
          });
        },
      },
    });
  } finally {
    mailer.close();
  }
}
