// GET /admin/emails/<kind>: one kind of email rendered with the first active cohort's data
// (?cohort=<slug> picks another), for admins. Sandboxed: nothing in it runs.
import { canOnSite } from '@/lib/permissions';
import { getSession } from '@/server/auth/session';
import { AppError } from '@/server/errors';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';
import { requestContext } from '@/server/services/context';
import { notificationSettings } from '@/server/services/notifications/notification-settings';
import { parseNotificationKind, previewNotification } from '@/server/services/notifications/preview-notification';

export const dynamic = 'force-dynamic';

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none }, async (request, context: { params: Promise<{ kind: string }> }) => {
  const session = await getSession(request.headers);
  if (!session || !canOnSite(session.user, 'notifications.manage')) return new Response('Not found', { status: 404 });
  try {
    const kind = parseNotificationKind((await context.params).kind);
    const cohort = request.nextUrl.searchParams.get('cohort') ?? undefined;
    const preview = await previewNotification(requestContext(session.user), notificationSettings(), { kind, cohort });
    return new Response(preview.html, {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return new Response(error.message, { status: error.code === 'NOT_FOUND' ? 404 : 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    throw error;
  }
});
