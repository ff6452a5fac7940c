// GET /api/runs/<run_id>/artifacts/<artifact_id>: an uploaded image for the run page, for
// people who may open the run (session cookie). Anything else is a plain 404. An artifact's
// bytes never change under its id... except a re-upload of the same name and step, which the
// page asks for with ?v=<upload time>, so the browser may keep each answer for good.
import { z } from 'zod';
import { getSession } from '@/server/auth/session';
import { readArtifactFile } from '@/server/services/results/artifact-file';
import { requestContext } from '@/server/services/context';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';

const idSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/);

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none, checkHost: false }, async (request: Request, context: { params: Promise<{ runId: string; artifactId: string }> }) => {
  const { runId, artifactId } = await context.params;
  if (!idSchema.safeParse(runId).success || !idSchema.safeParse(artifactId).success) return notFound();
  const session = await getSession(request.headers);
  if (!session) return notFound();
  const artifact = await readArtifactFile(requestContext(session.user), { runId, artifactId });
  if (!artifact) return notFound();
  return new Response(new Uint8Array(artifact.data), {
    status: 200,
    headers: {
      'Content-Type': artifact.contentType,
      'Content-Length': String(artifact.size),
      'Cache-Control': 'private, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
});
