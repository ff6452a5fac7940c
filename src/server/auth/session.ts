// The signed-in user as the rest of the server sees it, read from next-auth's session cookie
// and checked against the database on every request (so disabling a user or signing out
// everywhere takes effect at the next request).
import 'server-only';
import { noteRequestUser } from '@/server/observability/request-context';
import { systemContext } from '@/server/services/context';
import { findActiveSession } from '@/server/services/auth/sessions';
import type { Session } from './session-types';
import { getAuthSettings, sessionCookieName } from './settings';

export type { Session, SessionUser } from './session-types';

export function readSessionToken(headers: Headers): string | null {
  const cookieHeader = headers.get('cookie');
  if (!cookieHeader) return null;
  const name = sessionCookieName();
  for (const part of cookieHeader.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      const value = decodeURIComponent(part.slice(index + 1).trim());
      return value || null;
    }
  }
  return null;
}

/** `withCohorts`: also the person's cohorts, for a page's site header (the same statement). */
export async function getSession(headers: Headers, options: { withCohorts?: boolean } = {}): Promise<Session | null> {
  const token = readSessionToken(headers);
  if (!token) return null;
  const settings = getAuthSettings();
  const session = await findActiveSession(
    systemContext().db,
    token,
    { maxAgeMs: settings.sessionMaxAgeMs, idleMs: settings.sessionIdleMs },
    new Date(),
    options,
  );
  if (!session) return null;
  noteRequestUser(session.user.id);
  return { user: session.user, ...(session.cohorts ? { cohorts: session.cohorts } : {}) };
}
