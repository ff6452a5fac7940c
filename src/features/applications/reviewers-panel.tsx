'use client';

// Who reviews this cohort's applications: add by email (a new address gets an account and signs
// in by link), remove.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { FieldError } from '@/components/ui/field-error';
import { errorMessage, formFieldErrors } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

export function ReviewersPanel({ cohort }: { cohort: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [email, setEmail] = useState('');
  const reviewers = useQuery(trpc.applications.reviewers.queryOptions({ cohort }));
  const refresh = (rows: unknown) => queryClient.setQueryData(trpc.applications.reviewers.queryKey({ cohort }), rows as never);
  const add = useMutation(
    trpc.applications.addReviewer.mutationOptions({
      onSuccess: (rows) => {
        refresh(rows);
        setEmail('');
      },
    }),
  );
  const remove = useMutation(trpc.applications.removeReviewer.mutationOptions({ onSuccess: refresh }));
  const errors = add.error ? formFieldErrors(add.error) : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate({ cohort, email });
  }

  return (
    <div className="grid gap-4 rounded-xl border border-line bg-surface p-5 sm:p-6">
      {reviewers.data?.length ? (
        <ul className="grid gap-2">
          {reviewers.data.map((reviewer) => (
            <li key={reviewer.userId} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                {reviewer.name} <span className="text-muted">({reviewer.email})</span>
              </span>
              <button type="button" className={buttonClasses('quiet', 'sm')} disabled={remove.isPending} onClick={() => remove.mutate({ cohort, userId: reviewer.userId })}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-muted">{reviewers.isPending ? 'Loading…' : 'No reviewers yet: admins can review. Add people who should read and score applications, and nothing else.'}</p>
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-2">
        <div className="min-w-[16rem] flex-1">
          <label htmlFor={`${id}-email`} className="block font-medium">
            Add a reviewer by email
          </label>
          <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? `${id}-email-error` : undefined} className={`mt-1 ${inputClasses}`} />
        </div>
        <button type="submit" className={buttonClasses('secondary')} disabled={add.isPending}>
          Add
        </button>
      </form>
      <FieldError id={`${id}-email-error`} messages={errors.email ?? (add.error && !errors.email ? [errorMessage(add.error)] : null)} />
    </div>
  );
}
