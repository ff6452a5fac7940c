import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { CohortAdminHeader } from '@/features/cohort-admin/cohort-admin-header';
import { CohortSettingsForm } from '@/features/cohort-admin/cohort-settings-form';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type SettingsPageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: SettingsPageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/settings`);
  return { title: `Settings · ${home.name}` };
}

export default async function CohortSettingsPage({ params }: SettingsPageProps) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/settings`);
  // Only admins have settings: everyone else gets the same 404 as for a cohort they cannot see.
  if (!can(home, 'cohort.manage')) notFound();
  const settings = await api.cohorts.settings({ cohort: slug });
  const template = settings.curriculum.source;

  return (
    <Container className="py-8 sm:py-12">
      <CohortAdminHeader
        cohort={settings}
        current="settings"
        title="Settings"
        intro={
          template
            ? `Runs its own copy of ${template.title} (version ${settings.curriculum.sourceVersion ?? 1}). Dates follow from the start date and the weeks off.`
            : `Runs ${settings.curriculum.title}. Dates follow from the start date and the weeks off.`
        }
      />
      <div className="mt-8 max-w-4xl">
        <CohortSettingsForm settings={settings} />
      </div>
    </Container>
  );
}
