import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { CohortAdminNav } from '@/features/cohort-admin/cohort-admin-nav';
import { CurrentWeek } from '@/features/cohorts/current-week';
import { EndSurvey } from '@/features/fellow-home/end-survey';
import { FellowProgress } from '@/features/fellow-home/fellow-progress';
import { MyGroups } from '@/features/cohorts/my-groups';
import { MyExercises } from '@/features/fellow-home/my-exercises';
import { api } from '@/trpc/server';
import { AnnouncementList } from '@/features/announcements/announcement-list';
import { loadCohort, loadCohortHome } from './load-cohort';
import { can, reachOf } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type CohortPageProps = { params: Promise<{ slug: string }> };

const ROLE_TEXT = {
  ADMIN: 'You are an admin',
  FACILITATOR: 'You are a facilitator',
  FELLOW: 'You are a fellow',
  REVIEWER: 'You review applications',
} as const;

export async function generateMetadata({ params }: CohortPageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}`);
  return { title: `This week · ${home.name}` };
}

export default async function CohortPage({ params }: CohortPageProps) {
  const { slug } = await params;
  const home = await loadCohortHome(slug, `/cohorts/${slug}`);
  const role = home.membershipRole ?? home.role;
  // A fellow's exercises and their best results (exercise status on the home page).
  const [exercises, announcements, certificates, survey] = await Promise.all([
    home.fellow ? api.runs.exercises({ cohort: slug }) : Promise.resolve([]),
    api.announcements.list({ cohort: slug, limit: 3 }),
    home.membershipRole ? api.certificates.mine({ cohort: slug }) : Promise.resolve([]),
    home.fellow ? api.feedback.mySurvey({ cohort: slug }) : Promise.resolve(null),
  ]);
  // Admins reach the members page from the cohort's admin links below the header.
  const canSeeMembers = reachOf(home, 'members.view') === 'groups';

  return (
    <Container className="py-8 sm:py-12">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <p className="text-[0.95rem] text-muted">{home.term ?? 'Cohort'}</p>
          <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{home.name}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2">
            <Badge tone="accent">{ROLE_TEXT[role]}</Badge>
            {home.membershipRole && home.role === 'ADMIN' ? <Badge>and an admin</Badge> : null}
            {home.status === 'ARCHIVED' ? <Badge>Archived</Badge> : home.status === 'DRAFT' ? <Badge tone="warning">Draft</Badge> : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canSeeMembers ? (
            <Link href={`/cohorts/${home.slug}/members`} className={buttonClasses('secondary')}>
              {can(home, 'members.manage') ? 'Members and invitations' : 'Your group’s members'}
            </Link>
          ) : null}
          {canSeeMembers && can(home, 'announcements.send') ? (
            <Link href={`/cohorts/${home.slug}/announcements`} className={buttonClasses('secondary')}>
              Write to your group
            </Link>
          ) : null}
          {can(home, 'switches.decide') && home.role !== 'ADMIN' ? (
            <Link href={`/cohorts/${home.slug}/switches`} className={buttonClasses('secondary')}>
              Switch requests
            </Link>
          ) : null}
          <Link href={`/cohorts/${home.slug}/syllabus`} className={buttonClasses('secondary')}>
            Full syllabus
          </Link>
          {can(home, 'membership.self') ? (
            <Link href={`/cohorts/${home.slug}/switch`} className={buttonClasses('quiet')}>
              Switch group or leave
            </Link>
          ) : null}
        </div>
      </header>
      {can(home, 'cohort.manage') ? <CohortAdminNav slug={home.slug} current="home" /> : null}
      {home.status === 'ARCHIVED' ? (
        <p className="mt-4 max-w-[65ch] text-muted">This cohort is archived: it stays here to read, and nothing in it changes any more.</p>
      ) : null}

      {certificates.length ? (
        <section aria-labelledby="certificate-heading" className="mt-8 max-w-3xl rounded-xl border border-accent/40 bg-accent-soft p-5">
          <h2 id="certificate-heading" className="text-xl font-semibold">
            {certificates[0]!.kind === 'FACILITATION' ? 'Your certificate of facilitation' : 'Your certificate'}
          </h2>
          <p className="mt-1">Well done. Download it, or share its page: anyone can check that it is valid there.</p>
          <p className="mt-3 flex flex-wrap gap-2">
            <a href={`/certificates/${certificates[0]!.id}/pdf`} className={buttonClasses('primary')} download>
              Download the PDF
            </a>
            <Link href={`/certificates/${certificates[0]!.id}`} className={buttonClasses('secondary')}>
              Its public page
            </Link>
          </p>
          <p className="mt-2 text-[0.9rem] text-muted">
            The name on it comes from <Link href="/account">your account</Link> (Name on certificates).
          </p>
        </section>
      ) : null}

      {survey ? <EndSurvey cohort={home.slug} survey={survey} readOnly={home.status === 'ARCHIVED'} /> : null}

      {announcements.length ? (
        <section aria-labelledby="announcements-heading" className="mt-8 max-w-3xl">
          <h2 id="announcements-heading" className="mb-3 text-xl font-semibold">
            Announcements
          </h2>
          <AnnouncementList announcements={announcements} />
        </section>
      ) : null}

      {/* Phones: the meeting first, then the readings. Wide screens: readings, meeting beside them. */}
      <div className="mt-10 lg:grid lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-12">
        <section aria-labelledby="group-heading" className="lg:col-start-2 lg:row-start-1">
          <h2 id="group-heading" className="mb-3 text-xl font-semibold">
            {home.groups.length > 1 ? 'Your groups' : 'Your group'}
          </h2>
          <MyGroups home={home} />
          {home.groups.length === 0 && home.membershipRole && home.status !== 'ARCHIVED' ? (
            <p className="mt-3">
              <Link href={`/cohorts/${home.slug}/availability`} className={buttonClasses('secondary')}>
                Mark when you are free
              </Link>
              <span className="mt-1 block text-[0.9rem] text-muted">Groups are formed from everyone’s free times.</span>
            </p>
          ) : null}
          {exercises.length ? (
            <>
              <h2 id="exercises-heading" className="mt-10 mb-3 text-xl font-semibold">
                Your exercises
              </h2>
              <MyExercises cohortSlug={home.slug} exercises={exercises} />
            </>
          ) : null}
        </section>

        <section
          aria-labelledby="week-heading"
          className="mt-12 border-t border-line pt-10 lg:col-start-1 lg:row-start-1 lg:mt-0 lg:border-t-0 lg:pt-0"
        >
          <CurrentWeek home={home} headingId="week-heading">
            {home.fellow ? (
              <FellowProgress
                cohortSlug={home.slug}
                fellow={home.fellow}
                timeZone={home.timeZone}
                running={home.currentWeek?.phase === 'running'}
                readOnly={home.status === 'ARCHIVED'}
              />
            ) : null}
          </CurrentWeek>
        </section>
      </div>
    </Container>
  );
}
