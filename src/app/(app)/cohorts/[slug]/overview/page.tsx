import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { GroupTrends } from '@/features/standing/group-trends';
import { CohortAdminNav } from '@/features/cohort-admin/cohort-admin-nav';
import { describeAttendance, describeLastActivity, formatPercent } from '@/features/standing/format-progress';
import { StandingBadge } from '@/features/standing/standing-badge';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type OverviewPageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: OverviewPageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/overview`);
  return { title: `Overview · ${home.name}` };
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-xl border border-line bg-surface px-4 py-3">
      <dt className="text-[0.9rem] text-muted">{label}</dt>
      <dd className="text-2xl font-semibold">{value}</dd>
      {detail ? <dd className="text-[0.85rem] text-muted">{detail}</dd> : null}
    </div>
  );
}

export default async function OverviewPage({ params }: OverviewPageProps) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/overview`);
  if (!can(home, 'standing.viewCohort')) notFound();
  const overview = await api.standing.cohortOverview({ cohort: slug });
  const now = new Date();
  const { totals, cohort } = overview;
  const ended = cohort.ended;

  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${home.slug}`}>← {home.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Overview</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        How each group is doing: attendance at the meetings held so far, the core readings due so far, and who needs a hand.
      </p>
      <CohortAdminNav slug={home.slug} current="overview" />

      <dl className="mt-8 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure label="Fellows" value={String(totals.fellows)} detail={overview.ungroupedFellows ? `${overview.ungroupedFellows} without a group` : undefined} />
        <Figure label="Attendance" value={formatPercent(totals.attendanceRate)} detail="present or late" />
        <Figure label="Due readings done" value={formatPercent(totals.readingRate)} detail={`${overview.coreDue} of ${overview.coreTotal} core readings due`} />
        <Figure label={ended ? 'Completed' : 'At risk'} value={String(ended ? totals.meetingRule : totals.atRisk)} detail={ended ? 'met the completion rule' : 'listed first below'} />
      </dl>

      <section aria-labelledby="groups-heading" className="mt-10">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="groups-heading" className="text-xl font-semibold">
            Groups
          </h2>
          <span className="flex flex-wrap gap-2">
            <a href={`/cohorts/${slug}/export/attendance.csv`} className={buttonClasses('secondary', 'sm')} download>
              Export attendance (CSV)
            </a>
            <a href={`/cohorts/${slug}/export/progress.csv`} className={buttonClasses('secondary', 'sm')} download>
              Export reading progress (CSV)
            </a>
          </span>
        </div>
        {overview.groups.length === 0 ? (
          <EmptyState title="No groups yet">
            <Link href={`/cohorts/${slug}/groups`}>Create the cohort’s groups</Link> and assign facilitators.
          </EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {overview.groups.map((group) => (
              <li key={group.id} className="rounded-xl border border-line bg-surface p-4">
                <h3 className="text-lg font-semibold">{group.name}</h3>
                <p className="text-[0.9rem] text-muted">{group.facilitators.length ? `Led by ${group.facilitators.join(', ')}` : 'No facilitator yet'}</p>
                <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-1 text-[0.95rem]">
                  <dt className="text-muted">Fellows</dt>
                  <dd>{group.fellows}</dd>
                  <dt className="text-muted">Attendance</dt>
                  <dd>{formatPercent(group.attendanceRate)}</dd>
                  <dt className="text-muted">Due readings done</dt>
                  <dd>{formatPercent(group.readingRate)}</dd>
                  <dt className="text-muted">At risk</dt>
                  <dd>{group.atRisk ? <strong className="text-warning">⚠ {group.atRisk}</strong> : '0'}</dd>
                  <dt className="text-muted">Meetings held</dt>
                  <dd>{group.meetingsHeld}</dd>
                </dl>
                <Link href={`/cohorts/${slug}/progress?group=${group.id}`} className={`${buttonClasses('quiet', 'sm')} mt-3 -ml-3`}>
                  Open {group.name}’s progress →
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {overview.groups.length ? (
        <section aria-labelledby="trends-heading" className="mt-10">
          <h2 id="trends-heading" className="text-xl font-semibold">
            Week by week
          </h2>
          <p className="mt-1 mb-3 max-w-[65ch] text-muted">
            Each group’s attendance at the week’s meetings, share of the week’s core readings done and prompts answered, and how useful fellows found the
            week.
          </p>
          <GroupTrends trends={overview.trends} groupNames={new Map(overview.groups.map((group) => [group.id, group.name]))} />
        </section>
      ) : null}

      <section aria-labelledby="fellows-heading" className="mt-10">
        <h2 id="fellows-heading" className="mb-1 text-xl font-semibold">
          {ended ? 'Fellows who did not complete' : 'Fellows at risk'}
        </h2>
        <p className="mb-3 text-muted">
          {overview.standingCounts['on-track'] + overview.standingCounts.completed} of {totals.fellows} {ended ? 'completed' : 'on track'}. Every fellow’s
          readings are in their group’s progress.
        </p>
        {totals.fellows === 0 ? (
          <EmptyState title="No fellows yet">
            <Link href={`/cohorts/${slug}/roster`}>Import the roster</Link> or invite people from the members page.
          </EmptyState>
        ) : overview.fellows.length === 0 ? (
          <EmptyState title={ended ? 'Everyone completed' : 'Nobody is at risk'}>Fellows who miss meetings or fall behind on readings will show here.</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-line bg-surface" tabIndex={0} role="region" aria-label="Fellows and their standing">
            <table className="w-full border-collapse text-[0.95rem]">
              <thead>
                <tr className="border-b border-line text-left">
                  <th scope="col" className="sticky left-0 bg-surface px-3 py-2 font-semibold">Fellow</th>
                  <th scope="col" className="px-3 py-2 font-semibold">Group</th>
                  <th scope="col" className="px-3 py-2 font-semibold">Standing</th>
                  <th scope="col" className="px-3 py-2 font-semibold">Attendance</th>
                  <th scope="col" className="px-3 py-2 font-semibold">Core readings</th>
                  <th scope="col" className="px-3 py-2 font-semibold">Last activity</th>
                </tr>
              </thead>
              <tbody>
                {overview.fellows.map((fellow) => (
                  <tr key={fellow.membershipId} className="border-b border-line last:border-b-0">
                    <th scope="row" className="sticky left-0 bg-surface px-3 py-2 text-left font-medium">{fellow.name}</th>
                    <td className="px-3 py-2">
                      {fellow.groupId ? <Link href={`/cohorts/${slug}/progress?group=${fellow.groupId}`}>{fellow.groupName}</Link> : <span className="text-muted">No group</span>}
                    </td>
                    <td className="px-3 py-2"><StandingBadge standing={fellow.standing} /></td>
                    <td className="px-3 py-2">{describeAttendance(fellow.standing.attendance)}</td>
                    <td className="px-3 py-2">{fellow.coreDone} of {overview.coreTotal}</td>
                    <td className="px-3 py-2">{describeLastActivity(fellow.lastActivityAt, now, cohort.timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-3 text-[0.9rem] text-muted">
          Completion rule: at most {cohort.rules.completionMaxUnexcusedAbsences} unexcused {cohort.rules.completionMaxUnexcusedAbsences === 1 ? 'absence' : 'absences'} and{' '}
          {cohort.rules.completionReadingPercent}% of the core readings done. <Link href={`/cohorts/${slug}/settings`}>Change the rules</Link>
        </p>
      </section>
    </Container>
  );
}
