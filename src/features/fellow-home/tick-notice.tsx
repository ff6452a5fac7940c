'use client';

// The quiet message after a tick that did not save: at the foot of the screen, where it is
// seen whichever week the box was in, without taking focus. It stays until dismissed or the
// next tick.
export function TickNotice({ notice, onDismiss }: { notice: string | null; onDismiss: () => void }) {
  return (
    <div role="status" className="pointer-events-none fixed inset-x-3 bottom-3 z-40 mx-auto max-w-xl sm:bottom-6">
      {notice ? (
        <div className="pointer-events-auto flex items-start gap-3 rounded-xl border border-warning/50 bg-warning-soft px-4 py-3 text-text shadow-lg">
          <span aria-hidden="true" className="mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full bg-warning text-sm font-bold text-bg">
            !
          </span>
          <p className="min-w-0 flex-1">{notice}</p>
          <button type="button" onClick={onDismiss} className="-my-1 min-h-9 rounded-lg px-2 font-semibold text-accent hover:bg-accent-soft">
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
