// next-auth (v4) with database sessions through the Prisma adapter, so sessions can be
// listed and revoked. Providers: email magic links (SMTP, or the local dev mailbox), and
// GitHub / Google when their credentials are set.
import { PrismaAdapter } from '@next-auth/prisma-adapter';
import type { Adapter } from 'next-auth/adapters';
import type { NextAuthOptions } from 'next-auth';
import EmailProvider from 'next-auth/providers/email';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { findActiveSession, renewSession } from '@/server/services/auth/sessions';
import { systemContext } from '@/server/services/context';
import { confirmApplications } from '@/server/services/applications/apply';
import { acceptPendingInvitations, checkSignInAllowed } from '@/server/services/invitations/sign-in-policy';
import { sendSignInEmail } from './send-sign-in-email';
import { getAuthSettings, type AuthSettings } from './settings';
import { normaliseEmailAddress } from './email-address';

const MAGIC_LINK_MINUTES = 15;

/** The stock adapter, with session reads and renewals held to our session policy. */
function createAdapter(settings: AuthSettings): Adapter {
  // next-auth's Prisma adapter is the one piece of sign-in that talks to Prisma itself.
  const { db } = systemContext();
  const base = PrismaAdapter(db as never) as Adapter;
  const policy = { maxAgeMs: settings.sessionMaxAgeMs, idleMs: settings.sessionIdleMs };
  return {
    ...base,
    async getSessionAndUser(sessionToken) {
      const active = await findActiveSession(db, sessionToken, policy);
      if (!active) return null;
      return {
        session: { sessionToken, userId: active.user.id, expires: active.expires },
        user: { id: active.user.id, email: active.user.email, name: active.user.name, emailVerified: null },
      };
    },
    // next-auth renews by its own maxAge; never past the absolute lifetime.
    updateSession: ({ sessionToken, expires }) =>
      renewSession(systemContext(), { sessionToken, expires, maxAgeMs: policy.maxAgeMs }),
  };
}

/** Only ever redirect to this site: a path, or a URL on our own origin. */
export function safeRedirect(url: string, baseUrl: string): string {
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return `${baseUrl}${url}`;
  try {
    if (new URL(url).origin === new URL(baseUrl).origin) return url;
  } catch {
    // not a URL: fall through to the home page
  }
  return baseUrl;
}

export function buildAuthOptions(settings: AuthSettings = getAuthSettings()): NextAuthOptions {
  const providers: NextAuthOptions['providers'] = [];
  if (settings.emailEnabled) {
    providers.push(
      EmailProvider({
        from: settings.emailFrom,
        maxAge: MAGIC_LINK_MINUTES * 60,
        // The same spelling the rate limit counts (next-auth shows its EmailSignin error on a throw).
        normalizeIdentifier: (identifier) => {
          const address = normaliseEmailAddress(identifier);
          if (!address) throw new Error('Not an email address a mailbox can have.');
          return address;
        },
        sendVerificationRequest: ({ identifier, url }) => sendSignInEmail(settings, identifier, url, MAGIC_LINK_MINUTES),
      }),
    );
  }
  if (settings.github) providers.push(GitHubProvider(settings.github));
  // Google verifies the addresses it vouches for, so a Google sign-in may join an existing account.
  if (settings.google) providers.push(GoogleProvider({ ...settings.google, allowDangerousEmailAccountLinking: true }));

  return {
    adapter: createAdapter(settings),
    providers,
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: 'database', maxAge: settings.sessionIdleMs / 1000, updateAge: 60 * 60 },
    pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/auth/error' },
    callbacks: {
      async signIn({ user }) {
        if (!user.email) return '/auth/error?error=EmailRequired';
        const verdict = await checkSignInAllowed(systemContext(), { email: user.email });
        return verdict.allowed ? true : `/auth/error?error=${verdict.reason}`;
      },
      redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
      session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
    },
    events: {
      async signIn({ user }) {
        if (user.email) {
          await acceptPendingInvitations(systemContext(), { userId: user.id, email: user.email });
          await confirmApplications(systemContext(), { userId: user.id, email: user.email });
        }
      },
    },
  };
}
