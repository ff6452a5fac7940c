import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { CohortAdminHeader } from '@/features/cohort-admin/cohort-admin-header';
import { GroupsManager } from '@/features/cohort-admin/groups-manager';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type GroupsPageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: GroupsPageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/groups`);
  return { title: `Groups · ${home.name}` };
}

export default async function GroupsPage({ params }: GroupsPageProps) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/groups`);
  if (!can(home, 'groups.manage')) notFound();
  const groups = await api.groups.list({ cohort: slug });

  return (
    <Container className="py-8 sm:py-12">
      <CohortAdminHeader
        cohort={home}
        current="groups"
        title="Groups"
        intro={`Discussion groups with their meeting times, in the cohort’s time zone (${home.timeZone}), and the facilitators who lead them.`}
      />
      <div className="mt-8">
        <GroupsManager cohort={slug} initial={groups} />
      </div>
    </Container>
  );
}
