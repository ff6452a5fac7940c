'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';

/**
 * Erasing a person cannot be undone, so it asks more than once: the button opens a short
 * explanation that names the person, and "Erase for good" stays off until their email address
 * is typed (the server checks it again). Escape or Cancel closes it; focus follows.
 */
export function EraseUserButton({
  label,
  email,
  pending,
  disabled,
  error,
  onErase,
}: {
  label: string;
  email: string;
  pending: boolean;
  disabled: boolean;
  /** Why the last try failed, shown inside the open form. */
  error: string | null;
  onErase: (confirmEmail: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const id = useId();
  const matches = typed.trim().toLowerCase() === email.toLowerCase();

  useEffect(() => {
    if (open) inputRef.current?.focus();
    else if (wasOpen.current) startRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  if (!open) {
    return (
      <button ref={startRef} type="button" className={buttonClasses('secondary', 'sm')} onClick={() => setOpen(true)} disabled={disabled || pending}>
        {pending ? 'Erasing…' : 'Erase…'}
        <span className="sr-only"> {label}</span>
      </button>
    );
  }
  return (
    <form
      role="group"
      aria-labelledby={`${id}-title`}
      className="mt-2 w-full max-w-[38rem] basis-full rounded-lg border border-danger/50 bg-danger-soft/40 p-3"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
      onSubmit={(event) => {
        event.preventDefault();
        if (matches && !pending) onErase(typed.trim());
      }}
    >
      <p id={`${id}-title`} className="font-semibold">
        Erase {label} for good?
      </p>
      <p className="mt-1 max-w-[65ch] text-[0.9rem]">
        Their name, email address, sign-ins, API tokens, availability, applications’ answers, prompt answers, notes,
        comments and survey texts are deleted. Attendance, readings ticked, ratings and training runs stay for the
        cohorts’ figures, under the name “Erased person”. This cannot be undone; they could download their data first
        from their account page.
      </p>
      <label htmlFor={`${id}-email`} className="mt-3 block text-[0.9rem] font-medium">
        Type their email address, <span className="break-all font-mono">{email}</span>, to confirm
      </label>
      <input
        ref={inputRef}
        id={`${id}-email`}
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`mt-1 ${inputClasses}`}
      />
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-[0.9rem] font-medium text-danger">
          {error}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="submit" className={buttonClasses('danger', 'sm')} disabled={!matches || pending}>
          {pending ? 'Erasing…' : 'Erase for good'}
        </button>
        <button type="button" className={buttonClasses('quiet', 'sm')} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
