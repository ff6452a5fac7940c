// next-auth's endpoints, with sign-in emails rate limited per address and per IP first.
import NextAuth from 'next-auth';
import { buildAuthOptions } from '@/server/auth/options';
import { limitSignInEmails } from '@/server/auth/sign-in-rate-limit';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: RouteContext) {
  return NextAuth(buildAuthOptions())(request, context);
}

export async function GET(request: Request, context: RouteContext) {
  return handler(request, context);
}

export async function POST(request: Request, context: RouteContext) {
  const { nextauth } = await context.params;
  if (nextauth.join('/') === 'signin/email') {
    const refusal = await limitSignInEmails(request);
    if (refusal) return refusal;
  }
  return handler(request, context);
}
