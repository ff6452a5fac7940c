// GET /account/export: everything Fellowship keeps about the signed-in person, as one JSON
// file, streamed (see export-personal-data.ts). Signed out: 401, nothing else.
import { getSession } from '@/server/auth/session';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';
import { streamResponse } from '@/server/http/stream-response';
import { exportPersonalData, personalDataFileName } from '@/server/services/account/export-personal-data';
import { requestContext } from '@/server/services/context';

export const dynamic = 'force-dynamic';

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none, checkHost: false }, async (request: Request) => {
  const session = await getSession(request.headers);
  if (!session) return new Response('Sign in to download your data.\n', { status: 401, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  const ctx = requestContext(session.user);
  return streamResponse(exportPersonalData(ctx), {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${personalDataFileName(ctx, 'json')}"`,
  });
});
