import type { RunDisplayStatus } from '@/lib/run-status';

const STYLES: Record<RunDisplayStatus, { label: string; icon: string; classes: string }> = {
  running: { label: 'Running', icon: '●', classes: 'border-accent/40 bg-accent-soft text-accent-strong' },
  stale: { label: 'Stale: no data for 5 min', icon: '!', classes: 'border-warning/40 bg-warning-soft text-warning' },
  finished: { label: 'Finished', icon: '✓', classes: 'border-success/40 bg-success-soft text-success' },
  failed: { label: 'Failed', icon: '✕', classes: 'border-danger/40 bg-danger-soft text-danger' },
  killed: { label: 'Killed', icon: '■', classes: 'border-line bg-surface-muted text-muted' },
};

/** A run's status in words with a symbol: the colour only echoes them. */
export function RunStatusBadge({ status }: { status: RunDisplayStatus }) {
  const style = STYLES[status];
  return (
    <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-px text-[0.8rem] leading-5 font-medium whitespace-nowrap ${style.classes}`}>
      <span aria-hidden="true">{style.icon}</span>
      {style.label}
    </span>
  );
}
