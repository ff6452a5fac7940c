'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';

export type ErasureTarget = { id: string; label: string; email: string };

/**
 * Erasing a person cannot be undone, so it asks more than once: a dialog that names the person
 * and says what goes, with "Erase for good" off until their email address is typed (the server
 * checks it again). A modal <dialog> rather than a form in the row: on a phone the people table
 * scrolls sideways under its sticky first column, and a form in the last column would be cut
 * off. The browser traps focus inside and Escape closes it; focus then goes back to the row.
 */
export function EraseUserDialog({
  target,
  pending,
  error,
  onErase,
  onClose,
}: {
  target: ErasureTarget | null;
  pending: boolean;
  /** Why the last try failed, shown beside the address. */
  error: string | null;
  onErase: (confirmEmail: string) => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const id = useId();
  const matches = target !== null && typed.trim().toLowerCase() === target.email.toLowerCase();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (target && !dialog.open) {
      setTyped('');
      dialog.showModal();
    } else if (!target && dialog.open) {
      dialog.close();
    }
  }, [target]);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      // Escape, or close() after the erasure: the table decides what to show next.
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-[36rem] rounded-xl border border-line bg-surface p-5 text-text backdrop:bg-black/50"
    >
      {target ? (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            if (matches && !pending) onErase(typed.trim());
          }}
        >
          <h2 id={`${id}-title`} className="text-xl font-semibold">
            Erase {target.label} for good?
          </h2>
          <p className="mt-2 max-w-[65ch]">
            Their name, email address, sign-ins, API tokens, availability, application answers, prompt answers, notes,
            comments and survey texts are deleted. Attendance, readings ticked, ratings and training runs stay in the
            cohorts’ figures, under the name “Erased person”.
          </p>
          <p className="mt-2 max-w-[65ch] font-medium">This cannot be undone. They can download their data first, from their account page.</p>
          <label htmlFor={`${id}-email`} className="mt-4 block font-medium">
            To confirm, type their email address: <span className="break-all font-mono text-[0.95rem]">{target.email}</span>
          </label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            spellCheck={false}
            autoFocus
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
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <button type="button" className={buttonClasses('quiet')} onClick={() => dialogRef.current?.close()}>
              Cancel
            </button>
            <button type="submit" className={buttonClasses('danger')} disabled={!matches || pending}>
              {pending ? 'Erasing…' : 'Erase for good'}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
