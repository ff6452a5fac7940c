import type { ReactNode } from 'react';

type Tone = 'info' | 'error' | 'success' | 'warning';

const TONES: Record<Tone, { classes: string; icon: string; label: string }> = {
  info: { classes: 'border-accent/40 bg-accent-soft text-text', icon: 'ℹ', label: 'Note' },
  error: { classes: 'border-danger/50 bg-danger-soft text-text', icon: '!', label: 'Problem' },
  success: { classes: 'border-success/50 bg-success-soft text-text', icon: '✓', label: 'Done' },
  warning: { classes: 'border-warning/50 bg-warning-soft text-text', icon: '!', label: 'Warning' },
};

const ICON_COLOURS: Record<Tone, string> = {
  info: 'bg-accent text-on-accent',
  error: 'bg-danger text-bg',
  success: 'bg-success text-bg',
  warning: 'bg-warning text-bg',
};

/**
 * A message in a box. The icon and the optional title carry the meaning as well as the colour.
 * `role="alert"` for errors that appear after an action, so screen readers announce them.
 */
export function Alert({
  tone = 'info',
  title,
  children,
  role,
  className = '',
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  role?: 'alert' | 'status';
  className?: string;
}) {
  const style = TONES[tone];
  return (
    <div role={role} className={`flex gap-3 rounded-xl border px-4 py-3 ${style.classes} ${className}`}>
      <span
        aria-hidden="true"
        className={`mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full text-sm font-bold ${ICON_COLOURS[tone]}`}
      >
        {style.icon}
      </span>
      <div className="min-w-0">
        <span className="sr-only">{style.label}: </span>
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className={title ? 'mt-0.5' : ''}>{children}</div> : null}
      </div>
    </div>
  );
}

/** The outcome of the last action on a list (moved, removed, failed), said once and announced. */
export type Feedback = { tone: 'error' | 'success'; text: string };

/** The live region above a list where `Feedback` appears; empty, it still exists so that screen readers hear what lands in it. */
export function FeedbackRegion({ feedback }: { feedback: Feedback | null }) {
  return (
    <div aria-live="polite">
      {feedback ? (
        <Alert tone={feedback.tone} role={feedback.tone === 'error' ? 'alert' : 'status'} className="mb-4">
          {feedback.text}
        </Alert>
      ) : null}
    </div>
  );
}
