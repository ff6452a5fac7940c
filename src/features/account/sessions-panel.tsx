'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { formatMoment } from '@/lib/format-time';
import { pluralize } from '@/lib/format';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { Table } from '@/components/ui/table';

type AccountSession = RouterOutputs['account']['sessions'][number];

export function SessionsPanel({ initialSessions }: { initialSessions: AccountSession[] }) {
  const trpc = useTRPC();
  const [ended, setEnded] = useState(false);
  const sessions = useQuery({ ...trpc.account.sessions.queryOptions(), initialData: initialSessions, enabled: !ended });
  const signOutEverywhere = useMutation(
    trpc.account.signOutEverywhere.mutationOptions({
      onSuccess: () => {
        setEnded(true);
        // This device's session ended too. A full load (not a client-side navigation, which
        // would keep the signed-in header and cached data) shows the signed-out site.
        window.location.replace(`${window.location.origin}/signin`);
      },
    }),
  );
  const list = sessions.data ?? [];

  return (
    <div>
      {list.length === 0 ? (
        <p className="text-muted">No active sessions.</p>
      ) : (
        <Table caption="Where you are signed in" minWidth="32rem" density="roomy" columns={['Signed in', 'Ends unless used', { label: <span className="sr-only">Device</span> }]}>
          {list.map((session) => (
            <tr key={session.id}>
              <td>{formatMoment(session.createdAt)}</td>
              <td>{formatMoment(session.expires)}</td>
              <td>{session.current ? <Badge tone="accent">This device</Badge> : null}</td>
            </tr>
          ))}
        </Table>
      )}

      <div className="mt-4 flex flex-wrap items-center gap-3">
        <SignOutButton size="md" />
        <ConfirmButton
          size="md"
          question={`End all ${pluralize(list.length, 'session')}, this one too?`}
          confirmLabel="Yes, sign out everywhere"
          pending={signOutEverywhere.isPending || ended}
          onConfirm={() => signOutEverywhere.mutate()}
        >
          Sign out everywhere
        </ConfirmButton>
      </div>
      <div aria-live="assertive" className="mt-3">
        {signOutEverywhere.error ? (
          <Alert tone="error">{errorMessage(signOutEverywhere.error)}</Alert>
        ) : ended ? (
          <p role="status">Signed out everywhere. Taking you to the sign-in page…</p>
        ) : null}
      </div>
    </div>
  );
}
