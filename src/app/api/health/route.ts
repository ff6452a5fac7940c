import { APP_VERSION } from '@/lib/app-version';
import { checkDatabase } from '@/server/services/health/check-database';

// Every probe must ask the database afresh.
export const dynamic = 'force-dynamic';

/** GET /api/health: 200 when the app and its database answer, 503 when the database does not. */
export async function GET(): Promise<Response> {
  const db = await checkDatabase();
  const healthy = db === 'up';
  return Response.json(
    { status: healthy ? 'ok' : 'unavailable', db, version: APP_VERSION },
    { status: healthy ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
