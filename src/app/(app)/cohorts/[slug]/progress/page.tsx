import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { CohortAdminNav } from '@/features/cohort-admin/cohort-admin-nav';
import { ProgressGrid } from '@/features/standing/progress-grid';
import { toProgressGridData } from '@/features/standing/progress-grid-data';
import { api, isNotFoundError } from '@/trpc/server';
import { loadCohort } from '../load-cohort';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type ProgressPageProps = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ group?: string; week?: string }>;
};

export async function generateMetadata({ params }: ProgressPageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/progress`);
  return { title: `Group progress · ${home.name}` };
}

/** ?week=all: the whole cohort; ?week=3: that week; nothing: the current week. */
function parseWeek(value: string | undefined): number | null | undefined {
  if (value === 'all') return null;
  if (value && /^\d{1,4}$/.test(value)) return Number(value);
  return undefined;
}

export default async function ProgressPage({ params, searchParams }: ProgressPageProps) {
  const { slug } = await params;
  const { group, week } = await searchParams;
  const home = await loadCohort(slug, `/cohorts/${slug}/progress`);
  if (!can(home, 'standing.viewGroup')) notFound();
  const isAdmin = can(home, 'standing.viewCohort');
  // A facilitator of one group needs no names: the grid names its group.
  const groups = isAdmin
    ? (await api.groups.list({ cohort: slug })).groups
    : home.groupIds.length > 1
      ? await api.cohorts.ownGroups({ cohort: slug })
      : home.groupIds.map((id) => ({ id, name: '' }));

  if (groups.length === 0) {
    return (
      <Container className="py-8 sm:py-12">
        <h1 className="text-3xl font-bold tracking-tight">Group progress</h1>
        {isAdmin ? <CohortAdminNav slug={home.slug} current="progress" /> : null}
        <div className="mt-8 max-w-xl">
          <EmptyState title={isAdmin ? 'This cohort has no groups yet' : 'You lead no group in this cohort yet'}>
            {isAdmin ? (
              <Link href={`/cohorts/${slug}/groups`}>Create groups</Link>
            ) : (
              'Ask an admin of the cohort to make you the facilitator of a group.'
            )}
          </EmptyState>
        </div>
      </Container>
    );
  }

  let progress;
  try {
    progress = await api.standing.groupProgress({ cohort: slug, groupId: group || groups[0]!.id, week: parseWeek(week) });
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
  const now = new Date();
  const atRisk = progress.fellows.filter((fellow) => fellow.standing.atRisk).length;
  const exportQuery = `?group=${encodeURIComponent(progress.group.id)}`;

  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${home.slug}`}>← {home.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">{progress.group.name}</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        {progress.fellows.length} {progress.fellows.length === 1 ? 'fellow' : 'fellows'} · {progress.meetingsHeld}{' '}
        {progress.meetingsHeld === 1 ? 'meeting' : 'meetings'} so far ·{' '}
        {atRisk ? <strong className="text-warning">{atRisk} at risk</strong> : 'nobody at risk'}
        {progress.group.facilitators.length ? ` · led by ${progress.group.facilitators.join(', ')}` : ''}
      </p>
      {isAdmin ? <CohortAdminNav slug={home.slug} current="progress" /> : null}

      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" aria-label="Choose the group and week">
        {groups.length > 1 ? (
          <label className="flex max-w-full min-w-0 flex-col gap-1 text-[0.95rem]">
            <span className="font-medium">Group</span>
            <select name="group" defaultValue={progress.group.id} className="min-h-11 max-w-full rounded-lg border border-line bg-surface px-3">
              {groups.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <input type="hidden" name="group" value={progress.group.id} />
        )}
        <label className="flex w-full max-w-md min-w-0 flex-col gap-1 text-[0.95rem] sm:w-auto">
          <span className="font-medium">Readings of</span>
          {/* Long week titles would widen the page on a phone: the box keeps to the screen. */}
          <select name="week" defaultValue={progress.week === null ? 'all' : String(progress.week)} className="min-h-11 w-full max-w-full truncate rounded-lg border border-line bg-surface px-3 sm:max-w-md">
            {progress.units.map((unit) => (
              <option key={unit.id} value={unit.position}>
                {unit.label}: {unit.title}
              </option>
            ))}
            <option value="all">The whole cohort</option>
          </select>
        </label>
        <button type="submit" className={buttonClasses('secondary')}>
          Show
        </button>
        <span className="flex w-full flex-wrap gap-2 lg:ml-auto lg:w-auto">
          <Link href={`/cohorts/${slug}/attendance${exportQuery}`} className={buttonClasses('secondary')}>
            Take attendance
          </Link>
          <a href={`/cohorts/${slug}/export/attendance.csv${exportQuery}`} className={buttonClasses('quiet')} download>
            Attendance CSV
          </a>
          <a href={`/cohorts/${slug}/export/progress.csv${exportQuery}`} className={buttonClasses('quiet')} download>
            Progress CSV
          </a>
        </span>
      </form>

      <section aria-labelledby="grid-heading" className="mt-6">
        <h2 id="grid-heading" className="sr-only">
          Readings and standing
        </h2>
        {progress.fellows.length === 0 ? (
          <EmptyState title="No fellows in this group yet">Fellows appear here once an admin adds them to the group.</EmptyState>
        ) : progress.items.length === 0 ? (
          <EmptyState title="No readings in this week">Pick another week, or the whole cohort.</EmptyState>
        ) : (
          <ProgressGrid progress={toProgressGridData(progress)} now={now} />
        )}
        <p className="mt-3 text-[0.9rem] text-muted">
          ✓ done (with the day it was ticked) · – not done. At risk: {progress.cohort.rules.atRiskMissedMeetings} or more missed meetings, or
          under {progress.cohort.rules.atRiskReadingPercent}% of the core readings due so far.
        </p>
      </section>
    </Container>
  );
}
