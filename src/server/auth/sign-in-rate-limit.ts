// Sign-in emails cost us reputation and can flood an inbox: a few per address and per IP
// address per hour. Counters live in PostgreSQL (see consumeRateLimit).
import { systemContext } from '@/server/services/context';
import { consumeRateLimit } from '@/server/services/rate-limit/consume-rate-limit';
import { normaliseEmailAddress } from './email-address';
import { getAuthSettings } from './settings';

const HOUR = 60 * 60;

/**
 * The caller's address for per-IP limits. Next sets X-Forwarded-For to the socket's address
 * only when the request has none, and reverse proxies append the address they saw; so the
 * LAST entry is the one a client cannot forge behind a proxy (earlier entries are whatever the
 * client sent). Served directly without a proxy, a client can pick its own value: the
 * per-address limit still holds then. See README "Deploying".
 */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded || request.headers.get('x-real-ip') || 'unknown';
}

/** A 429 response when the limit is reached (a 400 for an address no mailbox has), or null to go on. */
export async function limitSignInEmails(request: Request): Promise<Response | null> {
  const settings = getAuthSettings();
  const form = await request.clone().formData().catch(() => null);
  const typed = String(form?.get('email') ?? '');
  // Counted under the address next-auth will send to, so no spelling of one inbox gets more.
  const email = typed.trim() ? normaliseEmailAddress(typed) : '';
  if (email === null) {
    return Response.json(
      {
        error: { code: 'BAD_REQUEST', message: 'That is not an email address we can send to. Check it for typos, spaces or commas.' },
        url: '/signin?error=EmailInvalid',
      },
      { status: 400 },
    );
  }
  const { db } = systemContext();
  const checks = [consumeRateLimit(db, `signin-ip:${clientIp(request)}`, settings.signInEmailsPerIpPerHour, HOUR)];
  if (email) checks.push(consumeRateLimit(db, `signin-email:${email}`, settings.signInEmailsPerHour, HOUR));
  const results = await Promise.all(checks);
  const blocked = results.filter((result) => !result.allowed);
  if (!blocked.length) return null;
  const retryAfter = Math.max(...blocked.map((result) => result.retryAfterSeconds));
  const minutes = Math.ceil(retryAfter / 60);
  const message = `Too many sign-in emails were requested. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or use a link already sent to you.`;
  return Response.json(
    { error: { code: 'TOO_MANY_REQUESTS', message }, url: `/signin?error=RateLimited` },
    { status: 429, headers: { 'Retry-After': String(retryAfter) } },
  );
}
