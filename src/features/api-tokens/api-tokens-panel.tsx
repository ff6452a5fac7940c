'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { FieldError } from '@/components/ui/field-error';
import { formatMoment } from '@/lib/format-time';
import { errorMessage, fieldErrors } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { Table } from '@/components/ui/table';

type ApiToken = RouterOutputs['apiTokens']['list'][number];
type CreatedToken = RouterOutputs['apiTokens']['create'];

const EXPIRY_CHOICES = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never (until revoked)' },
];

const STATUS_LABELS = { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as const;

export function ApiTokensPanel({
  initialTokens,
  cohorts,
}: {
  initialTokens: ApiToken[];
  cohorts: { slug: string; name: string }[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery({ ...trpc.apiTokens.list.queryOptions(), initialData: initialTokens });
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions({ onSuccess: refresh }));
  const list = tokens.data ?? [];

  return (
    <div className="flex flex-col gap-6">
      {cohorts.length === 0 ? (
        <p className="text-muted">Tokens belong to a cohort: once you are a member of one, you can make them here.</p>
      ) : (
        <CreateTokenForm
          cohorts={cohorts}
          onCreated={(token) => {
            setCreated(token);
            void refresh();
          }}
        />
      )}

      {created ? <NewTokenNotice token={created} onDismiss={() => setCreated(null)} /> : null}

      {list.length === 0 ? (
        <p className="text-muted">You have no API tokens yet.</p>
      ) : (
        <Table caption="Your API tokens" minWidth="40rem" density="roomy" columns={['Name', 'Cohort', 'Last used', 'Expires', { label: <span className="sr-only">Status and actions</span> }]}>
          {list.map((token) => (
            <tr key={token.id}>
              <td>
                <span className="font-medium">{token.name}</span>
                <br />
                <code className="text-[0.85rem] text-muted">{token.prefix}…</code>
              </td>
              <td>{token.cohort.name}</td>
              <td>{token.lastUsedAt ? formatMoment(token.lastUsedAt) : 'Never'}</td>
              <td>{token.expiresAt ? formatMoment(token.expiresAt) : 'Never'}</td>
              <td>
                <span className="flex flex-wrap items-center justify-end gap-2">
                  <Badge tone={token.status === 'active' ? 'accent' : 'neutral'}>{STATUS_LABELS[token.status]}</Badge>
                  {token.status === 'active' ? (
                    <ConfirmButton
                      question={`Revoke "${token.name}"? Jobs using it stop at once.`}
                      confirmLabel="Yes, revoke"
                      pending={revoke.isPending && revoke.variables?.tokenId === token.id}
                      onConfirm={() => revoke.mutate({ tokenId: token.id })}
                    >
                      Revoke
                    </ConfirmButton>
                  ) : null}
                </span>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <div aria-live="assertive">{revoke.error ? <Alert tone="error">{errorMessage(revoke.error)}</Alert> : null}</div>
    </div>
  );
}

function CreateTokenForm({
  cohorts,
  onCreated,
}: {
  cohorts: { slug: string; name: string }[];
  onCreated: (token: CreatedToken) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [cohort, setCohort] = useState(cohorts[0]!.slug);
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('90');
  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({
      onSuccess: (token) => {
        setName('');
        onCreated(token);
      },
    }),
  );
  const errors = create.error ? fieldErrors(create.error) : {};
  const nameErrors = errors.name ?? null;
  const otherError = create.error && !nameErrors ? errorMessage(create.error) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ cohort, name, expiresInDays: expiry === 'never' ? null : Number(expiry) });
  }

  return (
    <form onSubmit={onSubmit} className="rounded-xl border border-line bg-surface p-5" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="font-semibold">
        Make a token
      </h3>
      <div className="mt-3 grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-name`} className="block font-medium">
            Name
          </label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={100}
            placeholder="e.g. lab GPU"
            onChange={(event) => setName(event.target.value)}
            aria-invalid={nameErrors ? true : undefined}
            aria-describedby={nameErrors ? `${id}-name-error` : undefined}
            className={`mt-1 ${inputClasses}`}
          />
          <FieldError id={`${id}-name-error`} messages={nameErrors} />
        </div>
        <div>
          <label htmlFor={`${id}-cohort`} className="block font-medium">
            Cohort
          </label>
          <select id={`${id}-cohort`} value={cohort} onChange={(event) => setCohort(event.target.value)} className={`mt-1 ${inputClasses}`}>
            {cohorts.map((option) => (
              <option key={option.slug} value={option.slug}>
                {option.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-expiry`} className="block font-medium">
            Expires after
          </label>
          <select id={`${id}-expiry`} value={expiry} onChange={(event) => setExpiry(event.target.value)} className={`mt-1 ${inputClasses}`}>
            {EXPIRY_CHOICES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClasses('primary')} disabled={create.isPending}>
          {create.isPending ? 'Making…' : 'Make token'}
        </button>
      </div>
      <div aria-live="assertive" className="mt-3">
        {otherError ? <Alert tone="error">{otherError}</Alert> : null}
      </div>
    </form>
  );
}

function NewTokenNotice({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const setup = `export FELLOWSHIP_URL=${origin}\nexport FELLOWSHIP_TOKEN=${token.token}`;
  const python = 'import fellowship_client as fc\nrun = fc.init(exercise="vae", name="my first run")';

  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${what} copied.`);
    } catch {
      inputRef.current?.select();
      setCopied('Select the token and copy it with Ctrl+C (or ⌘C).');
    }
  }

  return (
    <Alert tone="success" role="status" title={`Token "${token.name}" made for ${token.cohort.name}`}>
      <p>Copy it now: it is shown only this once. Afterwards only its first characters are kept.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-token`} className="sr-only">
          Your new API token
        </label>
        <input
          ref={inputRef}
          id={`${id}-token`}
          readOnly
          value={token.token}
          onFocus={(event) => event.target.select()}
          className={`${inputClasses} max-w-md font-mono text-[0.9rem]`}
        />
        <button type="button" className={buttonClasses('secondary', 'sm')} onClick={() => void copy(token.token, 'Token')}>
          Copy token
        </button>
      </div>
      <p className="mt-3">In the shell that starts your job:</p>
      <pre className="mt-1 overflow-x-auto rounded-lg bg-surface-muted p-3 text-[0.85rem]">
        <code>{setup}</code>
      </pre>
      <p className="mt-2">Then two lines in Python (the client is in clients/python of this project):</p>
      <pre className="mt-1 overflow-x-auto rounded-lg bg-surface-muted p-3 text-[0.85rem]">
        <code>{python}</code>
      </pre>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" className={buttonClasses('secondary', 'sm')} onClick={() => void copy(setup, 'Shell lines')}>
          Copy shell lines
        </button>
        <button type="button" className={buttonClasses('quiet', 'sm')} onClick={onDismiss}>
          I have saved it
        </button>
        <span aria-live="polite" className="self-center text-[0.9rem]">
          {copied}
        </span>
      </div>
    </Alert>
  );
}
