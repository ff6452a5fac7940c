import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { getAuthSettings } from '@/server/auth/settings';
import { isAddressedToThisSite } from '@/server/http/request-guard';
import { systemContext } from '@/server/services/context';
import { listDevMailboxMessages } from '@/server/services/dev-mailbox/dev-mailbox';
import { toSafeHttpUrl } from '@/lib/safe-url';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Dev mailbox', robots: { index: false } };

const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** Local only: sign-in emails that would have been sent, when no SMTP server is configured. */
export default async function DevMailboxPage() {
  // Only at the site's own names: a DNS-rebinding page must not read the sign-in links here.
  if (!getAuthSettings().devMailbox || !isAddressedToThisSite(await headers())) notFound();
  const messages = await listDevMailboxMessages(systemContext(), { limit: 50 });

  return (
    <Container className="py-10 sm:py-14">
      <div className="max-w-[75ch]">
        <h1 className="text-3xl font-bold tracking-tight">Dev mailbox</h1>
        <Alert tone="warning" className="mt-4">
          This page exists only when Fellowship runs locally without a mail server (no SMTP_URL). Every email (sign-in
          links, invitations, digests, reminders) lands here instead of in an inbox, so you can sign in as anyone you invite
          and see what people would get. It is never shown on a deployed site.
        </Alert>
      </div>

      <section aria-labelledby="messages-heading" className="mt-8">
        <h2 id="messages-heading" className="mb-3 text-xl font-semibold">
          Latest emails
        </h2>
        {messages.length === 0 ? (
          <EmptyState title="No emails yet">
            Ask for a sign-in link on the sign-in page, or invite someone: the email appears here. Reload this page to see new ones.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
            {messages.map((message) => {
              const url = toSafeHttpUrl(message.url);
              return (
                <li key={message.id} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <p className="font-semibold break-all">To {message.to}</p>
                    <p className="text-muted">{message.subject}</p>
                    <p className="text-sm text-muted">
                      <time dateTime={message.createdAt.toISOString()}>{TIME_FORMAT.format(message.createdAt)}</time>
                    </p>
                  </div>
                  <span className="flex shrink-0 flex-wrap gap-2">
                    {message.kind ? (
                      <a href={`/dev/mailbox/${message.id}`} target="_blank" rel="noreferrer" className={buttonClasses('secondary', 'sm')}>
                        View email<span className="sr-only">: {message.subject}, to {message.to}</span>
                      </a>
                    ) : null}
                    {url ? (
                      <a href={url} className={buttonClasses(message.kind ? 'secondary' : 'primary', 'sm')}>
                        {message.kind ? 'Open its link' : 'Open sign-in link'}
                        <span className="sr-only"> for {message.to}</span>
                      </a>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </Container>
  );
}
