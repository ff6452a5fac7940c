import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { CohortAdminNav, type CohortAdminPage } from './cohort-admin-nav';

export const STATUS_LABELS = {
  DRAFT: { label: 'Draft', tone: 'warning' },
  ACTIVE: { label: 'Running', tone: 'accent' },
  ARCHIVED: { label: 'Archived', tone: 'neutral' },
} as const;

/** The top of a cohort's admin pages: where you are, the cohort's status, the other pages. */
export function CohortAdminHeader({
  cohort,
  current,
  title,
  intro,
}: {
  cohort: { slug: string; name: string; status: keyof typeof STATUS_LABELS };
  current: CohortAdminPage;
  title: string;
  intro: string;
}) {
  const status = STATUS_LABELS[cohort.status];
  return (
    <header>
      <p className="text-[0.95rem]">
        <Link href="/admin/cohorts">Cohorts</Link>
        <span aria-hidden="true" className="text-muted">
          {' '}
          /{' '}
        </span>
        <Link href={`/cohorts/${cohort.slug}`}>{cohort.name}</Link>
      </p>
      <h1 className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-3xl font-bold tracking-tight">
        {title}
        <Badge tone={status.tone}>{status.label}</Badge>
      </h1>
      <p className="mt-2 max-w-[65ch] text-muted">{intro}</p>
      <CohortAdminNav slug={cohort.slug} current={current} />
      {cohort.status === 'ARCHIVED' ? (
        <Alert tone="info" className="mt-4 max-w-3xl" title="This cohort is archived">
          It is read-only: its members still see it, but nobody can change its people, groups or roster. Restore it on the{' '}
          <Link href={`/cohorts/${cohort.slug}/settings`}>settings page</Link> to make changes.
        </Alert>
      ) : null}
    </header>
  );
}
