// GET /cohorts/<cohort>/applications/export.csv: every application with its answers, scores and
// comments, for the cohort's admins. Anyone else gets a plain 404.
import { can } from '@/lib/permissions';
import { slugSchema } from '@/lib/schemas/slug';
import { getSession } from '@/server/auth/session';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';
import { exportApplicationsCsv } from '@/server/services/applications/review';
import { memberContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

const notFound = () => new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none, checkHost: false }, async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug: rawSlug } = await params;
  const session = await getSession(request.headers);
  const slug = slugSchema.safeParse(rawSlug);
  if (!session || !slug.success) return notFound();
  const ctx = await memberContext(session.user, slug.data);
  if (!ctx || !can(ctx.access, 'applications.manage')) return notFound();
  const csv = await exportApplicationsCsv(ctx);
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${ctx.access.cohortSlug}-applications.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
