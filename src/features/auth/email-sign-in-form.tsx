'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';

import { requestSignInLink } from './request-sign-in-link';

/** Asks for a magic link (requestSignInLink) and then shows the page that says to check the inbox. */
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
    const result = await requestSignInLink(address, callbackUrl, messages);
    if (!result.ok) return fail(result.message);
    router.push(`/signin/check-email?email=${encodeURIComponent(address)}`);
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
