// Asks next-auth for a magic link. Posts the form itself (rather than next-auth's signIn) so a
// rate-limit refusal's message, sent as JSON with a 429, can be shown as the server wrote it.
// The sign-in form and the application form (whose link confirms the application) share it.

const FALLBACK_MESSAGE = 'We could not send a sign-in link. Please try again in a minute.';
const NETWORK_MESSAGE = 'We could not reach the server. Check your connection and try again.';

type ErrorBody = { error?: { message?: string }; url?: string } | null;

/** `messages`: texts for refusal codes (NotInvited, AccountDisabled…), from the server. */
export async function requestSignInLink(address: string, callbackUrl: string, messages: Record<string, string> = {}): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const csrf = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken?: string };
    const response = await fetch('/api/auth/signin/email', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: address, csrfToken: csrf.csrfToken ?? '', callbackUrl, json: 'true' }),
    });
    const body = (await response.json().catch(() => null)) as ErrorBody;
    if (response.status === 429 || response.status === 400) return { ok: false, message: body?.error?.message ?? messages.RateLimited ?? FALLBACK_MESSAGE };
    const code = body?.url ? new URL(body.url, window.location.origin).searchParams.get('error') : null;
    if (!response.ok || code) return { ok: false, message: (code && messages[code]) || FALLBACK_MESSAGE };
    return { ok: true };
  } catch {
    return { ok: false, message: NETWORK_MESSAGE };
  }
}
