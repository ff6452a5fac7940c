'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';

const FALLBACK_MESSAGE = 'We could not send a sign-in link. Please try again in a minute.';
const NETWORK_MESSAGE = 'We could not reach the server. Check your connection and try again.';

type ErrorBody = { error?: { message?: string }; url?: string } | null;

/**
 * Asks next-auth for a magic link. Posts the form itself (rather than next-auth's signIn) so a
 * rate-limit refusal's message, sent as JSON with a 429, can be shown as the server wrote it.
 */
export function EmailSignInForm({
  callbackUrl,
  messages,
  submitLabel = 'Email me a sign-in link',
  autoFocus = false,
}: {
  callbackUrl: string;
  /** Texts for refusal codes (NotInvited, AccountDisabled…), from the server. */
  messages: Record<string, string>;
  submitLabel?: string;
  autoFocus?: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function fail(message: string) {
    setError(message);
    setPending(false);
    inputRef.current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = email.trim();
    if (!address) return fail('Enter your email address.');
    if (!inputRef.current?.validity.valid) return fail('Enter a whole email address, such as ada@example.org.');
    setPending(true);
    setError(null);
    try {
      const csrf = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken?: string };
      const response = await fetch('/api/auth/signin/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: address, csrfToken: csrf.csrfToken ?? '', callbackUrl, json: 'true' }),
      });
      const body = (await response.json().catch(() => null)) as ErrorBody;
      if (response.status === 429 || response.status === 400) return fail(body?.error?.message ?? messages.RateLimited ?? FALLBACK_MESSAGE);
      const code = body?.url ? new URL(body.url, window.location.origin).searchParams.get('error') : null;
      if (!response.ok || code) return fail((code && messages[code]) || FALLBACK_MESSAGE);
      router.push(`/signin/check-email?email=${encodeURIComponent(address)}`);
    } catch {
      fail(NETWORK_MESSAGE);
    }
  }

  const errorId = `${id}-error`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <div>
        <label htmlFor={`${id}-email`} className="block font-medium">
          Email address
        </label>
        <input
          ref={inputRef}
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          // The first field of a page about signing in: where the user wants to be.
          autoFocus={autoFocus}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={`mt-1 ${inputClasses}`}
          placeholder="you@example.org"
        />
        <div aria-live="assertive">
          {error ? (
            <p id={errorId} className="mt-2 text-[0.95rem] font-medium text-danger">
              {error}
            </p>
          ) : null}
        </div>
      </div>
      <button type="submit" className={buttonClasses('primary', 'md', 'w-full')} disabled={pending}>
        {pending ? 'Sending your link…' : submitLabel}
      </button>
    </form>
  );
}
