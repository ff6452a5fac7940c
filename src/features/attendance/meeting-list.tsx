'use client';

// A group's meetings over the cohort's weeks: move one, cancel or restore it, add an extra one.
// The list itself comes from the server page; after a change the page is rendered again.
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert, FeedbackRegion, type Feedback } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-styles';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { EmptyState } from '@/components/ui/empty-state';
import { errorMessage, fieldErrors } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';
import { MeetingForm, type MeetingFormSubmit } from './meeting-form';

export type MeetingListItem = {
  id: string;
  weekLabel: string | null;
  regular: boolean;
  /** "Tue 5 Jan 2027, 18:00–19:30", in the cohort's zone. */
  when: string;
  local: { date: string; time: string };
  minutes: number;
  location: string | null;
  videoUrl: string | null;
  moved: boolean;
  cancelled: boolean;
  markedCount: number;
  /** The facilitator this one meeting was handed over to (membership id), or null. */
  handedToId: string | null;
};


export function MeetingList({
  cohort,
  groupId,
  groupName,
  hasSchedule,
  meetings,
  currentMeetingId,
  fellowCount,
  zoneLabel,
  units,
  archived,
  facilitators,
}: {
  cohort: string;
  groupId: string;
  groupName: string;
  hasSchedule: boolean;
  meetings: MeetingListItem[];
  currentMeetingId: string | null;
  fellowCount: number;
  zoneLabel: string;
  units: { position: number; label: string }[];
  archived: boolean;
  facilitators: { membershipId: string; name: string }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  const onError = (error: unknown) => setFeedback({ tone: 'error', text: errorMessage(error) });
  const done = (text: string) => {
    setFeedback({ tone: 'success', text });
    router.refresh();
  };
  const move = useMutation(trpc.attendance.moveMeeting.mutationOptions({ onError }));
  const cancel = useMutation(trpc.attendance.cancelMeeting.mutationOptions({ onError }));
  const restore = useMutation(trpc.attendance.restoreMeeting.mutationOptions({ onError }));
  const add = useMutation(trpc.attendance.addMeeting.mutationOptions({ onError }));
  const handOver = useMutation(trpc.switches.handOver.mutationOptions({ onError }));
  const nameOf = (membershipId: string | null) => facilitators.find((f) => f.membershipId === membershipId)?.name ?? null;

  const submitMove = (meeting: MeetingListItem) => (values: MeetingFormSubmit) => {
    const { weekPosition: _unused, ...fields } = values;
    move.mutate(
      { cohort, meetingId: meeting.id, ...fields },
      {
        onSuccess: () => {
          setEditing(null);
          done(`${meeting.weekLabel ?? 'The meeting'} moved to ${values.date} at ${values.time}. The schedule no longer moves it.`);
        },
      },
    );
  };
  const submitAdd = (values: MeetingFormSubmit) => {
    add.mutate(
      { cohort, groupId, ...values },
      {
        onSuccess: () => {
          setAdding(false);
          done(`Extra meeting added on ${values.date} at ${values.time}.`);
        },
      },
    );
  };

  return (
    <div>
      <FeedbackRegion feedback={feedback} />
      {!hasSchedule ? (
        <Alert tone="warning" className="mb-4">
          {groupName} has no meeting day and time yet, so no regular meetings are made for it. An admin sets them on the groups page;
          you can add a meeting by hand below meanwhile.
        </Alert>
      ) : null}

      {meetings.length === 0 ? (
        <EmptyState title="No meetings yet">
          {hasSchedule ? 'The cohort’s syllabus has no weeks yet.' : 'Meetings appear once the group has a meeting day and time.'}
        </EmptyState>
      ) : (
        <ol className="divide-y divide-line rounded-xl border border-line bg-surface">
          {meetings.map((meeting) => {
            const current = meeting.id === currentMeetingId;
            return (
              <li key={meeting.id} className={`px-4 py-3 ${current ? 'bg-accent-soft' : ''}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold">{meeting.weekLabel ?? 'Extra meeting'}</span>
                  {current ? <Badge tone="accent">Showing</Badge> : null}
                  {meeting.cancelled ? <Badge tone="warning">Cancelled</Badge> : null}
                  {meeting.moved ? <Badge>Moved</Badge> : null}
                  {!meeting.regular && meeting.weekLabel ? <Badge>Extra</Badge> : null}
                </div>
                <p className={meeting.cancelled ? 'text-muted line-through' : ''}>{meeting.when}</p>
                {meeting.location ? <p className="text-[0.9rem] text-muted">{meeting.location}</p> : null}
                <p className="text-[0.9rem] text-muted">
                  {meeting.cancelled ? 'Takes no attendance' : `${meeting.markedCount} of ${fellowCount} marked`}
                </p>

                {editing === meeting.id ? (
                  <div className="mt-3 rounded-lg border border-line p-3">
                    <MeetingForm
                      initial={{ ...meeting.local, minutes: meeting.minutes, location: meeting.location, videoUrl: meeting.videoUrl }}
                      zoneLabel={zoneLabel}
                      submitLabel="Move meeting"
                      pending={move.isPending}
                      errors={move.error ? fieldErrors(move.error) : {}}
                      onSubmit={submitMove(meeting)}
                      onCancel={() => setEditing(null)}
                    />
                  </div>
                ) : (
                  <div className="mt-2 flex flex-wrap gap-2">
                    {current || meeting.cancelled ? null : (
                      <Link
                        href={`?group=${encodeURIComponent(groupId)}&meeting=${encodeURIComponent(meeting.id)}`}
                        className={buttonClasses('secondary', 'sm')}
                        aria-label={`Take attendance: ${meeting.weekLabel ?? 'extra meeting'}, ${meeting.when}`}
                      >
                        Take attendance
                      </Link>
                    )}
                    {archived ? null : (
                      <>
                        <button
                          type="button"
                          className={buttonClasses('secondary', 'sm')}
                          onClick={() => {
                            move.reset();
                            setEditing(meeting.id);
                          }}
                          aria-label={`Move ${meeting.weekLabel ?? 'extra meeting'}, ${meeting.when}`}
                        >
                          Move
                        </button>
                        {meeting.cancelled ? (
                          <button
                            type="button"
                            className={buttonClasses('secondary', 'sm')}
                            disabled={restore.isPending}
                            onClick={() => restore.mutate({ cohort, meetingId: meeting.id }, { onSuccess: () => done(`${meeting.when}: restored.`) })}
                          >
                            Restore
                          </button>
                        ) : (
                          <ConfirmButton
                            question="Cancel this meeting?"
                            confirmLabel="Yes, cancel it"
                            pending={cancel.isPending && cancel.variables?.meetingId === meeting.id}
                            onConfirm={() =>
                              cancel.mutate(
                                { cohort, meetingId: meeting.id },
                                { onSuccess: () => done(`${meeting.when}: cancelled. Restore it if it happens after all.`) },
                              )
                            }
                          >
                            Cancel meeting
                          </ConfirmButton>
                        )}
                        {facilitators.length > 1 && !meeting.cancelled ? (
                          <select
                            aria-label={`Who leads ${meeting.weekLabel ?? 'this meeting'}, ${meeting.when}`}
                            value={meeting.handedToId ?? ''}
                            disabled={handOver.isPending}
                            onChange={(event) => {
                              const to = event.target.value || null;
                              handOver.mutate(
                                { cohort, meetingId: meeting.id, toMembershipId: to },
                                { onSuccess: () => done(to ? `${meeting.when}: handed over to ${nameOf(to)}, who can take its attendance.` : `${meeting.when}: led by the group’s facilitators again.`) },
                              );
                            }}
                            className="min-h-9 rounded-lg border border-line bg-surface px-2 text-[0.9rem]"
                          >
                            <option value="">Led by the group’s facilitators</option>
                            {facilitators.map((f) => (
                              <option key={f.membershipId} value={f.membershipId}>
                                Handed over to {f.name}
                              </option>
                            ))}
                          </select>
                        ) : null}
                      </>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}

      {archived ? null : adding ? (
        <div className="mt-4 rounded-xl border border-line bg-surface p-4">
          <h3 className="mb-3 font-semibold">Add an extra meeting</h3>
          <MeetingForm
            initial={{ date: meetings.at(-1)?.local.date ?? '', time: meetings.at(-1)?.local.time ?? '18:00', minutes: 90, location: null, videoUrl: null, weekPosition: null }}
            zoneLabel={zoneLabel}
            units={units}
            submitLabel="Add meeting"
            pending={add.isPending}
            errors={add.error ? fieldErrors(add.error) : {}}
            onSubmit={submitAdd}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : (
        <button
          type="button"
          className={`${buttonClasses('secondary')} mt-4`}
          onClick={() => {
            add.reset();
            setAdding(true);
          }}
        >
          Add an extra meeting
        </button>
      )}
    </div>
  );
}
