// GET /dev/mailbox/<id>: one email of the dev mailbox as the recipient would see it (its HTML),
// sandboxed: no scripts, and links open outside the app's origin rules.
import { isAddressedToThisSite } from '@/server/http/request-guard';
import { getAuthSettings } from '@/server/auth/settings';
import { systemContext } from '@/server/services/context';
import { getDevMailboxMessage } from '@/server/services/dev-mailbox/dev-mailbox';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  if (!getAuthSettings().devMailbox || !isAddressedToThisSite(request.headers)) return new Response('Not found', { status: 404 });
  const message = await getDevMailboxMessage(systemContext(), { id: (await params).id });
  if (!message) return new Response('Not found', { status: 404 });
  const body = message.html ?? `<pre style="white-space:pre-wrap;font:15px/1.5 system-ui">${message.text.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</pre>`;
  return new Response(body, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
    },
  });
}
