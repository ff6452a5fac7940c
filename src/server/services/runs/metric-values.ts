// Metric values cross JSON as numbers, or as the strings "NaN", "Infinity" and "-Infinity"
// (JSON has no such numbers); in PostgreSQL they are float8, which has all three.
import type { MetricValue } from '@/lib/schemas/runs';

export function decodeMetricValue(value: MetricValue): number {
  if (typeof value === 'number') return value;
  return value === 'NaN' ? NaN : value === 'Infinity' ? Infinity : -Infinity;
}

export function encodeMetricValue(value: number): MetricValue {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/** PostgreSQL's float8 text, which it reads back exactly ("NaN", "Infinity", "1e-07"). */
export function toFloat8Text(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}

/** Reads float8 sent as text (`value::text`), so NaN and infinities survive any driver. */
export function fromFloat8Text(text: string): number;
export function fromFloat8Text(text: string | null): number | null;
export function fromFloat8Text(text: string | null): number | null {
  if (text === null) return null;
  return Number(text === 'Infinity' ? Infinity : text === '-Infinity' ? -Infinity : text === 'NaN' ? NaN : text);
}

export function encodeNullable(value: number | null): MetricValue | null {
  return value === null ? null : encodeMetricValue(value);
}
