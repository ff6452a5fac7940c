'use client';

// The message after a delete, with "Undo": it takes focus so that a keyboard user can undo
// at once (Enter) or go back to where they were (Escape). It stays while focus or the
// pointer is on it, and otherwise leaves after a while.
import { useEffect, useRef, useState } from 'react';
import { buttonClasses } from '@/components/ui/button-styles';
import type { Toast } from './editor-context';

const VISIBLE_MS = 12_000;

export function UndoToast({ toast, onClose }: { toast: (Toast & { key: number }) | null; onClose: (focusAfter: string | null) => void }) {
  const undoRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [held, setHeld] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [shownKey, setShownKey] = useState<number | null>(null);

  if (toast && toast.key !== shownKey) {
    setShownKey(toast.key);
    setBusy(false);
    setFailed(null);
  }

  useEffect(() => {
    if (!toast) return;
    if (toast.undo) undoRef.current?.focus();
    else if (toast.tone === 'error') closeRef.current?.focus();
  }, [toast]);

  useEffect(() => {
    if (!toast || held || busy) return;
    const timer = setTimeout(() => onClose(null), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [toast, held, busy, onClose]);

  if (!toast) return null;

  async function undo() {
    if (!toast?.undo) return;
    setBusy(true);
    try {
      await toast.undo();
      onClose(null);
    } catch (error) {
      setFailed(`Could not undo: ${(error as Error).message}`);
      setBusy(false);
    }
  }

  return (
    <div
      className="fixed inset-x-3 bottom-3 z-40 mx-auto flex max-w-xl flex-wrap items-center gap-x-3 gap-y-2 rounded-xl border border-line bg-text px-4 py-3 text-bg shadow-xl sm:inset-x-6 sm:bottom-6"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHeld(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose(toast.focusAfterDismiss ?? null);
        }
      }}
    >
      <p className="min-w-0 flex-1 text-[0.95rem]">
        {toast.tone === 'error' ? (
          <span aria-hidden="true" className="mr-1.5 font-bold">
            !
          </span>
        ) : null}
        {failed ?? toast.message}
      </p>
      <div className="flex gap-2">
        {toast.undo && !failed ? (
          <button
            ref={undoRef}
            type="button"
            disabled={busy}
            className="min-h-9 rounded-lg bg-bg px-3 py-1 text-[0.9rem] font-semibold text-text hover:bg-surface-muted focus-visible:outline-bg"
            onClick={() => void undo()}
          >
            {busy ? 'Undoing…' : 'Undo'}
          </button>
        ) : null}
        <button
          ref={closeRef}
          type="button"
          aria-label="Dismiss message"
          className={buttonClasses('quiet', 'sm', '!text-bg hover:!bg-transparent hover:underline focus-visible:outline-bg')}
          onClick={() => onClose(toast.focusAfterDismiss ?? null)}
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}
