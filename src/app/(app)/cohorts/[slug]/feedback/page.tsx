// /cohorts/<cohort>/feedback: what fellows said in their weekly check-ins, per week, group and
// facilitator, with the comments and a CSV of every check-in. Admins only.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { CohortAdminNav } from '@/features/cohort-admin/cohort-admin-nav';
import { FeedbackReport } from '@/features/feedback/feedback-report';
import { SurveyQuestionsEditor } from '@/features/feedback/survey-questions-editor';
import { SurveyResults } from '@/features/feedback/survey-results';
import { can } from '@/lib/permissions';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/feedback`);
  return { title: `Feedback · ${home.name}` };
}

export default async function FeedbackPage({ params }: Props) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/feedback`);
  if (!can(home, 'feedback.view')) notFound();
  const [results, survey] = await Promise.all([api.feedback.results({ cohort: slug }), api.feedback.surveyResults({ cohort: slug })]);
  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${slug}`}>← {home.name}</Link>
      </p>
      <div className="mt-3 flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Feedback</h1>
        <a href={`/cohorts/${slug}/feedback/export.csv`} className={buttonClasses('secondary')} download>
          Download CSV
        </a>
      </div>
      <CohortAdminNav slug={slug} current="feedback" />
      <p className="mt-2 max-w-[65ch] text-muted">How useful fellows found each week (1 to 5), from the check-in under the week’s readings on their cohort home.</p>
      <div className="mt-6 max-w-5xl">
        <FeedbackReport results={results} />
      </div>
      <section aria-labelledby="survey-heading" className="mt-12 max-w-4xl">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="survey-heading" className="text-xl font-semibold">
            End-of-course survey
          </h2>
          {survey.responses ? (
            <a href={`/cohorts/${slug}/feedback/survey.csv`} className={buttonClasses('secondary', 'sm')} download>
              Download answers (CSV)
            </a>
          ) : null}
        </div>
        <p className="mt-1 mb-4 max-w-[65ch] text-muted">
          Fellows see it on their cohort home from the last week on. A cohort can give certificates only to fellows who filled it in (its settings).
        </p>
        <SurveyResults results={survey} />
        <h3 className="mt-6 mb-3 text-lg font-semibold">Questions</h3>
        {can(home, 'cohort.manage') ? (
          <SurveyQuestionsEditor cohort={slug} initial={survey.questions.map(({ id, position, kind, label, options, required }) => ({ id, position, kind, label, options, required }))} />
        ) : null}
      </section>
    </Container>
  );
}
