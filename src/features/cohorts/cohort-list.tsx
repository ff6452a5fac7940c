import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCalendarDate, formatTimeZone } from '@/lib/format';
import type { CohortSummary } from '@/server/services/cohorts/list-cohorts';

const STATUS_BADGES = {
  ACTIVE: { label: 'Running', tone: 'accent' },
  DRAFT: { label: 'Draft', tone: 'warning' },
  ARCHIVED: { label: 'Archived', tone: 'neutral' },
} as const;

const ROLE_LABELS = { FELLOW: 'You are a fellow', FACILITATOR: 'You facilitate' } as const;

export function CohortList({ cohorts, now = new Date() }: { cohorts: CohortSummary[]; now?: Date }) {
  if (cohorts.length === 0) {
    return (
      <EmptyState title="No cohorts for you yet">
        When an admin invites you to a cohort, it appears here once you have signed in with the invited address.
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
      {cohorts.map((cohort) => {
        const badge = STATUS_BADGES[cohort.status];
        const hasStarted = cohort.startDate.getTime() <= now.getTime();
        return (
          <li key={cohort.slug} className="flex flex-col gap-1 px-5 py-4 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
            <div>
              <h3 className="flex flex-wrap items-center gap-x-2 gap-y-1 text-lg font-semibold">
                <Link href={`/cohorts/${cohort.slug}`}>{cohort.name}</Link>
                <Badge tone={badge.tone}>{badge.label}</Badge>
                {cohort.myRole ? <Badge>{ROLE_LABELS[cohort.myRole]}</Badge> : null}
              </h3>
              <p className="text-muted">
                {cohort.term ? `${cohort.term} · ` : null}
                {hasStarted ? 'Started' : 'Starts'}{' '}
                <time dateTime={cohort.startDate.toISOString().slice(0, 10)}>{formatCalendarDate(cohort.startDate)}</time>
              </p>
              <p className="text-sm text-muted">Times in {formatTimeZone(cohort.timeZone, cohort.startDate)}</p>
            </div>
            <p className="shrink-0 sm:pt-1">
              <span className="text-muted">Syllabus: </span>
              <Link href={`/cohorts/${cohort.slug}/syllabus`}>{cohort.curriculum.title}</Link>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
