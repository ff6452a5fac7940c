import { formatMinutes, pluralize } from '@/lib/format';
import type { ReadingTime } from '@/lib/reading-time';

/** "1 h 45 min core · 30 min optional · 1 reading without a time estimate" */
export function describeReadingTime(time: ReadingTime): string {
  const parts = [`${formatMinutes(time.requiredMinutes)} core`];
  if (time.optionalMinutes > 0) parts.push(`${formatMinutes(time.optionalMinutes)} optional`);
  if (time.unestimatedCount > 0) parts.push(`${pluralize(time.unestimatedCount, 'reading')} without a time estimate`);
  return parts.join(' · ');
}
