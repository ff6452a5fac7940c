import type { ReactNode } from 'react';

type BadgeTone = 'neutral' | 'accent' | 'warning' | 'danger';

const TONE_CLASSES: Record<BadgeTone, string> = {
  neutral: 'border-line bg-surface-muted text-muted',
  accent: 'border-accent/40 bg-accent-soft text-accent-strong',
  warning: 'border-warning/40 bg-warning-soft text-warning',
  danger: 'border-danger/40 bg-danger-soft text-danger',
};

/** A short label. Its text carries the meaning; the colour only echoes it. */
export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2 py-px text-[0.8rem] leading-5 font-medium whitespace-nowrap ${TONE_CLASSES[tone]}`}
    >
      {children}
    </span>
  );
}
