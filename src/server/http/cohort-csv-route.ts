// A GET route handler for one cohort's CSV download: signed in, a member of the cohort with
// `permission`, else a plain 404 (the same answer as for a cohort that does not exist).
import type { CohortPermission } from '@/lib/permissions';
import { can } from '@/lib/permissions';
import { slugSchema } from '@/lib/schemas/slug';
import { getSession } from '@/server/auth/session';
import { memberContext, type CohortContext } from '@/server/services/context';
import { BODY_LIMITS, guardRoute } from './request-guard';

const notFound = () => new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export function cohortCsvRoute(options: { permission: CohortPermission; filename: string; build: (ctx: CohortContext) => Promise<string> }) {
  return guardRoute({ maxBodyBytes: BODY_LIMITS.none, checkHost: false }, async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug: rawSlug } = await params;
    const session = await getSession(request.headers);
    const slug = slugSchema.safeParse(rawSlug);
    if (!session || !slug.success) return notFound();
    const ctx = await memberContext(session.user, slug.data);
    if (!ctx || !can(ctx.access, options.permission)) return notFound();
    const csv = await options.build(ctx);
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${ctx.access.cohortSlug}-${options.filename}"`,
        'Cache-Control': 'no-store',
      },
    });
  });
}
