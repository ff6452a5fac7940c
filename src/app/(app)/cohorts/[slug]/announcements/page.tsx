import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { AnnouncementForm } from '@/features/announcements/announcement-form';
import { AnnouncementList } from '@/features/announcements/announcement-list';
import { CohortAdminNav } from '@/features/cohort-admin/cohort-admin-nav';
import { can } from '@/lib/permissions';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/announcements`);
  return { title: `Announcements · ${home.name}` };
}

export default async function AnnouncementsPage({ params }: Props) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/announcements`);
  if (!can(home, 'announcements.send')) notFound();
  const isAdmin = home.role === 'ADMIN';
  const [groups, announcements] = await Promise.all([
    isAdmin ? api.members.groups({ cohort: slug }) : api.cohorts.ownGroups({ cohort: slug }),
    api.announcements.list({ cohort: slug, limit: 20 }),
  ]);

  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${home.slug}`}>← {home.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Announcements</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        {isAdmin ? 'Write to the whole cohort or one group.' : 'Write to a group you lead.'} It shows on their cohort page and goes by
        email to everyone who has not turned announcements off.
      </p>
      {can(home, 'cohort.manage') ? <CohortAdminNav slug={home.slug} current="announcements" /> : null}
      {home.status === 'ARCHIVED' ? (
        <p className="mt-6 text-muted">This cohort is archived: nothing more can be sent.</p>
      ) : groups.length || isAdmin ? (
        <section aria-labelledby="write-heading" className="mt-8 max-w-3xl">
          <h2 id="write-heading" className="mb-3 text-xl font-semibold">
            Write an announcement
          </h2>
          <AnnouncementForm cohort={slug} groups={groups.map((group) => ({ id: group.id, name: group.name }))} canWriteToCohort={isAdmin} />
        </section>
      ) : (
        <p className="mt-6 text-muted">You lead no group in this cohort yet.</p>
      )}
      <section aria-labelledby="sent-heading" className="mt-12 max-w-3xl">
        <h2 id="sent-heading" className="mb-3 text-xl font-semibold">
          Sent
        </h2>
        {announcements.length ? <AnnouncementList announcements={announcements} showCounts /> : <EmptyState title="Nothing sent yet">Announcements you write appear here.</EmptyState>}
      </section>
    </Container>
  );
}
