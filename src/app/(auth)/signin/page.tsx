import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { Container } from '@/components/ui/container';
import { DemoSignIn } from '@/features/auth/demo-sign-in';
import { EmailSignInForm } from '@/features/auth/email-sign-in-form';
import { OAuthSignInButtons } from '@/features/auth/oauth-sign-in-buttons';
import { describeSignInError, emailFormMessages } from '@/features/auth/sign-in-messages';
import { safeCallbackPath } from '@/lib/safe-callback';
import { getRequestSession } from '@/server/auth/request-session';
import { getAuthSettings } from '@/server/auth/settings';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

type SignInPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getRequestSession()) redirect(callbackUrl);

  const settings = getAuthSettings();
  const problem = describeSignInError(params.error);
  const providers = [...(settings.github ? (['github'] as const) : []), ...(settings.google ? (['google'] as const) : [])];
  const nothingConfigured = !settings.emailEnabled && providers.length === 0 && !settings.demoMode;

  return (
    <Container className="py-10 sm:py-14">
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-bold tracking-tight">Sign in</h1>
        <p className="mt-2 text-muted">
          Fellowship is for the fellows, facilitators and admins of a reading group. Use the email address your invitation
          went to.
        </p>

        {problem ? (
          <Alert tone="error" role="alert" title={problem.title} className="mt-6">
            {problem.message}
          </Alert>
        ) : null}

        {settings.emailEnabled ? (
          <section aria-labelledby="email-heading" className="mt-8 rounded-xl border border-line bg-surface p-5">
            <h2 id="email-heading" className="text-lg font-semibold">
              Sign in with an email link
            </h2>
            <p className="mt-1 mb-4 text-[0.95rem] text-muted">
              We email you a link that signs you in. It works once, for 15 minutes. No password needed.
            </p>
            <EmailSignInForm callbackUrl={callbackUrl} messages={emailFormMessages()} autoFocus={!problem} />
          </section>
        ) : null}

        {providers.length ? (
          <section aria-labelledby="oauth-heading" className="mt-6">
            <h2 id="oauth-heading" className="mb-3 text-lg font-semibold">
              {settings.emailEnabled ? 'Or continue with' : 'Sign in with'}
            </h2>
            <OAuthSignInButtons providers={providers} callbackUrl={callbackUrl} />
          </section>
        ) : null}

        {settings.demoMode ? (
          <div className="mt-8">
            <DemoSignIn />
          </div>
        ) : null}

        {nothingConfigured ? (
          <Alert tone="warning" title="Sign-in is not set up yet" className="mt-8">
            This site has no way to sign in: set SMTP_URL for email links, or GitHub or Google credentials. The README
            explains each.
          </Alert>
        ) : null}
      </div>
    </Container>
  );
}
