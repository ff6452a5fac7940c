'use client';

// The name a person wants printed on their certificates, which may differ from the short name
// the group knows them by.

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { FieldError } from '@/components/ui/field-error';
import { errorMessage, fieldErrors } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

export function CertificateNameForm({ initialName }: { initialName: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState(initialName ?? '');
  const [saved, setSaved] = useState(initialName ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.account.updateCertificateName.mutationOptions({
      onSuccess: (user) => {
        setSaved(user.certificateName ?? '');
        setStatus('Saved.');
        router.refresh();
      },
      onError: () => setStatus(null),
    }),
  );

  const errors = mutation.error ? (fieldErrors(mutation.error).certificateName ?? [errorMessage(mutation.error)]) : null;
  const unchanged = name.trim() === saved;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus(null);
    mutation.mutate({ certificateName: name });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2 sm:flex-row sm:items-start">
      <div className="flex-1">
        <label htmlFor={`${id}-name`} className="block font-medium">
          Name on certificates
        </label>
        <input
          id={`${id}-name`}
          name="certificateName"
          autoComplete="name"
          maxLength={120}
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
          Your full name as it should appear on a certificate, accents and all. Empty: your name above.
        </p>
        <FieldError id={`${id}-error`} messages={errors} />
      </div>
      <div className="flex items-center gap-3 sm:mt-8">
        <button type="submit" className={buttonClasses('primary')} disabled={mutation.isPending || unchanged}>
          {mutation.isPending ? 'Saving…' : 'Save'}
        </button>
        <p aria-live="polite" className="text-[0.95rem] text-success">
          {status}
        </p>
      </div>
    </form>
  );
}
