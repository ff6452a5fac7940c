// Small formatting helpers of the progress views.
import type { AttendanceSummary } from '@/lib/standing';

export function formatPercent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** "4 of 5 attended, 1 absent" (late counts as attended). */
export function describeAttendance(summary: AttendanceSummary): string {
  if (summary.held === 0) return 'No meetings yet';
  const attended = summary.present + summary.late;
  const extras = [
    summary.late ? `${summary.late} late` : null,
    summary.excused ? `${summary.excused} excused` : null,
    summary.absent ? `${summary.absent} absent` : null,
    summary.unmarked ? `${summary.unmarked} not marked` : null,
  ].filter(Boolean);
  return `${attended} of ${summary.held} attended${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

/** "today", "yesterday", "3 days ago", or the date for older activity. */
export function describeLastActivity(at: Date | null, now: Date, timeZone: string): string {
  if (!at) return 'None yet';
  const days = Math.floor((now.getTime() - at.getTime()) / 86_400_000);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days < 14) return `${days} days ago`;
  return formatDayOfMonth(at, timeZone);
}

export function formatDay(date: Date, timeZone: string): string {
  return formatterOf(timeZone, 'weekday').format(date);
}

/** "3 Mar": the day of the month and the month, in the zone. */
export function formatDayOfMonth(date: Date, timeZone: string): string {
  return formatterOf(timeZone, 'day').format(date);
}

// One formatter per zone and shape: making an Intl.DateTimeFormat costs far more than using one,
// and a facilitator's grid formats a date in every ticked cell (ADR 0033).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string, shape: 'day' | 'weekday'): Intl.DateTimeFormat {
  const key = `${shape} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', shape === 'day' ? { timeZone, day: 'numeric', month: 'short' } : { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A metric value with four significant digits: "-24.72", "0.0031". */
export function formatScore(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}
