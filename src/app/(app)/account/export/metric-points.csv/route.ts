// GET /account/export/metric-points.csv: every metric point of the signed-in person's training
// runs, one line each, streamed. Signed out: 401.
import { getSession } from '@/server/auth/session';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';
import { streamResponse } from '@/server/http/stream-response';
import { exportMetricPointsCsv, personalDataFileName } from '@/server/services/account/export-personal-data';
import { requestContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none, checkHost: false }, async (request: Request) => {
  const session = await getSession(request.headers);
  if (!session) return new Response('Sign in to download your data.\n', { status: 401, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  const ctx = requestContext(session.user);
  return streamResponse(exportMetricPointsCsv(ctx), {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${personalDataFileName(ctx, 'points')}"`,
  });
});
