'use client';

// Failed emails with their error and a retry button, and bouncing addresses with a button
// that lets mail go to them again.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-styles';
import { Table } from '@/components/ui/table';
import { KIND_LABELS } from '@/lib/notification-kinds';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';

type Overview = RouterOutputs['notifications']['overview'];

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function FailedEmails({ failed, bouncing }: { failed: Overview['failed']; bouncing: Overview['bouncing'] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const retry = useMutation(
    trpc.notifications.retry.mutationOptions({
      onSuccess: () => {
        setMessage({ tone: 'success', text: 'Queued again: a worker sends it within seconds.' });
        router.refresh();
      },
      onError: (error) => setMessage({ tone: 'error', text: errorMessage(error) }),
    }),
  );
  const clear = useMutation(
    trpc.notifications.clearBouncing.mutationOptions({
      onSuccess: (result) => {
        setMessage({ tone: 'success', text: `Emails go to ${result.email} again.` });
        router.refresh();
      },
      onError: (error) => setMessage({ tone: 'error', text: errorMessage(error) }),
    }),
  );

  return (
    <div className="grid gap-10">
      <div aria-live="polite">
        {message ? (
          <Alert tone={message.tone} role={message.tone === 'error' ? 'alert' : 'status'}>
            {message.text}
          </Alert>
        ) : null}
      </div>
      <section aria-labelledby="failed-heading">
        <h2 id="failed-heading" className="mb-3 text-xl font-semibold">
          Failed emails
        </h2>
        {failed.length === 0 ? (
          <p className="text-muted">None: every email was delivered or is on its way.</p>
        ) : (
          <Table caption="Emails that could not be delivered, newest first" minWidth="44rem" columns={['To', 'Kind', 'Error', { label: <span className="sr-only">Actions</span> }]}>
            {failed.map((row) => (
              <tr key={row.id}>
                <th scope="row" className="text-left font-normal break-all">
                  {row.toEmail}
                  <span className="block text-[0.85rem] text-muted">
                    {WHEN.format(row.createdAt)} UTC · {row.attempts} {row.attempts === 1 ? 'attempt' : 'attempts'}
                  </span>
                </th>
                <td>{KIND_LABELS[row.kind]}</td>
                <td className="max-w-[28rem] text-[0.9rem]">{row.lastError ?? 'Unknown error'}</td>
                <td>
                  <button
                    type="button"
                    className={buttonClasses('secondary', 'sm')}
                    disabled={retry.isPending && retry.variables?.id === row.id}
                    onClick={() => {
                      setMessage(null);
                      retry.mutate({ id: row.id });
                    }}
                  >
                    Retry<span className="sr-only"> the email to {row.toEmail}</span>
                  </button>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="bouncing-heading">
        <h2 id="bouncing-heading" className="mb-3 text-xl font-semibold">
          Bouncing addresses
        </h2>
        <p className="mb-3 max-w-[65ch] text-muted">The mail server refused these for good, so nothing more is sent to them. Clear one once it works again.</p>
        {bouncing.length === 0 ? (
          <p className="text-muted">None.</p>
        ) : (
          <Table caption="Addresses that bounce" minWidth="36rem" columns={['Address', 'Why', { label: <span className="sr-only">Actions</span> }]}>
            {bouncing.map((row) => (
              <tr key={row.email}>
                <th scope="row" className="text-left font-normal break-all">
                  {row.email}
                  <span className="block text-[0.85rem] text-muted">Last refused {WHEN.format(row.lastAt)} UTC</span>
                </th>
                <td className="max-w-[28rem] text-[0.9rem]">{row.reason}</td>
                <td>
                  <button
                    type="button"
                    className={buttonClasses('secondary', 'sm')}
                    disabled={clear.isPending && clear.variables?.email === row.email}
                    onClick={() => {
                      setMessage(null);
                      clear.mutate({ email: row.email });
                    }}
                  >
                    Send again<span className="sr-only"> to {row.email}</span>
                  </button>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </div>
  );
}
