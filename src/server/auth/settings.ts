// Sign-in settings for the running app, from the same validated environment as start-up.
import { parseEnv, type Env } from '@/server/env';
import { isLoopbackName } from '@/server/http/loopback';

export type AuthSettings = {
  /** The embedded default: local mailbox and demo mode allowed. */
  localMode: boolean;
  demoMode: boolean;
  smtpUrl: string | undefined;
  emailFrom: string;
  /** Email sign-in works when mail can be delivered: SMTP, or the local dev mailbox. */
  emailEnabled: boolean;
  devMailbox: boolean;
  github: { clientId: string; clientSecret: string } | null;
  google: { clientId: string; clientSecret: string } | null;
  sessionMaxAgeMs: number;
  sessionIdleMs: number;
  invitationDays: number;
  signInEmailsPerHour: number;
  signInEmailsPerIpPerHour: number;
  secureCookies: boolean;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function authSettingsFrom(env: Env): AuthSettings {
  const localMode = env.FELLOWSHIP_LOCAL_MODE;
  // Local mode opened to a network on purpose (FELLOWSHIP_HOST=0.0.0.0): others can reach it,
  // so nothing that signs anyone in without an email stays on unless FELLOWSHIP_DEMO=1 says so.
  const openToNetwork = localMode && env.FELLOWSHIP_HOST !== undefined && !isLoopbackName(env.FELLOWSHIP_HOST);
  const devMailbox = localMode && !openToNetwork && !env.SMTP_URL;
  return {
    localMode,
    demoMode: env.FELLOWSHIP_DEMO ?? (localMode && !openToNetwork),
    smtpUrl: env.SMTP_URL,
    emailFrom: env.EMAIL_FROM,
    emailEnabled: Boolean(env.SMTP_URL) || devMailbox,
    devMailbox,
    github: env.GITHUB_ID && env.GITHUB_SECRET ? { clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET } : null,
    google:
      env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
        ? { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }
        : null,
    sessionMaxAgeMs: env.FELLOWSHIP_SESSION_MAX_DAYS * DAY_MS,
    sessionIdleMs: env.FELLOWSHIP_SESSION_IDLE_DAYS * DAY_MS,
    invitationDays: env.FELLOWSHIP_INVITATION_DAYS,
    signInEmailsPerHour: env.FELLOWSHIP_SIGNIN_EMAILS_PER_HOUR,
    signInEmailsPerIpPerHour: env.FELLOWSHIP_SIGNIN_EMAILS_PER_IP_PER_HOUR,
    secureCookies: (env.NEXTAUTH_URL ?? '').startsWith('https://'),
  };
}

let cached: AuthSettings | undefined;

export function getAuthSettings(): AuthSettings {
  cached ??= authSettingsFrom(parseEnv());
  return cached;
}

/** next-auth's cookie name; the __Secure- prefix when the site is served over https. */
export function sessionCookieName(settings: AuthSettings = getAuthSettings()): string {
  return settings.secureCookies ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}
