import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { getAuthSettings } from '@/server/auth/settings';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Check your email' };

type CheckEmailPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CheckEmailPage({ searchParams }: CheckEmailPageProps) {
  const params = await searchParams;
  const email = typeof params.email === 'string' ? params.email.slice(0, 320) : null;
  const { devMailbox } = getAuthSettings();

  return (
    <Container className="py-10 sm:py-14">
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-bold tracking-tight">Check your email</h1>
        <p className="mt-3 text-lg">
          We sent a sign-in link to {email ? <strong className="break-all">{email}</strong> : 'your email address'}.
        </p>
        <ol className="mt-4 list-decimal space-y-1 pl-6">
          <li>Open the email from Fellowship (it can take a minute to arrive).</li>
          <li>Select the link in it. It signs you in on this device.</li>
          <li>The link works once, within 15 minutes.</li>
        </ol>
        <p className="mt-4 text-muted">
          Nothing there? Look in your spam folder, or{' '}
          <Link href="/signin">ask for a new link</Link> (check the address for typos).
        </p>

        {devMailbox ? (
          <Alert tone="info" title="Running locally without a mail server" className="mt-8">
            <p>No email is really sent here. The link waits in the dev mailbox instead.</p>
            <p className="mt-3">
              <Link href="/dev/mailbox" className={buttonClasses('primary', 'sm')}>
                Open the dev mailbox
              </Link>
            </p>
          </Alert>
        ) : null}
      </div>
    </Container>
  );
}
