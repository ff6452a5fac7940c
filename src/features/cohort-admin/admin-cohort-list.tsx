'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FeedbackRegion, type Feedback } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-styles';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { EmptyState } from '@/components/ui/empty-state';
import { toIsoDate } from '@/lib/cohort-calendar';
import { formatCalendarDate, pluralize } from '@/lib/format';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { STATUS_LABELS } from './cohort-admin-header';

type Row = RouterOutputs['cohorts']['list'][number];

export function AdminCohortList({ cohorts }: { cohorts: Row[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const archive = useMutation(
    trpc.cohorts.archive.mutationOptions({
      onSuccess: (cohort) => {
        setFeedback({ tone: 'success', text: `${cohort.name} is archived: read-only, still visible to its members.` });
        router.refresh();
      },
      onError: (error) => setFeedback({ tone: 'error', text: errorMessage(error) }),
    }),
  );

  if (cohorts.length === 0) {
    return <EmptyState title="No cohorts yet">Create the first one below, from a curriculum template.</EmptyState>;
  }
  return (
    <div>
      <FeedbackRegion feedback={feedback} />
      <ul className="grid grid-cols-1 gap-4">
        {cohorts.map((cohort) => {
          const status = STATUS_LABELS[cohort.status];
          const template = cohort.curriculum.source;
          const behind = template && cohort.curriculum.sourceVersion !== null && template.version > cohort.curriculum.sourceVersion;
          return (
            <li key={cohort.slug} className="rounded-xl border border-line bg-surface p-5" data-cohort={cohort.slug}>
              <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <h3 className="flex flex-wrap items-center gap-x-2 gap-y-1 text-lg font-semibold">
                    <Link href={`/cohorts/${cohort.slug}`}>{cohort.name}</Link>
                    <Badge tone={status.tone}>{status.label}</Badge>
                  </h3>
                  <p className="text-muted">
                    {cohort.term ? `${cohort.term} · ` : null}
                    <time dateTime={toIsoDate(cohort.startDate)} className="whitespace-nowrap">
                      {formatCalendarDate(cohort.startDate)}
                    </time>
                    {cohort.endDate ? (
                      <>
                        {' to '}
                        <time dateTime={toIsoDate(cohort.endDate)} className="whitespace-nowrap">
                          {formatCalendarDate(cohort.endDate)}
                        </time>
                      </>
                    ) : null}
                    <span className="whitespace-nowrap"> · {cohort.timeZone}</span>
                  </p>
                </div>
                <div className="flex flex-wrap gap-2 sm:justify-end">
                  <Link href={`/cohorts/${cohort.slug}/settings`} className={buttonClasses('secondary', 'sm')} aria-label={`Settings of ${cohort.name}`}>
                    Settings
                  </Link>
                  <Link href={`/cohorts/${cohort.slug}/groups`} className={buttonClasses('secondary', 'sm')} aria-label={`Groups of ${cohort.name}`}>
                    Groups
                  </Link>
                  <Link href={`/cohorts/${cohort.slug}/roster`} className={buttonClasses('secondary', 'sm')} aria-label={`Roster import for ${cohort.name}`}>
                    Roster
                  </Link>
                  {cohort.status !== 'ARCHIVED' ? (
                    <ConfirmButton
                      question={`Archive ${cohort.name}? It becomes read-only.`}
                      confirmLabel="Archive"
                      onConfirm={() => archive.mutate({ cohort: cohort.slug })}
                      pending={archive.isPending && archive.variables?.cohort === cohort.slug}
                    >
                      Archive
                    </ConfirmButton>
                  ) : null}
                </div>
              </div>
              <dl className="mt-3 grid gap-x-6 gap-y-1 text-[0.95rem] sm:grid-cols-3">
                <div>
                  <dt className="text-muted">People</dt>
                  <dd>
                    {pluralize(cohort.counts.fellows, 'fellow')}, {pluralize(cohort.counts.facilitators, 'facilitator')}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted">Groups and weeks</dt>
                  <dd>
                    {pluralize(cohort.counts.groups, 'group')}, {pluralize(cohort.teachingWeeks, 'week')}
                    {cohort.skippedWeeks.length ? ` (+${pluralize(cohort.skippedWeeks.length, 'week')} off)` : null}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted">Syllabus</dt>
                  <dd>
                    {template ? (
                      <>
                        Own copy of {template.title}
                        {behind ? <span className="text-warning"> (the template has changed since)</span> : null}
                      </>
                    ) : (
                      cohort.curriculum.title
                    )}
                  </dd>
                </div>
              </dl>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
