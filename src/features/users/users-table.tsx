'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-styles';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { displayName, pluralize } from '@/lib/format';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { Table } from '@/components/ui/table';
import { EraseUserDialog, type ErasureTarget } from './erase-user-dialog';

type UserRow = RouterOutputs['users']['list'][number];
type Feedback = { userId: string; tone: 'error' | 'success'; text: string };

export function UsersTable({ initialUsers, currentUserId }: { initialUsers: UserRow[]; currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.users.list.queryKey();
  const users = useQuery({ ...trpc.users.list.queryOptions(), initialData: initialUsers });
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  /** Shows the change at once, and puts the row back (with the reason) if the server refuses. */
  function optimistic(userId: string, patch: Partial<UserRow>) {
    const previous = queryClient.getQueryData<UserRow[]>(listKey);
    queryClient.setQueryData<UserRow[]>(listKey, (rows) => rows?.map((row) => (row.id === userId ? { ...row, ...patch } : row)));
    return { previous };
  }

  const setAdmin = useMutation(
    trpc.users.setAdmin.mutationOptions({
      onMutate: async (input) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        return optimistic(input.userId, { isAdmin: input.isAdmin });
      },
      onError: (error, input, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        setFeedback({ userId: input.userId, tone: 'error', text: errorMessage(error) });
      },
      onSuccess: (user) =>
        setFeedback({ userId: user.id, tone: 'success', text: `${displayName(user)} ${user.isAdmin ? 'is now an admin' : 'is no longer an admin'}.` }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  const setDisabled = useMutation(
    trpc.users.setDisabled.mutationOptions({
      onMutate: async (input) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        return optimistic(input.userId, { disabledAt: input.disabled ? new Date() : null });
      },
      onError: (error, input, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        setFeedback({ userId: input.userId, tone: 'error', text: errorMessage(error) });
      },
      onSuccess: (user) =>
        setFeedback({
          userId: user.id,
          tone: 'success',
          text: user.disabledAt
            ? `${displayName(user)} is disabled and signed out everywhere.`
            : `${displayName(user)} can sign in again.`,
        }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  // The person whose erasure is being confirmed; a refusal is shown in the dialog.
  const [erasing, setErasing] = useState<ErasureTarget | null>(null);
  const [eraseError, setEraseError] = useState<string | null>(null);
  const erase = useMutation(
    trpc.users.erase.mutationOptions({
      onMutate: () => setEraseError(null),
      onError: (error) => setEraseError(errorMessage(error)),
      onSuccess: (result) => {
        setErasing(null);
        setFeedback({
          userId: result.id,
          tone: 'success',
          text: result.alreadyErased ? 'This person was already erased.' : 'The person was erased: their personal data is gone, the cohorts’ figures are kept.',
        });
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );
  const eraseButtons = useRef(new Map<string, HTMLButtonElement>());

  const rows = users.data ?? [];
  const pendingFor = (userId: string) =>
    (setAdmin.isPending && setAdmin.variables?.userId === userId) ||
    (setDisabled.isPending && setDisabled.variables?.userId === userId) ||
    (erase.isPending && erase.variables?.userId === userId);

  return (
    <div>
      <div aria-live="polite" className="mb-4">
        {/* Errors appear in the row they belong to; this is for what went well. */}
        {feedback?.tone === 'success' ? (
          <Alert tone="success" role="status">
            {feedback.text}
          </Alert>
        ) : null}
      </div>
      <Table caption="Everyone with an account, with their access" minWidth="46rem" density="roomy" stickyFirstColumn columns={[{ label: 'Person', className: 'min-w-[15rem]' }, 'Access', 'Cohorts', 'Actions']}>
        {rows.map((user) => {
          const isSelf = user.id === currentUserId;
          const label = displayName(user);
          const pending = pendingFor(user.id);
          if (user.erasedAt) {
            return (
              <tr key={user.id}>
                <th scope="row" className="text-left font-normal">
                  <span className="block font-semibold text-muted">{user.name}</span>
                  <span className="block text-muted">Erased on {user.erasedAt.toISOString().slice(0, 10)}</span>
                </th>
                <td>
                  <Badge>Erased</Badge>
                </td>
                <td className="whitespace-nowrap text-muted">{pluralize(user.membershipCount, 'cohort')}</td>
                <td className="text-[0.9rem] text-muted">Nothing left to change.</td>
              </tr>
            );
          }
          return (
            <tr key={user.id} aria-busy={pending || undefined}>
              <th scope="row" className="text-left font-normal">
                <span className="block font-semibold">
                  {user.name ?? <span className="text-muted">No name yet</span>}
                  {isSelf ? <span className="text-muted"> (you)</span> : null}
                </span>
                <span className="block break-all text-muted">{user.email}</span>
              </th>
              <td>
                <span className="flex flex-wrap gap-1.5">
                  {user.isAdmin ? <Badge tone="accent">Admin</Badge> : <Badge>Member</Badge>}
                  {user.disabledAt ? <Badge tone="warning">Disabled</Badge> : null}
                </span>
              </td>
              <td className="whitespace-nowrap text-muted">{pluralize(user.membershipCount, 'cohort')}</td>
              <td>
                <div className="flex flex-wrap gap-2">
                  {user.isAdmin ? (
                    <ConfirmButton
                      question={isSelf ? 'Stop being an admin yourself?' : `Remove ${label} as admin?`}
                      confirmLabel="Remove admin"
                      pending={setAdmin.isPending && setAdmin.variables?.userId === user.id}
                      disabled={pending}
                      onConfirm={() => setAdmin.mutate({ userId: user.id, isAdmin: false })}
                    >
                      Remove admin<span className="sr-only"> for {label}</span>
                    </ConfirmButton>
                  ) : (
                    <ConfirmButton
                      variant="primary"
                      question={`Make ${label} an admin of everything?`}
                      confirmLabel="Make admin"
                      pending={setAdmin.isPending && setAdmin.variables?.userId === user.id}
                      disabled={pending || Boolean(user.disabledAt)}
                      onConfirm={() => setAdmin.mutate({ userId: user.id, isAdmin: true })}
                    >
                      Make admin<span className="sr-only"> {label}</span>
                    </ConfirmButton>
                  )}
                  {isSelf ? null : user.disabledAt ? (
                    <ConfirmButton
                      variant="primary"
                      question={`Let ${label} sign in again?`}
                      confirmLabel="Enable"
                      pending={setDisabled.isPending && setDisabled.variables?.userId === user.id}
                      disabled={pending}
                      onConfirm={() => setDisabled.mutate({ userId: user.id, disabled: false })}
                    >
                      Enable<span className="sr-only"> {label}</span>
                    </ConfirmButton>
                  ) : (
                    <ConfirmButton
                      question={`Disable ${label} and sign them out everywhere?`}
                      confirmLabel="Disable"
                      pending={setDisabled.isPending && setDisabled.variables?.userId === user.id}
                      disabled={pending}
                      onConfirm={() => setDisabled.mutate({ userId: user.id, disabled: true })}
                    >
                      Disable<span className="sr-only"> {label}</span>
                    </ConfirmButton>
                  )}
                  {isSelf ? null : (
                    <button
                      ref={(element) => {
                        if (element) eraseButtons.current.set(user.id, element);
                        else eraseButtons.current.delete(user.id);
                      }}
                      type="button"
                      className={buttonClasses('secondary', 'sm')}
                      disabled={pending}
                      onClick={() => {
                        setEraseError(null);
                        setErasing({ id: user.id, label, email: user.email });
                      }}
                    >
                      Erase…<span className="sr-only"> {label}</span>
                    </button>
                  )}
                </div>
                {feedback?.userId === user.id && feedback.tone === 'error' ? (
                  <p role="alert" className="mt-1 max-w-[40ch] text-[0.9rem] font-medium text-danger">
                    {feedback.text}
                  </p>
                ) : null}
              </td>
            </tr>
          );
        })}
      </Table>
      <EraseUserDialog
        target={erasing}
        pending={erase.isPending}
        error={eraseError}
        onErase={(confirmEmail) => erasing && erase.mutate({ userId: erasing.id, confirmEmail })}
        onClose={() => {
          // Back to the row's button; after an erasure the row has none, and focus stays put.
          if (erasing) eraseButtons.current.get(erasing.id)?.focus();
          setErasing(null);
        }}
      />
    </div>
  );
}
