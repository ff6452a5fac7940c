import { APP_VERSION } from '@/lib/app-version';

// Never cached: a cached answer would say a stuck process is alive.
export const dynamic = 'force-dynamic';

/**
 * GET /api/health/live: liveness. 200 while this process can answer, whatever the database
 * says and even while it shuts down; an orchestrator restarts the process only when this fails.
 * Readiness (whether to send it traffic) is /api/health.
 */
export function GET(): Response {
  return Response.json({ status: 'live', version: APP_VERSION }, { headers: { 'Cache-Control': 'no-store' } });
}
