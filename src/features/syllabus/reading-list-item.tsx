import { Badge } from '@/components/ui/badge';
import { SafeExternalLink } from '@/components/ui/safe-external-link';
import { formatMinutes } from '@/lib/format';
import type { SyllabusReading } from './types';

const KIND_LABELS: Record<SyllabusReading['kind'], string | null> = {
  READING: null,
  VIDEO: 'Video',
  NOTEBOOK: 'Notebook',
  EXERCISE: 'Exercise',
};

export function ReadingListItem({ reading }: { reading: SyllabusReading }) {
  const kindLabel = KIND_LABELS[reading.kind];
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <SafeExternalLink href={reading.url}>{reading.title}</SafeExternalLink>
        {kindLabel ? <Badge>{kindLabel}</Badge> : null}
        {reading.optional ? <Badge tone="warning">Optional</Badge> : null}
      </div>
      <p className="mt-0.5 text-[0.9rem] text-muted">
        {reading.minutes === null ? 'No time estimate' : formatMinutes(reading.minutes)}
        {reading.note ? ` · ${reading.note}` : null}
      </p>
    </li>
  );
}
