import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { EmailPreferencesForm } from '@/features/account/email-preferences-form';
import { CertificateNameForm } from '@/features/account/certificate-name-form';
import { NameForm } from '@/features/account/name-form';
import { SessionsPanel } from '@/features/account/sessions-panel';
import { ApiTokensSection } from '@/features/api-tokens/api-tokens-section';
import { getRequestSession } from '@/server/auth/request-session';
import { api } from '@/trpc/server';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Account' };

const ROLE_LABELS = { FELLOW: 'Fellow', FACILITATOR: 'Facilitator' } as const;

export default async function AccountPage() {
  if (!(await getRequestSession())) redirect('/signin?callbackUrl=/account');
  const [me, sessions, emailPreferences] = await Promise.all([api.account.me(), api.account.sessions(), api.account.emailPreferences()]);

  return (
    <Container className="py-10 sm:py-14">
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight">Your account</h1>

        <section aria-labelledby="profile-heading" className="mt-8 rounded-xl border border-line bg-surface p-5">
          <h2 id="profile-heading" className="text-xl font-semibold">
            Profile
          </h2>
          <div className="mt-4">
            <NameForm initialName={me.name} />
          </div>
          <div className="mt-4">
            <CertificateNameForm initialName={me.certificateName} />
          </div>
          <dl className="mt-5 grid gap-1 sm:grid-cols-[8rem_1fr]">
            <dt className="font-medium">Email</dt>
            <dd className="break-all text-muted">{me.email}</dd>
            <dt className="font-medium">Access</dt>
            <dd className="text-muted">{me.isAdmin ? 'Admin: you can manage every cohort and person.' : 'Member'}</dd>
          </dl>
          <p className="mt-3 text-[0.9rem] text-muted">
            To use another email address, ask an admin to invite it; your email is how you sign in.
          </p>
        </section>

        <section aria-labelledby="memberships-heading" className="mt-10">
          <h2 id="memberships-heading" className="mb-3 text-xl font-semibold">
            Your cohorts
          </h2>
          {me.memberships.length === 0 ? (
            <EmptyState title="You are not in any cohort yet">
              When an admin invites you, the cohort appears here after your next sign-in.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
              {me.memberships.map((membership) => (
                <li key={membership.id} className="flex flex-wrap items-baseline justify-between gap-2 px-5 py-3">
                  <Link href={`/cohorts/${membership.cohort.slug}`} className="font-semibold">
                    {membership.cohort.name}
                  </Link>
                  <span className="flex flex-wrap items-center gap-2 text-muted">
                    <Badge tone="accent">{ROLE_LABELS[membership.role]}</Badge>
                    {membership.groups.length ? membership.groups.join(', ') : 'No group yet'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section id="email" aria-labelledby="email-heading" className="mt-10 scroll-mt-20 rounded-xl border border-line bg-surface p-5">
          <h2 id="email-heading" className="text-xl font-semibold">
            Emails
          </h2>
          <p className="mt-1 mb-4 text-muted">Choose what Fellowship emails you. Each email also has a link that turns its kind off.</p>
          <EmailPreferencesForm initial={emailPreferences} />
        </section>

        <section aria-labelledby="sessions-heading" className="mt-10">
          <h2 id="sessions-heading" className="text-xl font-semibold">
            Where you are signed in
          </h2>
          <p className="mt-1 mb-4 text-muted">
            Each browser you sign in on has its own session. If you used a shared computer or lost a device, sign out
            everywhere.
          </p>
          <SessionsPanel initialSessions={sessions} />
        </section>

        <ApiTokensSection cohorts={me.memberships.map((membership) => membership.cohort)} />

        <section aria-labelledby="data-heading" className="mt-10 rounded-xl border border-line bg-surface p-5">
          <h2 id="data-heading" className="text-xl font-semibold">
            Your data
          </h2>
          <p className="mt-1 max-w-[65ch] text-muted">
            Everything Fellowship keeps about you in one JSON file: your profile, cohorts and groups, readings ticked,
            prompt answers, check-ins and survey, attendance, applications and availability, certificates, the emails
            sent to you, API token names and dates (never the tokens), and your training runs with every metric point.
            The points also come as a CSV file for spreadsheets.
          </p>
          <p className="mt-4 flex flex-wrap gap-3">
            <a href="/account/export" download className={buttonClasses('secondary')}>
              Download your data (JSON)
            </a>
            <a href="/account/export/metric-points.csv" download className={buttonClasses('secondary')}>
              Metric points (CSV)
            </a>
          </p>
          <p className="mt-3 max-w-[65ch] text-[0.9rem] text-muted">
            To have your account and personal data erased, ask an admin. Attendance, readings ticked and training
            results then stay in the cohorts’ figures without your name.
          </p>
        </section>
      </div>
    </Container>
  );
}
