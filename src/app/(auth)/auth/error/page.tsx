import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Container } from '@/components/ui/container';
import { EmailSignInForm } from '@/features/auth/email-sign-in-form';
import { describeSignInError, emailFormMessages } from '@/features/auth/sign-in-messages';
import { getAuthSettings } from '@/server/auth/settings';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign-in problem' };

type AuthErrorPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** next-auth's error page (pages.error), and where our sign-in policy sends refusals. */
export default async function AuthErrorPage({ searchParams }: AuthErrorPageProps) {
  const params = await searchParams;
  const problem = describeSignInError(params.error ?? 'Default')!;
  const { emailEnabled } = getAuthSettings();

  return (
    <Container className="py-10 sm:py-14">
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-bold tracking-tight">{problem.title}</h1>
        <Alert tone="error" className="mt-5">
          {problem.message}
        </Alert>

        {problem.offerEmailForm && emailEnabled ? (
          <section aria-labelledby="new-link-heading" className="mt-8 rounded-xl border border-line bg-surface p-5">
            <h2 id="new-link-heading" className="mb-3 text-lg font-semibold">
              Get a new sign-in link
            </h2>
            <EmailSignInForm callbackUrl="/" messages={emailFormMessages()} submitLabel="Email me a new link" />
          </section>
        ) : null}

        <p className="mt-8">
          <Link href="/signin">Back to sign in</Link>
          <span aria-hidden="true" className="px-2 text-muted">
            ·
          </span>
          <Link href="/">Home page</Link>
        </p>
      </div>
    </Container>
  );
}
