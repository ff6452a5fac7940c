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
        <div className="relative overflow-x-auto rounded-xl border border-line bg-surface">
          <table className="w-full min-w-[32rem] text-left text-[0.95rem]">
            <caption className="sr-only">Where you are signed in</caption>
            <thead className="border-b border-line bg-surface-muted text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">
                  Signed in
                </th>
                <th scope="col" className="px-4 py-2 font-semibold">
                  Ends unless used
                </th>
                <th scope="col" className="px-4 py-2 font-semibold">
                  <span className="sr-only">Device</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {list.map((session) => (
                <tr key={session.id}>
                  <td className="px-4 py-2">{formatMoment(session.createdAt)}</td>
                  <td className="px-4 py-2">{formatMoment(session.expires)}</td>
                  <td className="px-4 py-2">{session.current ? <Badge tone="accent">This device</Badge> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
