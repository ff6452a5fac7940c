import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { EMAIL_TOPICS, TOPICS, type EmailTopic } from '@/lib/notification-kinds';
import { describeUnsubscribeToken } from '@/server/services/notifications/preferences';
import { notificationSettings } from '@/server/services/notifications/notification-settings';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false } };

type Props = { searchParams: Promise<{ token?: string; done?: string; invalid?: string }> };

/**
 * Where an email's "Stop these emails" link leads: it asks before it changes anything (link
 * scanners open links), then the button posts to the one-click endpoint. No sign-in needed.
 */
export default async function UnsubscribePage({ searchParams }: Props) {
  const { token, done, invalid } = await searchParams;
  const doneTopic = EMAIL_TOPICS.includes(done as EmailTopic) ? (done as EmailTopic) : null;
  const topic = token ? describeUnsubscribeToken({ token, secret: notificationSettings().secret }) : null;

  return (
    <Container className="py-10 sm:py-14">
      <div className="max-w-xl">
        <h1 className="text-3xl font-bold tracking-tight">Email preferences</h1>
        <div className="mt-6" aria-live="polite">
          {doneTopic ? (
            <Alert tone="success" role="status" title="Unsubscribed">
              You will get no more {TOPICS[doneTopic].label.toLowerCase()} emails. Sign-in links and invitations still come. You
              can turn it back on from <Link href="/account#email">your account page</Link>.
            </Alert>
          ) : invalid || (token && !topic) || !token ? (
            <Alert tone="error" role="alert" title="This link does not work">
              It may have been cut short by your mail program. Sign in and choose which emails you get on{' '}
              <Link href="/account#email">your account page</Link>.
            </Alert>
          ) : (
            <form method="post" action={`/api/unsubscribe?token=${encodeURIComponent(token)}`} className="grid gap-4 rounded-xl border border-line bg-surface p-5">
              <input type="hidden" name="from" value="page" />
              <p>
                Stop <strong>{topic!.label.toLowerCase()}</strong> emails from Fellowship? {TOPICS[topic!.topic].description}
              </p>
              <div>
                <button type="submit" className={buttonClasses('primary')}>
                  Unsubscribe
                </button>
              </div>
            </form>
          )}
        </div>
      </div>
    </Container>
  );
}
