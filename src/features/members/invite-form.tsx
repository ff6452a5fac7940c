'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { FieldError } from '@/components/ui/field-error';
import { pluralize } from '@/lib/format';
import { splitEmailList } from '@/lib/email-list';
import { errorMessage, fieldErrors } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';

type Group = RouterOutputs['members']['groups'][number];
type InviteOutcome = RouterOutputs['members']['invite'];
type Role = 'FELLOW' | 'FACILITATOR';

const STATUS_TEXT = {
  invited: { icon: '✓', label: 'Invited', className: 'text-success' },
  'already-member': { icon: '•', label: 'Already a member', className: 'text-muted' },
  duplicate: { icon: '•', label: 'Listed twice', className: 'text-muted' },
  invalid: { icon: '!', label: 'Not sent', className: 'text-danger' },
} as const;

export function InviteForm({ cohort, groups, invitationDays }: { cohort: string; groups: Group[]; invitationDays: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [emails, setEmails] = useState('');
  const [role, setRole] = useState<Role>('FELLOW');
  const [groupId, setGroupId] = useState('');
  const [sendEmail, setSendEmail] = useState(true);
  const [outcome, setOutcome] = useState<InviteOutcome | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);

  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: (result) => {
        setOutcome(result);
        // Keep only the lines that still need fixing, so they can be corrected and sent again.
        setEmails(result.results.filter((entry) => entry.status === 'invalid').map((entry) => entry.email).join('\n'));
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.members.invitations.queryKey({ cohort }) }),
    }),
  );

  const entries = splitEmailList(emails);
  const serverFieldErrors = invite.error ? fieldErrors(invite.error) : {};
  const emailErrors = clientError ? [clientError] : (serverFieldErrors.emails ?? serverFieldErrors.entries ?? null);
  const formError = invite.error && !emailErrors ? errorMessage(invite.error) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    if (entries.length === 0) {
      setClientError('Enter at least one email address.');
      return;
    }
    setClientError(null);
    invite.mutate({ cohort, sendEmail, entries: entries.map((email) => ({ email, role, groupId: groupId || null })) });
  }

  const invitedCount = outcome?.results.filter((entry) => entry.status === 'invited').length ?? 0;

  return (
    <div>
      <form onSubmit={onSubmit} noValidate className="grid gap-4 rounded-xl border border-line bg-surface p-5">
        <div>
          <label htmlFor={`${id}-emails`} className="block font-medium">
            Email addresses
          </label>
          <p id={`${id}-emails-hint`} className="text-[0.9rem] text-muted">
            One per line, or separated by commas. You can paste a column from a spreadsheet.
          </p>
          <textarea
            id={`${id}-emails`}
            name="emails"
            rows={5}
            value={emails}
            onChange={(event) => {
              setEmails(event.target.value);
              setClientError(null);
            }}
            aria-invalid={emailErrors ? true : undefined}
            aria-describedby={`${id}-emails-hint ${id}-emails-count${emailErrors ? ` ${id}-emails-error` : ''}`}
            className={`mt-1 font-mono text-[0.95rem] ${inputClasses}`}
            placeholder={'ada@example.org\ngrace@example.org'}
          />
          <p id={`${id}-emails-count`} className="mt-1 text-[0.9rem] text-muted">
            {entries.length ? pluralize(entries.length, 'address', 'addresses') : 'No addresses yet'}
          </p>
          <FieldError id={`${id}-emails-error`} messages={emailErrors} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-role`} className="block font-medium">
              Role
            </label>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
              className={`mt-1 ${inputClasses}`}
            >
              <option value="FELLOW">Fellow</option>
              <option value="FACILITATOR">Facilitator</option>
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-group`} className="block font-medium">
              {role === 'FACILITATOR' ? 'Group to lead' : 'Group'}
            </label>
            <select id={`${id}-group`} value={groupId} onChange={(event) => setGroupId(event.target.value)} className={`mt-1 ${inputClasses}`}>
              <option value="">No group yet</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="flex items-start gap-2">
          <input type="checkbox" className="mt-1.5 size-4 shrink-0" checked={sendEmail} onChange={(event) => setSendEmail(event.target.checked)} />
          <span>
            Email the invitations now
            <span className="block text-[0.9rem] text-muted">Leave this off to send them later from the list below.</span>
          </span>
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClasses('primary')} disabled={invite.isPending}>
            {invite.isPending ? 'Sending invitations…' : entries.length > 1 ? `Invite ${entries.length} people` : 'Invite'}
          </button>
          <p className="text-[0.9rem] text-muted">
            Invitations last {pluralize(invitationDays, 'day')}. People join when they first sign in with the invited
            address.
          </p>
        </div>
      </form>

      <div aria-live="polite" className="mt-4">
        {formError ? (
          <Alert tone="error" role="alert">
            {formError}
          </Alert>
        ) : null}
        {outcome ? (
          <div className="rounded-xl border border-line bg-surface p-5">
            <p className="font-semibold" role="status">
              {invitedCount ? `${pluralize(invitedCount, 'invitation')} created` : 'No invitations created.'}
              {invitedCount ? (outcome.emailed ? `, ${outcome.emailed} queued to be emailed.` : ', not emailed yet.') : null}
              {invitedCount < outcome.results.length ? ` ${outcome.results.length - invitedCount} not sent: see below.` : null}
            </p>
            <ul className="mt-3 divide-y divide-line">
              {outcome.results.map((entry, index) => {
                const status = STATUS_TEXT[entry.status];
                return (
                  <li key={`${entry.email}-${index}`} className="flex flex-wrap items-baseline gap-x-3 py-1.5">
                    <span className={`font-semibold ${status.className}`}>
                      <span aria-hidden="true">{status.icon} </span>
                      {status.label}
                    </span>
                    <span className="break-all">{entry.email}</span>
                    <span className="text-[0.9rem] text-muted">{entry.message}</span>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
      </div>
    </div>
  );
}
