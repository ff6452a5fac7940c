import { buildOpenApiDocument } from '@/server/api/v1/openapi';
import { parseEnv } from '@/server/env';

/** The site's public address: NEXTAUTH_URL (what sign-in links use), else this request's Host. */
function publicOrigin(request: Request): string {
  const configured = parseEnv().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(request.url);
  const host = request.headers.get('host');
  return host && /^[\w.-]+(:\d+)?$/.test(host) ? `${url.protocol}//${host}` : url.origin;
}

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of /api/v1 (no token needed). */
export function GET(request: Request): Response {
  const document = buildOpenApiDocument(publicOrigin(request));
  return Response.json(document, { headers: { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' } });
}
