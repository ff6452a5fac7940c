// /cohorts/<cohort>/grouping: who has marked their free times, and forming groups from them.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { CohortAdminHeader } from '@/features/cohort-admin/cohort-admin-header';
import { GroupingWorkspace } from '@/features/grouping/grouping-workspace';
import { pluralize } from '@/lib/format';
import { formatMoment } from '@/lib/format-time';
import { can } from '@/lib/permissions';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/grouping`);
  return { title: `Form groups · ${home.name}` };
}

export default async function GroupingPage({ params }: Props) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/grouping`);
  if (!can(home, 'grouping.manage')) notFound();
  const [summary, latest, form] = await Promise.all([
    api.availability.summary({ cohort: slug }),
    api.grouping.latest({ cohort: slug }),
    api.applications.formSettings({ cohort: slug }),
  ]);
  const fellows = summary.people.filter((person) => person.role === 'FELLOW');
  const facilitators = summary.people.filter((person) => person.role === 'FACILITATOR');
  const missing = summary.people.filter((person) => !person.painted);
  const choiceQuestions = form.questions.filter((q) => q.kind === 'SINGLE_CHOICE' || q.kind === 'YES_NO' || q.kind === 'MULTIPLE_CHOICE').map((q) => ({ id: q.id, label: q.label }));
  return (
    <Container className="py-8 sm:py-12">
      <CohortAdminHeader
        cohort={home}
        current="grouping"
        title="Form groups"
        intro="The optimiser places as many fellows as it can in groups whose meeting time suits every member and a facilitator, then keeps the wishes. Adjust its proposal, then publish."
      />
      <section aria-labelledby="availability-heading" className="mt-8 max-w-4xl">
        <h2 id="availability-heading" className="text-xl font-semibold">
          Availability
        </h2>
        <p className="mt-2">
          {fellows.filter((p) => p.painted).length} of {pluralize(fellows.length, 'fellow')} and {facilitators.filter((p) => p.painted).length} of{' '}
          {pluralize(facilitators.length, 'facilitator')} have marked their free times
          {summary.deadline ? ` (due ${formatMoment(summary.deadline, home.timeZone)})` : ''}. Members mark them at{' '}
          <a href={`/cohorts/${slug}/availability`}>/cohorts/{slug}/availability</a>.
        </p>
        {missing.length ? (
          <details className="mt-2">
            <summary className="cursor-pointer">Not marked yet ({missing.length})</summary>
            <ul className="mt-2 columns-1 sm:columns-2">
              {missing.map((person) => (
                <li key={person.userId}>
                  {person.name} <span className="text-muted">({person.role === 'FACILITATOR' ? 'facilitator' : 'fellow'})</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      <div className="mt-8 max-w-5xl">
        <GroupingWorkspace cohort={slug} questions={choiceQuestions} initial={latest} />
      </div>
    </Container>
  );
}
