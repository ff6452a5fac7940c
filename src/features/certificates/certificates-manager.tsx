'use client';

// The admin's certificates table: everyone who could hold one, whether they qualify (and why
// not), their certificate if issued; one button issues to everyone who qualifies, each row can
// issue by hand or revoke (with a reason the public page shows).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { formatCalendarDate } from '@/lib/format';

import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';

type List = RouterOutputs['certificates']['list'];
type Person = List['people'][number];

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

export function CertificatesManager({ cohort, initial }: { cohort: string; initial: List }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.certificates.list.queryOptions({ cohort }, { initialData: initial }));
  const data = query.data ?? initial;
  const [notify, setNotify] = useState(true);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.certificates.list.queryKey({ cohort }) });
  const issue = useMutation(
    trpc.certificates.issue.mutationOptions({
      onSuccess: (result) => {
        setMessage({
          tone: 'success',
          text:
            result.issued === 0
              ? 'Nobody new to issue to: everyone who qualifies has a certificate.'
              : `Issued ${result.issued} ${result.issued === 1 ? 'certificate' : 'certificates'}${result.emailed ? `; ${result.emailed} ${result.emailed === 1 ? 'email' : 'emails'} on the way` : ''}.`,
        });
        void refresh();
      },
      onError: (error) => setMessage({ tone: 'error', text: errorMessage(error) }),
    }),
  );
  const pending = data.people.filter((person) => person.qualifies && !person.certificate);
  const fellows = data.people.filter((person) => person.role === 'FELLOW');
  const qualified = fellows.filter((person) => person.qualifies).length;

  return (
    <div className="grid gap-6">
      <section aria-labelledby="bulk-heading" className="rounded-xl border border-line bg-surface p-5">
        <h2 id="bulk-heading" className="text-xl font-semibold">
          Issue in bulk
        </h2>
        <p className="mt-1 text-muted">
          {qualified} of {fellows.length} fellows meet the completion rule
          {data.cohort.ended ? '' : ` so far (the cohort ends ${formatCalendarDate(data.cohort.endsOn)})`}. {pending.length} {pending.length === 1 ? 'person qualifies' : 'people qualify'} and{' '}
          {pending.length === 1 ? 'has' : 'have'} no certificate yet.
        </p>
        <label className="mt-3 inline-flex min-h-11 items-center gap-2">
          <input type="checkbox" className="size-4" checked={notify} onChange={(event) => setNotify(event.target.checked)} />
          Email each person their certificate
        </label>
        <div className="mt-2">
          <button
            type="button"
            className={buttonClasses('primary')}
            disabled={issue.isPending || pending.length === 0}
            onClick={() => {
              setMessage(null);
              issue.mutate({ cohort, membershipIds: null, notify });
            }}
          >
            {issue.isPending ? 'Issuing…' : `Issue ${pending.length} ${pending.length === 1 ? 'certificate' : 'certificates'}`}
          </button>
        </div>
        <div aria-live="polite" className="mt-3">
          {message ? (
            <Alert tone={message.tone} role={message.tone === 'error' ? 'alert' : 'status'}>
              {message.text}
            </Alert>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading" className="text-xl font-semibold">
          People
        </h2>
        <div className="mt-3 overflow-x-auto rounded-xl border border-line bg-surface">
          <table className="w-full text-left text-[0.95rem]">
            <thead className="border-b border-line text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Name on the certificate
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Qualifies
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Certificate
                </th>
              </tr>
            </thead>
            <tbody>
              {data.people.map((person) => (
                <PersonRow key={person.membershipId} cohort={cohort} person={person} notify={notify} onChange={refresh} onMessage={setMessage} />
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {data.revoked.length ? (
        <section aria-labelledby="revoked-heading">
          <h2 id="revoked-heading" className="text-xl font-semibold">
            Revoked
          </h2>
          <ul className="mt-2 space-y-1 text-[0.95rem]">
            {data.revoked.map((certificate) => (
              <li key={certificate.id}>
                <a href={`/certificates/${certificate.id}`}>{certificate.holderName}</a>, revoked {day.format(new Date(certificate.revokedAt!))}: {certificate.revokedReason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function PersonRow({
  cohort,
  person,
  notify,
  onChange,
  onMessage,
}: {
  cohort: string;
  person: Person;
  notify: boolean;
  onChange: () => void;
  onMessage: (message: { tone: 'success' | 'error'; text: string }) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [revoking, setRevoking] = useState(false);
  const [reason, setReason] = useState('');
  const issue = useMutation(
    trpc.certificates.issue.mutationOptions({
      onSuccess: () => {
        onMessage({ tone: 'success', text: `Issued a certificate to ${person.holderName}.` });
        onChange();
      },
      onError: (error) => onMessage({ tone: 'error', text: errorMessage(error) }),
    }),
  );
  const revoke = useMutation(
    trpc.certificates.revoke.mutationOptions({
      onSuccess: () => {
        setRevoking(false);
        setReason('');
        onMessage({ tone: 'success', text: `Revoked the certificate of ${person.holderName}.` });
        onChange();
      },
      onError: (error) => onMessage({ tone: 'error', text: errorMessage(error) }),
    }),
  );
  return (
    <tr className="border-b border-line last:border-b-0 align-top">
      <th scope="row" className="px-4 py-3 font-medium">
        {person.holderName}
      </th>
      <td className="px-4 py-3">{person.role === 'FACILITATOR' ? 'Facilitator' : 'Fellow'}</td>
      <td className="px-4 py-3">{person.qualifies ? <Badge tone="accent">Yes</Badge> : <span className="text-muted">No: {person.reason}</span>}</td>
      <td className="px-4 py-3">
        {person.certificate ? (
          <div className="grid gap-2">
            <span>
              <a href={`/certificates/${person.certificate.id}`}>Issued {day.format(new Date(person.certificate.issuedAt))}</a>
            </span>
            {revoking ? (
              <form
                className="grid gap-2"
                onSubmit={(event) => {
                  event.preventDefault();
                  revoke.mutate({ cohort, certificateId: person.certificate!.id, reason });
                }}
              >
                <label htmlFor={`${id}-reason`} className="text-[0.9rem] font-medium">
                  Why revoke it? (shown on its public page)
                </label>
                <input id={`${id}-reason`} value={reason} onChange={(event) => setReason(event.target.value)} required maxLength={500} className={inputClasses} />
                <div className="flex gap-2">
                  <button type="submit" className={buttonClasses('danger', 'sm')} disabled={revoke.isPending || reason.trim() === ''}>
                    {revoke.isPending ? 'Revoking…' : 'Revoke'}
                  </button>
                  <button type="button" className={buttonClasses('secondary', 'sm')} onClick={() => setRevoking(false)}>
                    Keep it
                  </button>
                </div>
              </form>
            ) : (
              <button type="button" className={`${buttonClasses('secondary', 'sm')} justify-self-start`} onClick={() => setRevoking(true)}>
                Revoke…
              </button>
            )}
          </div>
        ) : (
          <button
            type="button"
            className={buttonClasses(person.qualifies ? 'primary' : 'secondary', 'sm')}
            disabled={issue.isPending}
            onClick={() => issue.mutate({ cohort, membershipIds: [person.membershipId], notify })}
            aria-label={`Issue a certificate to ${person.holderName}${person.qualifies ? '' : ' by hand'}`}
          >
            {issue.isPending ? 'Issuing…' : person.qualifies ? 'Issue' : 'Issue by hand'}
          </button>
        )}
      </td>
    </tr>
  );
}
