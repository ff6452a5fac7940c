// The session of the request a server component is rendering, read from the database once
// per request however many components ask (the site header, the page, its data loaders and
// in-process tRPC calls all do). Route handlers and the tRPC HTTP handler read it from their
// own request with getSession(request.headers).
import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getSession } from './session';

// With the person's cohorts: the site header lists them, so every page reads them anyway.
export const getRequestSession = cache(async () => getSession(await headers(), { withCohorts: true }));
