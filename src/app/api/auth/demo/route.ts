// Demo mode: one click signs in as the demo admin, a demo facilitator or a demo fellow.
// Off unless FELLOWSHIP_DEMO=1 or the app runs on the embedded database, listening on
// 127.0.0.1 only (local mode opened to a network turns it off). Only this site's host names are
// answered, so a DNS-rebinding page cannot sign itself in as the demo admin.
import { demoRoleSchema } from '@/lib/schemas/auth';
import { getAuthSettings, sessionCookieName } from '@/server/auth/settings';
import { guardRoute } from '@/server/http/request-guard';
import { startDemoSession } from '@/server/services/auth/start-demo-session';
import { systemContext } from '@/server/services/context';

/** The demo form sends one field, `role`. */
const DEMO_FORM_BYTES = 4 * 1024;

function refuse(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status });
}

export const POST = guardRoute({ maxBodyBytes: DEMO_FORM_BYTES }, async (request) => {
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
  const role = demoRoleSchema.safeParse(form?.get('role'));
  if (!role.success) return refuse(400, 'BAD_REQUEST', 'Choose a demo role: admin, facilitator or fellow.');
  const session = await startDemoSession(systemContext(), {
    role: role.data,
    policy: { maxAgeMs: settings.sessionMaxAgeMs, idleMs: settings.sessionIdleMs },
  });
  if (!session) {
    return refuse(404, 'NOT_FOUND', 'The demo people are missing: run `npm run db:seed` to add the demo data.');
  }
  const cookie = [
    `${sessionCookieName(settings)}=${session.sessionToken}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Expires=${session.expires.toUTCString()}`,
    ...(settings.secureCookies ? ['Secure'] : []),
  ].join('; ');
  return new Response(null, { status: 303, headers: { Location: '/', 'Set-Cookie': cookie } });
});
