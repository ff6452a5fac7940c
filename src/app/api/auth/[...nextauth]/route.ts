// next-auth's endpoints: only for this site's own host names, bodies of at most 64 KB, and
// sign-in emails rate limited per address and per IP first.
import NextAuth from 'next-auth';
import { buildAuthOptions } from '@/server/auth/options';
import { limitSignInEmails } from '@/server/auth/sign-in-rate-limit';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: RouteContext) {
  return NextAuth(buildAuthOptions())(request, context);
}

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none }, handler);

export const POST = guardRoute({ maxBodyBytes: BODY_LIMITS.auth }, async (request, context: RouteContext) => {
  const { nextauth } = await context.params;
  if (nextauth.join('/') === 'signin/email') {
    const refusal = await limitSignInEmails(request);
    if (refusal) return refusal;
  }
  return handler(request, context);
});
