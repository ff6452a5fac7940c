// /apply/<cohort>: a cohort's application form, for anyone signed in or not. Signed out, an
// application waits for the link emailed to its address; signed in, the applicant sees their
// application's status and can change it until the deadline.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { ApplicationForm } from '@/features/applications/application-form';
import { WithdrawApplicationButton } from '@/features/applications/withdraw-application-button';
import { formatCalendarDate } from '@/lib/format';
import { formatMoment } from '@/lib/format-time';
import { APPLICATION_STATUS_LABELS, type ApplicationStatusName } from '@/lib/schemas/applications';
import { getRequestSession } from '@/server/auth/request-session';
import { api } from '@/trpc/server';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ confirmed?: string }> };

/** Once per request, for the metadata and the page. */
const loadForm = cache(async (slug: string) => {
  const form = await api.applications.publicForm({ cohort: slug });
  if (!form) notFound();
  return form;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const form = await loadForm(slug);
  return { title: `Apply · ${form.cohort.name}`, description: `Apply to ${form.cohort.name}.` };
}

const STATUS_TEXT: Partial<Record<ApplicationStatusName, string>> = {
  UNCONFIRMED: 'Follow the link we emailed you to confirm your address: the organisers see your application then.',
  SUBMITTED: 'The organisers will read it after the deadline and write to you with their decision.',
  ACCEPTED: 'Welcome! Tell us when you are free each week, so we can put you in a group that suits you.',
  WAITLISTED: 'You are on the waiting list: we will write to you at once if a place opens.',
  REJECTED: 'We could not offer you a place this time. We hope you will apply to a later round.',
  WITHDRAWN: 'You withdrew this application.',
  DEFERRED: 'Your application moved to a later cohort.',
};

export default async function ApplyPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { confirmed } = await searchParams;
  const [form, session] = await Promise.all([loadForm(slug), getRequestSession()]);
  const { cohort, mine } = form;
  const status = mine?.status as ApplicationStatusName | undefined;
  const canApply = form.state === 'open' && (!mine || mine.editable);

  return (
    <Container className="py-10 sm:py-14">
      <div className="max-w-3xl">
        <p className="text-[0.95rem] text-muted">{cohort.term ?? 'Application'}</p>
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Apply to {cohort.name}</h1>
        <p className="mt-3 text-muted">
          Starts {formatCalendarDate(cohort.startDate)}.{' '}
          {form.deadline ? (form.state === 'past-deadline' ? 'Applications closed ' : 'Apply by ') + formatMoment(form.deadline, cohort.timeZone) + '.' : null}
        </p>
        {form.intro ? <div className="mt-6 max-w-[65ch] whitespace-pre-line">{form.intro}</div> : null}

        {confirmed && status === 'SUBMITTED' ? (
          <div className="mt-6">
            <Alert tone="success" role="status" title="Your application is confirmed.">
              The organisers will see it. You can come back here to check its status or change your answers until the deadline.
            </Alert>
          </div>
        ) : null}

        {mine && status ? (
          <section aria-labelledby="mine-heading" className="mt-8 rounded-xl border border-line bg-surface p-5 sm:p-6">
            <h2 id="mine-heading" className="text-xl font-semibold">
              Your application
            </h2>
            <p className="mt-2 flex flex-wrap items-center gap-2">
              <Badge tone={status === 'REJECTED' || status === 'WITHDRAWN' ? 'neutral' : status === 'UNCONFIRMED' ? 'warning' : 'accent'}>{APPLICATION_STATUS_LABELS[status]}</Badge>
              <span className="text-muted">
                as a {mine.role === 'FACILITATOR' ? 'facilitator' : 'fellow'}, sent {formatMoment(mine.submittedAt, cohort.timeZone)}
              </span>
            </p>
            <p className="mt-3">{STATUS_TEXT[status]}</p>
            {status === 'ACCEPTED' ? (
              <p className="mt-3">
                <a href={`/cohorts/${cohort.slug}/availability`}>Mark when you are free →</a>
              </p>
            ) : null}
            {mine.editable ? <WithdrawApplicationButton applicationId={mine.id} /> : null}
          </section>
        ) : null}

        {canApply ? (
          <section aria-labelledby="form-heading" className="mt-8">
            <h2 id="form-heading" className="mb-4 text-xl font-semibold">
              {mine ? 'Change your answers' : 'Your application'}
            </h2>
            <ApplicationForm
              cohort={cohort.slug}
              questions={form.questions}
              acceptFacilitators={form.acceptFacilitators}
              signedInEmail={session?.user.email ?? null}
              initial={mine ? { name: mine.name, role: mine.role, answers: mine.answers } : null}
            />
          </section>
        ) : !mine ? (
          <div className="mt-8">
            <Alert tone="info" role="status">
              {form.state === 'closed' ? 'Applications to this cohort are not open.' : 'The deadline for applications has passed.'}
            </Alert>
          </div>
        ) : null}
      </div>
    </Container>
  );
}
