'use client';

// Writing an announcement: to whom (the cohort, or a group; everyone or only those at risk),
// how many that is and how many get it by email (counted before sending), then subject and text.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { FieldError } from '@/components/ui/field-error';
import { pluralize } from '@/lib/format';
import { errorMessage, fieldErrors } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

type Group = { id: string; name: string };

export function AnnouncementForm({ cohort, groups, canWriteToCohort }: { cohort: string; groups: Group[]; canWriteToCohort: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const [groupId, setGroupId] = useState<string>(canWriteToCohort ? '' : (groups[0]?.id ?? ''));
  const [atRiskOnly, setAtRiskOnly] = useState(false);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [sent, setSent] = useState<{ recipients: number; emailed: number } | null>(null);
  const audience = { cohort, groupId: groupId || null, atRiskOnly };
  const count = useQuery(trpc.announcements.count.queryOptions(audience));
  const send = useMutation(
    trpc.announcements.send.mutationOptions({
      onSuccess: (result) => {
        setSent(result);
        setSubject('');
        setBody('');
        void queryClient.invalidateQueries({ queryKey: trpc.announcements.list.queryKey() });
        router.refresh();
      },
    }),
  );
  const errors = send.error ? fieldErrors(send.error) : {};
  const formError = send.error && !errors.subject && !errors.body ? errorMessage(send.error) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(null);
    send.mutate({ ...audience, subject, body });
  }

  const counted = count.data;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5 rounded-xl border border-line bg-surface p-5 sm:p-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-to`} className="block font-medium">
            To
          </label>
          <select id={`${id}-to`} value={groupId} onChange={(event) => setGroupId(event.target.value)} className={`mt-1 ${inputClasses}`}>
            {canWriteToCohort ? <option value="">Everyone in the cohort</option> : null}
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-start gap-2 self-end py-2">
          <input type="checkbox" className="mt-1.5 size-4 shrink-0" checked={atRiskOnly} onChange={(event) => setAtRiskOnly(event.target.checked)} />
          Only the fellows at risk now
        </label>
      </div>
      <p role="status" aria-live="polite" className="text-[0.95rem]">
        {count.isPending
          ? 'Counting recipients…'
          : count.error
            ? errorMessage(count.error)
            : counted
              ? `${pluralize(counted.recipients, 'person', 'people')} will see it on their cohort page; ${counted.emailed} by email${
                  counted.optedOut ? ` (${counted.optedOut} turned announcements off)` : ''
                }${counted.other ? `, ${counted.other} cannot be emailed` : ''}.`
              : null}
      </p>
      <div>
        <label htmlFor={`${id}-subject`} className="block font-medium">
          Subject
        </label>
        <input
          id={`${id}-subject`}
          value={subject}
          maxLength={150}
          onChange={(event) => setSubject(event.target.value)}
          aria-invalid={errors.subject ? true : undefined}
          aria-describedby={errors.subject ? `${id}-subject-error` : undefined}
          className={`mt-1 ${inputClasses}`}
        />
        <FieldError id={`${id}-subject-error`} messages={errors.subject ?? null} />
      </div>
      <div>
        <label htmlFor={`${id}-body`} className="block font-medium">
          Message
        </label>
        <textarea
          id={`${id}-body`}
          rows={8}
          value={body}
          maxLength={10_000}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={`${id}-body-hint${errors.body ? ` ${id}-body-error` : ''}`}
          className={`mt-1 ${inputClasses}`}
        />
        <p id={`${id}-body-hint`} className="mt-1 text-[0.9rem] text-muted">
          Plain text; a blank line starts a new paragraph.
        </p>
        <FieldError id={`${id}-body-error`} messages={errors.body ?? null} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClasses('primary')} disabled={send.isPending || !counted?.recipients}>
          {send.isPending ? 'Sending…' : counted ? `Send to ${pluralize(counted.recipients, 'person', 'people')}` : 'Send'}
        </button>
      </div>
      <div aria-live="polite">
        {sent ? (
          <Alert tone="success" role="status">
            Sent to {pluralize(sent.recipients, 'person', 'people')}: {sent.emailed} queued to be emailed.
          </Alert>
        ) : null}
        {formError ? (
          <Alert tone="error" role="alert">
            {formError}
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
