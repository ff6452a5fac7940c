// The signed link in every email one can turn off: it names one person and one topic and is
// signed with the site's secret, so it works without signing in and cannot be forged or
// pointed at someone else. It never expires: an old email's link must still stop the emails.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { EMAIL_TOPICS, type EmailTopic } from '@/lib/notification-kinds';

function signature(secret: string, body: string): Buffer {
  return createHmac('sha256', `fellowship-unsubscribe:${secret}`).update(body).digest();
}

export function signUnsubscribeToken(secret: string, userId: string, topic: EmailTopic): string {
  const body = Buffer.from(`${userId}:${topic}`).toString('base64url');
  return `${body}.${signature(secret, body).toString('base64url')}`;
}

/** The person and topic a token names, or null when it is malformed or not signed by this site. */
export function verifyUnsubscribeToken(secret: string, token: string): { userId: string; topic: EmailTopic } | null {
  if (token.length > 512) return null;
  const [body, sig, ...rest] = token.split('.');
  if (!body || !sig || rest.length) return null;
  const expected = signature(secret, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [userId, topic, ...extra] = Buffer.from(body, 'base64url').toString('utf8').split(':');
  if (!userId || extra.length || !EMAIL_TOPICS.includes(topic as EmailTopic)) return null;
  return { userId, topic: topic as EmailTopic };
}
