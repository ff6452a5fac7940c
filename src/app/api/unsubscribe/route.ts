// POST /api/unsubscribe?token=…: the one-click unsubscribe of RFC 8058. Mail providers POST
// "List-Unsubscribe=One-Click" here with no cookie; the token alone says who and which topic.
// The unsubscribe page's button posts here too and is sent back to the page with the outcome.
// No host check: mail providers call the address in the email, whatever the site is named.
import { NextResponse } from 'next/server';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';
import { systemContext } from '@/server/services/context';
import { unsubscribeWithToken } from '@/server/services/notifications/preferences';
import { notificationSettings } from '@/server/services/notifications/notification-settings';

export const dynamic = 'force-dynamic';

export const POST = guardRoute({ maxBodyBytes: BODY_LIMITS.unsubscribe, checkHost: false }, async (request) => {
  const token = request.nextUrl.searchParams.get('token') ?? '';
  const settings = notificationSettings();
  const result = await unsubscribeWithToken(systemContext(), { token, secret: settings.secret });
  const fromPage = (request.headers.get('content-type') ?? '').includes('form') && (await request.formData()).get('from') === 'page';
  if (fromPage) {
    const back = new URL('/unsubscribe', settings.siteUrl);
    back.searchParams.set(result.ok ? 'done' : 'invalid', result.ok ? result.topic : '1');
    return NextResponse.redirect(back, 303);
  }
  return new Response(result.ok ? `Unsubscribed from ${result.label.toLowerCase()}.\n` : 'This unsubscribe link is not valid.\n', {
    status: result.ok ? 200 : 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
});
