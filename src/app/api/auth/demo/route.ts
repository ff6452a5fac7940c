// Demo mode: one click signs in as the demo admin, a demo facilitator or a demo fellow.
// Off unless FELLOWSHIP_DEMO=1 or the app runs on the embedded database.
import { z } from 'zod';
import { db } from '@/server/db/client';
import { getAuthSettings, sessionCookieName } from '@/server/auth/settings';
import { createSession } from '@/server/services/auth/sessions';
import { DEMO_EMAILS } from '@/server/services/demo/demo-people';

const roleSchema = z.enum(['admin', 'facilitator', 'fellow']);
const DEMO_EMAIL_BY_ROLE = {
  admin: DEMO_EMAILS.admin,
  facilitator: DEMO_EMAILS.facilitators[0],
  fellow: DEMO_EMAILS.fellows[0],
} as const;

function refuse(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status });
}

export async function POST(request: Request) {
  const settings = getAuthSettings();
  if (!settings.demoMode) {
    return refuse(403, 'FORBIDDEN', 'Demo mode is off on this site. Sign in with your email address instead.');
  }
  // A form on another site must not sign a visitor into a demo account (login CSRF).
  const origin = request.headers.get('origin');
  if (origin && origin !== new URL(request.url).origin && origin !== process.env.NEXTAUTH_URL?.replace(/\/$/, '')) {
    return refuse(403, 'FORBIDDEN', 'Demo sign-in only works from this site.');
  }
  const form = await request.formData().catch(() => null);
  const role = roleSchema.safeParse(form?.get('role'));
  if (!role.success) return refuse(400, 'BAD_REQUEST', 'Choose a demo role: admin, facilitator or fellow.');
  const user = await db.user.findUnique({
    where: { email: DEMO_EMAIL_BY_ROLE[role.data] },
    select: { id: true, disabledAt: true },
  });
  if (!user || user.disabledAt) {
    return refuse(404, 'NOT_FOUND', 'The demo people are missing: run `npm run db:seed` to add the demo data.');
  }
  const session = await createSession(db, user.id, { maxAgeMs: settings.sessionMaxAgeMs, idleMs: settings.sessionIdleMs });
  const cookie = [
    `${sessionCookieName(settings)}=${session.sessionToken}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Expires=${session.expires.toUTCString()}`,
    ...(settings.secureCookies ? ['Secure'] : []),
  ].join('; ');
  return new Response(null, { status: 303, headers: { Location: '/', 'Set-Cookie': cookie } });
}
