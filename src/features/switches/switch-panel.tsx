'use client';

// A fellow's choices after the start: ask to join another group for one meeting or for good
// (groups that meet when they are free and have room come first), see and withdraw their
// requests, and leave or defer to a later cohort (each asked once).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formatMoment } from '@/lib/format-time';
import { formatMeetingTime } from '@/lib/meeting-time';
import { errorMessage } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

const STATUS_WORDS: Record<string, string> = { PENDING: 'Waiting for a decision', APPROVED: 'Approved', DECLINED: 'Declined', CANCELLED: 'Withdrawn' };

export function SwitchPanel({ cohort, timeZone }: { cohort: string; timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const options = useQuery(trpc.switches.options.queryOptions({ cohort }));
  const targets = useQuery(trpc.switches.deferralTargets.queryOptions({ cohort }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.switches.options.queryKey() });
  const request = useMutation(trpc.switches.request.mutationOptions({ onSuccess: refresh }));
  const cancel = useMutation(trpc.switches.cancel.mutationOptions({ onSuccess: refresh }));
  const leave = useMutation(trpc.switches.leave.mutationOptions({ onSuccess: () => router.push(`/cohorts/${cohort}`) }));
  const defer = useMutation(trpc.switches.defer.mutationOptions({ onSuccess: () => router.push(`/cohorts/${cohort}`) }));
  const [reason, setReason] = useState('');
  const [meetingOf, setMeetingOf] = useState<Record<string, string>>({});
  const [deferTo, setDeferTo] = useState('');

  if (options.error) {
    return (
      <Alert tone="error" role="alert">
        {errorMessage(options.error)}
      </Alert>
    );
  }
  if (!options.data) return <p role="status">Loading your options…</p>;
  const data = options.data;

  return (
    <div className="grid gap-10">
      <section aria-labelledby={`${id}-switch`} className="grid gap-4">
        <h2 id={`${id}-switch`} className="text-xl font-semibold">
          Switch group
        </h2>
        <p className="max-w-[65ch] text-muted">
          {data.autoApprove
            ? 'Where a group has room, your switch is approved at once.'
            : 'The group’s facilitator approves or declines; you get an email either way.'}{' '}
          Groups that meet when you marked yourself free come first.
        </p>
        <div>
          <label htmlFor={`${id}-reason`} className="block font-medium">
            Why <span className="font-normal text-muted">(optional, for the facilitator)</span>
          </label>
          <input id={`${id}-reason`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} className={`mt-1 max-w-xl ${inputClasses}`} />
        </div>
        {data.groups.length === 0 ? (
          <p className="text-muted">There is no other group in this cohort.</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {data.groups.map((group) => {
              const when = formatMeetingTime(group);
              const chosen = meetingOf[group.groupId] ?? group.upcoming[0]?.meetingId ?? '';
              return (
                <li key={group.groupId} className="grid gap-3 rounded-xl border border-line bg-surface p-4" aria-label={group.name}>
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="font-semibold">{group.name}</h3>
                    <span className="text-[0.95rem]">{when ?? 'No regular time'}</span>
                  </div>
                  <p className="flex flex-wrap gap-2 text-[0.9rem]">
                    {group.fits === true ? <Badge tone="accent">✓ You are free then</Badge> : group.fits === false ? <Badge>Not in your free times</Badge> : <Badge>Free times not marked</Badge>}
                    <Badge tone={group.room ? 'neutral' : 'warning'}>
                      {group.room ? `${group.fellows}${group.capacity ? ` of ${group.capacity}` : ''} fellows` : 'Full'}
                    </Badge>
                  </p>
                  <div className="flex flex-wrap items-end gap-2">
                    {group.upcoming.length ? (
                      <>
                        <label className="grid gap-1 text-[0.95rem]">
                          <span>One meeting</span>
                          <select value={chosen} onChange={(e) => setMeetingOf({ ...meetingOf, [group.groupId]: e.target.value })} className={`${inputClasses} w-auto`}>
                            {group.upcoming.map((meeting) => (
                              <option key={meeting.meetingId} value={meeting.meetingId}>
                                {formatMoment(meeting.startsAt, timeZone)}
                              </option>
                            ))}
                          </select>
                        </label>
                        <button type="button" className={buttonClasses('secondary', 'sm')} disabled={request.isPending} onClick={() => request.mutate({ cohort, toGroupId: group.groupId, scope: 'ONE_WEEK', meetingId: chosen, reason })}>
                          Ask to join this meeting
                        </button>
                      </>
                    ) : null}
                    <button type="button" className={buttonClasses('secondary', 'sm')} disabled={request.isPending || !group.room} onClick={() => request.mutate({ cohort, toGroupId: group.groupId, scope: 'PERMANENT', reason })}>
                      Ask to move for good
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <div aria-live="polite">
          {request.error ? (
            <Alert tone="error" role="alert">
              {errorMessage(request.error)}
            </Alert>
          ) : request.data ? (
            <Alert tone="success" role="status">
              {request.data.status === 'APPROVED' ? 'Approved: you are in.' : 'Asked: the facilitator will decide, and you get an email.'}
            </Alert>
          ) : null}
        </div>
        {data.requests.length ? (
          <div>
            <h3 className="font-semibold">Your requests</h3>
            <ul className="mt-2 grid gap-2">
              {data.requests.map((entry) => (
                <li key={entry.id} className="flex flex-wrap items-center gap-3">
                  <span>
                    {entry.toGroupName}, {entry.scope === 'ONE_WEEK' && entry.meetingStartsAt ? `the meeting of ${formatMoment(entry.meetingStartsAt, timeZone)}` : 'for good'}:{' '}
                    <strong>{STATUS_WORDS[entry.status] ?? entry.status}</strong>
                  </span>
                  {entry.status === 'PENDING' ? (
                    <button type="button" className={buttonClasses('quiet', 'sm')} disabled={cancel.isPending} onClick={() => cancel.mutate({ cohort, requestId: entry.id })}>
                      Withdraw
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section aria-labelledby={`${id}-leave`} className="grid gap-4">
        <h2 id={`${id}-leave`} className="text-xl font-semibold">
          Defer or leave
        </h2>
        <p className="max-w-[65ch] text-muted">Deferring moves your place to a later cohort: your application goes with you, and its organisers decide. Leaving keeps what you did here, and you get no more emails from this cohort.</p>
        {targets.data?.length ? (
          <div className="flex flex-wrap items-end gap-3">
            <label className="grid gap-1">
              <span className="font-medium">Defer to</span>
              <select value={deferTo} onChange={(e) => setDeferTo(e.target.value)} className={`${inputClasses} w-auto`}>
                <option value="">Choose a later cohort</option>
                {targets.data.map((target) => (
                  <option key={target.slug} value={target.slug}>
                    {target.name}
                  </option>
                ))}
              </select>
            </label>
            <ConfirmButton variant="secondary" confirmLabel="Yes, defer" question="Defer to that cohort? You leave this one now." pending={defer.isPending} disabled={!deferTo} onConfirm={() => defer.mutate({ cohort, toCohort: deferTo })}>
              Defer
            </ConfirmButton>
          </div>
        ) : (
          <p className="text-muted">No later cohort is open to defer to yet.</p>
        )}
        <div>
          <ConfirmButton variant="danger" confirmLabel="Yes, leave the cohort" question="Leave this cohort? Your facilitator no longer counts you, and you get no more emails from it." pending={leave.isPending} onConfirm={() => leave.mutate({ cohort })}>
            Leave the cohort
          </ConfirmButton>
        </div>
        {leave.error || defer.error ? (
          <Alert tone="error" role="alert">
            {errorMessage(leave.error ?? defer.error)}
          </Alert>
        ) : null}
      </section>
    </div>
  );
}
