// A run's status as people read it: running, finished, failed, killed, or stale (still
// running, but no data for 5 minutes: the job may have died without saying so).
export const STALE_AFTER_MS = 5 * 60 * 1000;

export type RunDisplayStatus = 'running' | 'stale' | 'finished' | 'failed' | 'killed';

export function displayRunStatus(
  run: { status: 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED'; lastDataAt: Date | null; createdAt: Date },
  now: Date = new Date(),
): RunDisplayStatus {
  if (run.status === 'RUNNING') {
    const lastActivity = run.lastDataAt ?? run.createdAt;
    return now.getTime() - lastActivity.getTime() > STALE_AFTER_MS ? 'stale' : 'running';
  }
  return run.status === 'FINISHED' ? 'finished' : run.status === 'FAILED' ? 'failed' : 'killed';
}

/** 5400 s -> "1 h 30 min", 95 s -> "1 min 35 s", 12 s -> "12 s". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  return `${rest} s`;
}

/** A metric value for people: 4 significant digits, "NaN" and "∞" as such. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(3).replace('-', '−');
  return Number(value.toPrecision(4)).toLocaleString('en', { maximumFractionDigits: 6 }).replace('-', '−');
}
