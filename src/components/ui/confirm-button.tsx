'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { buttonClasses } from './button-styles';

/**
 * A destructive action that asks once: the first press turns the button into "Confirm" and
 * "Cancel" beside a short question; Escape or Cancel goes back. Focus follows, so keyboard
 * users are never left on a button that vanished.
 */
export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  pending = false,
  variant = 'danger',
  size = 'sm',
  disabled = false,
}: {
  children: ReactNode;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  variant?: 'danger' | 'secondary' | 'primary';
  size?: 'sm' | 'md';
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) startRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={startRef}
        type="button"
        // Calm until asked: the strong colour belongs to the confirming button.
        className={buttonClasses('secondary', size)}
        onClick={() => setAsking(true)}
        disabled={disabled || pending}
      >
        {pending ? 'Working…' : children}
      </button>
    );
  }
  return (
    <span
      className="inline-flex flex-wrap items-center gap-2"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
    >
      <span className="text-[0.9rem]">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={buttonClasses(variant, size)}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className={buttonClasses('quiet', size)} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
