import { useId } from 'react';

/**
 * A labelled bar with its numbers in words beside it ("3 of 5 core readings"), so the bar's
 * colour is never the only signal. A real progressbar for assistive technology: its value,
 * maximum and text change with the bar.
 */
export function ProgressBar({
  label,
  value,
  max,
  valueText,
}: {
  label: string;
  value: number;
  max: number;
  /** The value in words, shown beside the label and read out by screen readers. */
  valueText: string;
}) {
  const labelId = useId();
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <span id={labelId} className="font-medium">
          {label}
        </span>
        <span className="text-[0.95rem] text-muted">{valueText}</span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={valueText}
        className="mt-1.5 h-3 overflow-hidden rounded-full border border-line bg-surface-muted"
      >
        <div className="h-full rounded-full bg-accent transition-[width] duration-300 motion-reduce:transition-none" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
