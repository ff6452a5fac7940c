// GET /cohorts/<cohort>/feedback/survey.csv: every answer to the end-of-course survey (one row
// per fellow), for the cohort's admins. Anyone else gets a plain 404.
import { can } from '@/lib/permissions';
import { slugSchema } from '@/lib/schemas/slug';
import { getSession } from '@/server/auth/session';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';
import { exportSurveyCsv } from '@/server/services/feedback/survey';
import { memberContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

const notFound = () => new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none, checkHost: false }, async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug: rawSlug } = await params;
  const session = await getSession(request.headers);
  const slug = slugSchema.safeParse(rawSlug);
  if (!session || !slug.success) return notFound();
  const ctx = await memberContext(session.user, slug.data);
  if (!ctx || !can(ctx.access, 'feedback.view')) return notFound();
  const csv = await exportSurveyCsv(ctx);
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${ctx.access.cohortSlug}-survey.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
