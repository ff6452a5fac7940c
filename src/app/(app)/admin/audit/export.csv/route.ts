// GET /admin/audit/export.csv?cohort=&action=&since=&until=: the audit log as CSV, for admins.
import { ZodError } from 'zod';
import { canOnSite } from '@/lib/permissions';
import { AUDIT_EXPORT_MAX } from '@/lib/schemas/audit';
import { getSession } from '@/server/auth/session';
import { AppError } from '@/server/errors';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';
import { auditCsv, listAuditLog } from '@/server/services/audit/list-audit';
import { requestContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none, checkHost: false }, async (request: Request) => {
  const session = await getSession(request.headers);
  if (!session || !canOnSite(session.user, 'audit.view')) return plain(404, 'Not found');
  const params = new URL(request.url).searchParams;
  try {
    const entries = await listAuditLog(requestContext(session.user), {
      cohort: params.get('cohort') ?? undefined,
      action: (params.get('action') ?? undefined) as never,
      since: params.get('since') ?? undefined,
      until: params.get('until') ?? undefined,
      limit: AUDIT_EXPORT_MAX,
    });
    return new Response(auditCsv(entries), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof AppError) return plain(400, error.message);
    if (error instanceof ZodError) return plain(400, error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
    throw error;
  }
});
