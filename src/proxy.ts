// Strict-Transport-Security for sites served over https. It depends on NEXTAUTH_URL at run
// time (one Docker image serves http and https sites), so it cannot live in next.config's
// build-time headers. The matcher keeps this off every request that has a body: Next copies
// the body of any request a proxy sees, and none of them needs this header.
import { NextResponse } from 'next/server';

const HSTS = 'max-age=31536000; includeSubDomains';
const httpsSite = (process.env.NEXTAUTH_URL ?? '').startsWith('https://');

export function proxy(): NextResponse {
  const response = NextResponse.next();
  if (httpsSite) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|api/health|api/v1/).*)',
      // Only what reached us over https (the TLS proxy in front says so): HSTS means nothing over http.
      has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
      missing: [
        { type: 'header', key: 'content-length' },
        { type: 'header', key: 'transfer-encoding' },
      ],
    },
  ],
};
