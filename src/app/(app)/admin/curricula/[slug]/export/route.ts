// GET /admin/curricula/<slug>/export: the curriculum as a markdown file, for admins (the
// "Download markdown" buttons). Anyone else gets a plain 404, as for a slug that does not exist.
import { canOnSite } from '@/lib/permissions';
import { slugSchema } from '@/lib/schemas/slug';
import { getSession } from '@/server/auth/session';
import { requestContext } from '@/server/services/context';
import { AppError } from '@/server/errors';
import { exportCurriculumMarkdown } from '@/server/services/curricula/export-curriculum';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';

export const dynamic = 'force-dynamic';

const notFound = () => new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none, checkHost: false }, async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const session = await getSession(request.headers);
  if (!session || !canOnSite(session.user, 'curricula.manage')) return notFound();
  const slug = slugSchema.safeParse((await params).slug);
  if (!slug.success) return notFound();
  try {
    const markdown = await exportCurriculumMarkdown(requestContext(session.user), { slug: slug.data });
    return new Response(markdown, {
      headers: {
        'Content-Type': 'text/markdown; charset=utf-8',
        'Content-Disposition': `attachment; filename="${slug.data}.md"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return notFound();
    throw error;
  }
});
