// Request paths to Next's route patterns (`/cohorts/[slug]/progress`), for logs and metrics:
// a label per route, not per cohort or run, and never a path that carries a token.
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Route = { page: string; regex: RegExp };

export type RoutePatterns = (pathname: string) => string;

/** Reads the build's routes-manifest.json: Next's own patterns and regular expressions. */
export function loadRoutePatterns(distDir: string): RoutePatterns {
  const manifest = JSON.parse(readFileSync(path.join(distDir, 'routes-manifest.json'), 'utf8')) as {
    staticRoutes: { page: string; regex: string }[];
    dynamicRoutes: { page: string; regex: string }[];
  };
  const exact = new Map(manifest.staticRoutes.map((route) => [route.page, route.page]));
  // Next lists dynamic routes most specific first, the order it matches them in.
  const dynamic: Route[] = manifest.dynamicRoutes.map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return (pathname) => {
    const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
    const known = exact.get(trimmed);
    if (known) return known;
    if (trimmed.startsWith('/_next/')) return trimmed.startsWith('/_next/static/') ? '/_next/static' : '/_next';
    for (const route of dynamic) if (route.regex.test(trimmed)) return route.page;
    return '(unmatched)';
  };
}
