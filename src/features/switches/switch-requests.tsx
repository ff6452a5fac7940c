'use client';

// Requests to join the groups one leads (all groups, for admins): approve or decline each.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-styles';
import { formatMoment } from '@/lib/format-time';
import { errorMessage } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

export function SwitchRequests({ cohort, timeZone }: { cohort: string; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pending = useQuery(trpc.switches.pending.queryOptions({ cohort }));
  const decide = useMutation(trpc.switches.decide.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.switches.pending.queryKey() }) }));
  if (!pending.data) return <p role="status">{pending.error ? errorMessage(pending.error) : 'Loading requests…'}</p>;
  return (
    <div className="grid gap-3">
      {pending.data.length === 0 ? <p className="rounded-xl border border-dashed border-line p-6 text-center text-muted">No request waits for you.</p> : null}
      <ul className="grid gap-3">
        {pending.data.map((request) => (
          <li key={request.id} className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-line bg-surface p-4">
            <div>
              <p>
                <strong>{request.fellowName}</strong>
                {request.fromGroupName ? ` (${request.fromGroupName})` : ''} asks to join <strong>{request.toGroupName}</strong>{' '}
                {request.scope === 'ONE_WEEK' && request.meetingStartsAt ? `for the meeting of ${formatMoment(request.meetingStartsAt, timeZone)}` : 'for good'}.
              </p>
              {request.reason ? <p className="text-muted">“{request.reason}”</p> : null}
            </div>
            <div className="flex gap-2">
              <button type="button" className={buttonClasses('primary', 'sm')} disabled={decide.isPending} onClick={() => decide.mutate({ cohort, requestId: request.id, approve: true })} aria-label={`Approve ${request.fellowName}`}>
                Approve
              </button>
              <button type="button" className={buttonClasses('secondary', 'sm')} disabled={decide.isPending} onClick={() => decide.mutate({ cohort, requestId: request.id, approve: false })} aria-label={`Decline ${request.fellowName}`}>
                Decline
              </button>
            </div>
          </li>
        ))}
      </ul>
      {decide.error ? (
        <Alert tone="error" role="alert">
          {errorMessage(decide.error)}
        </Alert>
      ) : decide.data ? (
        <Alert tone="success" role="status">
          {decide.data.status === 'APPROVED' ? 'Approved' : 'Declined'}; the fellow is told by email.
        </Alert>
      ) : null}
    </div>
  );
}
