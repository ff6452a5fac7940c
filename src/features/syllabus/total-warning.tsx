import { formatMinutes } from '@/lib/format';
import type { StatedTotal } from '@/lib/syllabus-totals';

/** Admins only: a quiet note where the syllabus's stated total and the readings' sum disagree. */
export function TotalWarning({ stated, computedMinutes, show }: { stated: StatedTotal | null; computedMinutes: number; show: boolean }) {
  if (!show || !stated || stated.agrees !== false) return null;
  return (
    <p className="mt-1 flex items-start gap-1.5 text-[0.85rem] text-warning print:hidden">
      <span aria-hidden="true">⚠</span>
      <span>
        <span className="sr-only">Warning for admins: </span>
        The syllabus states {stated.text}, but the readings add up to {formatMinutes(computedMinutes)}.
      </span>
    </p>
  );
}

/** "1 h 10 min · stated: < 200 mins" */
export function describeTotals(computedMinutes: number, stated: StatedTotal | null): string {
  return stated ? `${formatMinutes(computedMinutes)} · stated: ${stated.text}` : formatMinutes(computedMinutes);
}
