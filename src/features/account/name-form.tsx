'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { FieldError } from '@/components/ui/field-error';
import { errorMessage, fieldErrors } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

export function NameForm({ initialName }: { initialName: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState(initialName ?? '');
  const [saved, setSaved] = useState(initialName ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.account.updateName.mutationOptions({
      onSuccess: (user) => {
        setSaved(user.name ?? '');
        setStatus('Saved.');
        // The header shows the name too.
        router.refresh();
      },
      onError: () => setStatus(null),
    }),
  );

  const errors = mutation.error ? (fieldErrors(mutation.error).name ?? [errorMessage(mutation.error)]) : null;
  const unchanged = name.trim() === saved;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus(null);
    mutation.mutate({ name });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2 sm:flex-row sm:items-start">
      <div className="flex-1">
        <label htmlFor={`${id}-name`} className="block font-medium">
          Name
        </label>
        <input
          id={`${id}-name`}
          name="name"
          autoComplete="name"
          maxLength={100}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setStatus(null);
          }}
          aria-invalid={errors ? true : undefined}
          aria-describedby={`${id}-hint${errors ? ` ${id}-error` : ''}`}
          className={`mt-1 ${inputClasses}`}
        />
        <p id={`${id}-hint`} className="mt-1 text-[0.9rem] text-muted">
          How facilitators and your group see you.
        </p>
        <FieldError id={`${id}-error`} messages={errors} />
      </div>
      <div className="flex items-center gap-3 sm:mt-8">
        <button type="submit" className={buttonClasses('primary')} disabled={mutation.isPending || unchanged}>
          {mutation.isPending ? 'Saving…' : 'Save name'}
        </button>
        <p aria-live="polite" className="text-[0.95rem] text-success">
          {status}
        </p>
      </div>
    </form>
  );
}
