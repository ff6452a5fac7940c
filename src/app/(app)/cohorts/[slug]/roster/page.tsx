import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { CohortAdminHeader } from '@/features/cohort-admin/cohort-admin-header';
import { RosterImport } from '@/features/cohort-admin/roster-import';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type RosterPageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: RosterPageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/roster`);
  return { title: `Roster import · ${home.name}` };
}

export default async function RosterPage({ params }: RosterPageProps) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/roster`);
  if (!can(home, 'roster.import')) notFound();
  const groups = await api.members.groups({ cohort: slug });

  return (
    <Container className="py-8 sm:py-12">
      <CohortAdminHeader
        cohort={home}
        current="roster"
        title="Roster import"
        intro="Add fellows and facilitators from a spreadsheet exported as CSV. You see what happens to each row first; nothing is stored until you import, and then every row is, or none."
      />
      <div className="mt-8">
        <RosterImport cohort={slug} groupNames={groups.map((group) => group.name)} archived={home.status === 'ARCHIVED'} />
      </div>
    </Container>
  );
}
