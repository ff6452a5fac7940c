'use client';

// Which emails one gets: a checkbox per topic, saved together. Sign-in links and invitations
// are not listed: nobody can turn those off.
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-styles';
import { TimeZoneField } from '@/components/ui/form-fields';
import type { EmailTopic } from '@/lib/notification-kinds';
import { errorMessage, fieldErrors } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';

type Preferences = RouterOutputs['account']['emailPreferences'];

export function EmailPreferencesForm({ initial }: { initial: Preferences }) {
  const trpc = useTRPC();
  const id = useId();
  const [chosen, setChosen] = useState<Record<string, boolean>>(Object.fromEntries(initial.preferences.map((row) => [row.topic, row.enabled])));
  const [saved, setSaved] = useState(chosen);
  const [timeZone, setTimeZone] = useState(initial.timeZone ?? '');
  const [savedZone, setSavedZone] = useState(initial.timeZone ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.account.setEmailPreferences.mutationOptions({
      onSuccess: (result) => {
        const next = Object.fromEntries(result.preferences.map((row) => [row.topic, row.enabled]));
        setChosen(next);
        setSaved(next);
        setSavedZone(result.timeZone ?? '');
        setStatus('Saved.');
      },
      onError: () => setStatus(null),
    }),
  );
  const changed = initial.preferences.some((row) => chosen[row.topic] !== saved[row.topic]) || timeZone !== savedZone;
  const zoneErrors = mutation.error ? fieldErrors(mutation.error).timeZone ?? null : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus(null);
    mutation.mutate({ topics: chosen as Partial<Record<EmailTopic, boolean>>, timeZone: timeZone.trim() || null });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      {initial.bouncing ? (
        <Alert tone="warning" title="Emails to your address bounce">
          The mail server refused an email to your address, so Fellowship has stopped sending to it. Ask an admin to clear it once
          your mailbox works again.
        </Alert>
      ) : null}
      <fieldset className="grid gap-3">
        <legend className="sr-only">Emails you get</legend>
        {initial.preferences.map((row) => (
          <label key={row.topic} className="flex items-start gap-3">
            <input
              type="checkbox"
              name={row.topic}
              className="mt-1.5 size-4 shrink-0"
              checked={chosen[row.topic] ?? false}
              aria-describedby={`${id}-${row.topic}`}
              onChange={(event) => {
                setChosen({ ...chosen, [row.topic]: event.target.checked });
                setStatus(null);
              }}
            />
            <span>
              <span className="block font-medium">{row.label}</span>
              <span id={`${id}-${row.topic}`} className="block text-[0.9rem] text-muted">
                {row.description}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="text-[0.9rem] text-muted">Sign-in links and invitations always come: you need them to get in.</p>
      <TimeZoneField
        id={`${id}-zone`}
        className="max-w-sm"
        label="Time zone for dates in emails"
        required={false}
        placeholder="Each cohort’s own"
        value={timeZone}
        onChange={(value) => {
          setTimeZone(value);
          setStatus(null);
        }}
        errors={zoneErrors}
        hint="Empty: meeting times are written in the cohort’s time zone. Either way the zone is named."
      />
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClasses('primary')} disabled={!changed || mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save email choices'}
        </button>
        <p role="status" className="text-[0.95rem] text-muted">
          {status}
        </p>
      </div>
      {mutation.error && !zoneErrors ? (
        <Alert tone="error" role="alert">
          {errorMessage(mutation.error)}
        </Alert>
      ) : null}
    </form>
  );
}
