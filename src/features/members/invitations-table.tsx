'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-styles';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDay } from '@/lib/format-time';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { Table } from '@/components/ui/table';

type Invitation = RouterOutputs['members']['invitations'][number];

const EMAIL_BADGES = {
  'not-emailed': { label: 'Not emailed', tone: 'neutral' },
  queued: { label: 'Email queued', tone: 'accent' },
  sent: { label: 'Emailed', tone: 'accent' },
  bouncing: { label: 'Bouncing', tone: 'danger' },
  failed: { label: 'Email failed', tone: 'danger' },
  skipped: { label: 'Not emailed', tone: 'neutral' },
} as const;

const STATUS_BADGES = {
  open: { label: 'Open', tone: 'accent' },
  accepted: { label: 'Accepted', tone: 'neutral' },
  expired: { label: 'Expired', tone: 'warning' },
  revoked: { label: 'Revoked', tone: 'neutral' },
} as const;

function statusDetail(invitation: Invitation): string {
  switch (invitation.status) {
    case 'open': {
      const delivery = invitation.emailDelivery;
      const when = delivery.state === 'sent' && delivery.at ? `${formatDay(delivery.at)}, ` : '';
      return `${when}open until ${formatDay(invitation.expiresAt)}`;
    }
    case 'accepted':
      return invitation.acceptedAt ? formatDay(invitation.acceptedAt) : '';
    case 'expired':
      return formatDay(invitation.expiresAt);
    case 'revoked':
      return invitation.revokedAt ? formatDay(invitation.revokedAt) : '';
  }
}

export function InvitationsTable({ cohort, initialInvitations }: { cohort: string; initialInvitations: Invitation[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.members.invitations.queryKey({ cohort });
  const invitations = useQuery({ ...trpc.members.invitations.queryOptions({ cohort }), initialData: initialInvitations });
  const [error, setError] = useState<string | null>(null);

  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({
      onMutate: async (input) => {
        setError(null);
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData<Invitation[]>(listKey);
        queryClient.setQueryData<Invitation[]>(listKey, (rows) =>
          rows?.map((row) => (row.id === input.invitationId ? { ...row, status: 'revoked', revokedAt: new Date() } : row)),
        );
        return { previous };
      },
      onError: (mutationError, _input, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        setError(errorMessage(mutationError));
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  const [notice, setNotice] = useState<string | null>(null);
  const resend = useMutation(
    trpc.members.resendInvitation.mutationOptions({
      onMutate: () => {
        setError(null);
        setNotice(null);
      },
      onSuccess: (_result, input) => {
        const invitation = (invitations.data ?? []).find((row) => row.id === input.invitationId);
        setNotice(`The invitation to ${invitation?.email ?? 'them'} is queued to be emailed again.`);
      },
      onError: (mutationError) => setError(errorMessage(mutationError)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  const rows = invitations.data ?? [];
  if (rows.length === 0) {
    return <EmptyState title="No invitations yet">Invite people with the form above; their invitations are listed here.</EmptyState>;
  }
  return (
    <div>
      <div aria-live="assertive">
        {error ? (
          <Alert tone="error" role="alert" className="mb-4">
            {error}
          </Alert>
        ) : null}
        {notice ? (
          <Alert tone="success" role="status" className="mb-4">
            {notice}
          </Alert>
        ) : null}
      </div>
      <Table caption="Invitations to this cohort, newest first" minWidth="40rem" density="roomy" stickyFirstColumn columns={['Email', 'Role and group', 'Status', { label: <span className="sr-only">Actions</span> }]}>
        {rows.map((invitation) => {
          const badge = invitation.status === 'open' ? EMAIL_BADGES[invitation.emailDelivery.state] : STATUS_BADGES[invitation.status];
          return (
            <tr key={invitation.id}>
              <th scope="row" className="text-left font-normal break-all">
                {invitation.email}
                <span className="block text-[0.85rem] text-muted">Sent {formatDay(invitation.createdAt)}</span>
              </th>
              <td>
                {invitation.role === 'FACILITATOR' ? 'Facilitator' : 'Fellow'}
                <span className="text-muted"> · {invitation.group?.name ?? 'no group'}</span>
              </td>
              <td>
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone={badge.tone}>{badge.label}</Badge>
                  <span className="text-[0.9rem] text-muted">{statusDetail(invitation)}</span>
                </span>
              </td>
              <td>
                {invitation.status === 'open' ? (
                  <span className="flex justify-end gap-2 whitespace-nowrap">
                  <button
                    type="button"
                    className={buttonClasses('secondary', 'sm')}
                    disabled={resend.isPending && resend.variables?.invitationId === invitation.id}
                    onClick={() => resend.mutate({ cohort, invitationId: invitation.id })}
                  >
                    {invitation.emailDelivery.state === 'not-emailed' ? 'Send email' : 'Resend'}
                    <span className="sr-only"> the invitation to {invitation.email}</span>
                  </button>
                  <ConfirmButton
                    question="Revoke this invitation?"
                    confirmLabel="Revoke"
                    pending={revoke.isPending && revoke.variables?.invitationId === invitation.id}
                    onConfirm={() => revoke.mutate({ cohort, invitationId: invitation.id })}
                  >
                    Revoke<span className="sr-only"> the invitation for {invitation.email}</span>
                  </ConfirmButton>
                  </span>
                ) : null}
              </td>
            </tr>
          );
        })}
      </Table>
    </div>
  );
}
