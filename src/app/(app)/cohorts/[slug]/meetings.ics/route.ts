// GET /cohorts/<slug>/meetings.ics: the signed-in member's group meetings for the whole
// cohort, as a calendar file ("Add to calendar"). Signed-out visitors, non-members and members
// without a group get a plain 404, as for a cohort that does not exist.
import { can } from '@/lib/permissions';
import { slugSchema } from '@/lib/schemas/slug';
import { getSession } from '@/server/auth/session';
import { AppError } from '@/server/errors';
import { buildMeetingsCalendar } from '@/server/services/calendar/meetings-calendar';
import { memberContext } from '@/server/services/context';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';

export const dynamic = 'force-dynamic';

const notFound = (message = 'Not found') =>
  new Response(`${message}\n`, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none, checkHost: false }, async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const session = await getSession(request.headers);
  if (!session) return notFound();
  const slug = slugSchema.safeParse((await params).slug);
  if (!slug.success) return notFound();
  const ctx = await memberContext(session.user, slug.data);
  // Members only: a reviewer reaches the cohort's applications and nothing else.
  if (!ctx || !can(ctx.access, 'cohort.view')) return notFound();
  try {
    const { filename, ics } = await buildMeetingsCalendar(ctx);
    return new Response(ics, {
      headers: {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return notFound(error.message);
    throw error;
  }
});
