'use client';

// A cohort's groups for its admins: add one, change when and where it meets, choose who leads
// it, delete it. Moving fellows between groups happens on the members page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState } from 'react';
import { Alert, FeedbackRegion, type Feedback } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-styles';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { EmptyState } from '@/components/ui/empty-state';
import { SafeExternalLink } from '@/components/ui/safe-external-link';
import { toIsoDate } from '@/lib/cohort-calendar';
import { displayName, formatCalendarDate, pluralize } from '@/lib/format';
import { formatMeetingTime } from '@/lib/meeting-time';
import { errorMessage, formFieldErrors } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { EMPTY_GROUP, GroupForm } from './group-form';

type Groups = RouterOutputs['groups']['list'];
type Group = Groups['groups'][number];

export function GroupsManager({ cohort, initial }: { cohort: string; initial: Groups }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const groups = useQuery({ ...trpc.groups.list.queryOptions({ cohort }), initialData: initial });
  const data = groups.data;
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [addKey, setAddKey] = useState(0);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.groups.list.queryKey({ cohort }) });

  const create = useMutation(
    trpc.groups.create.mutationOptions({
      onSuccess: (group) => {
        setFeedback({ tone: 'success', text: `${group.name} added.` });
        setAddKey((key) => key + 1);
        return refresh();
      },
    }),
  );

  return (
    <div className="grid grid-cols-1 gap-10">
      <section aria-labelledby={`${id}-list`}>
        <FeedbackRegion feedback={feedback} />
        <h2 id={`${id}-list`} className="mb-3 text-xl font-semibold">
          {pluralize(data.groups.length, 'group')}
        </h2>
        {data.ungroupedFellows ? (
          <p className="mb-3 text-muted">
            {pluralize(data.ungroupedFellows, 'fellow has', 'fellows have')} no group yet: place them on the{' '}
            <Link href={`/cohorts/${cohort}/members`}>members page</Link>.
          </p>
        ) : null}
        {data.groups.length === 0 ? (
          <EmptyState title="No groups yet">
            Add the cohort’s discussion groups below with their meeting times; then import the roster with a group column.
          </EmptyState>
        ) : (
          <ul className="grid gap-4 lg:grid-cols-2">
            {data.groups.map((group) => (
              <GroupCard key={group.id} cohort={cohort} group={group} data={data} onFeedback={setFeedback} onChanged={refresh} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${id}-add`} className="max-w-4xl rounded-xl border border-line bg-surface p-5 sm:p-6">
        <h2 id={`${id}-add`} className="mb-3 text-xl font-semibold">
          Add a group
        </h2>
        <GroupForm
          key={addKey}
          labelledBy={`${id}-add`}
          initial={EMPTY_GROUP}
          submitLabel="Add group"
          pendingLabel="Adding…"
          pending={create.isPending}
          disabled={data.archived}
          errors={create.error ? formFieldErrors(create.error) : {}}
          onSubmit={(values) => {
            setFeedback(null);
            create.mutate({ cohort, ...values });
          }}
        />
        {create.error && Object.keys(formFieldErrors(create.error)).length === 0 ? (
          <Alert tone="error" role="alert" className="mt-3">
            {errorMessage(create.error)}
          </Alert>
        ) : null}
      </section>
    </div>
  );
}

function GroupCard({
  cohort,
  group,
  data,
  onFeedback,
  onChanged,
}: {
  cohort: string;
  group: Group;
  data: Groups;
  onFeedback: (feedback: Feedback | null) => void;
  onChanged: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const when = formatMeetingTime(group);

  const update = useMutation(
    trpc.groups.update.mutationOptions({
      onSuccess: (updated) => {
        setEditing(false);
        onFeedback({ tone: 'success', text: `${updated.name} saved.` });
        return onChanged();
      },
    }),
  );
  const remove = useMutation(
    trpc.groups.delete.mutationOptions({
      onSuccess: (result) => {
        onFeedback({
          tone: 'success',
          text: `${group.name} deleted.${result.fellowsWithoutGroup ? ` ${pluralize(result.fellowsWithoutGroup, 'fellow')} now without a group.` : ''}`,
        });
        return onChanged();
      },
      onError: (error) => onFeedback({ tone: 'error', text: errorMessage(error) }),
    }),
  );
  const setFacilitators = useMutation(
    trpc.groups.setFacilitators.mutationOptions({
      onSuccess: () => {
        onFeedback({ tone: 'success', text: `${group.name}: facilitators updated.` });
        return onChanged();
      },
      onError: (error) => onFeedback({ tone: 'error', text: errorMessage(error) }),
    }),
  );
  const leading = new Set(group.facilitators.map((facilitator) => facilitator.membershipId));

  return (
    <li className="rounded-xl border border-line bg-surface p-5" aria-labelledby={`${id}-name`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={`${id}-name`} className="text-lg font-semibold">
          {group.name}
        </h3>
        <p className="text-[0.95rem] text-muted">{pluralize(group.fellowCount, 'fellow')}</p>
      </div>
      <dl className="mt-1 grid gap-1 text-[0.95rem]">
        <div className="flex flex-wrap gap-x-1">
          <dt className="text-muted">Meets:</dt>
          <dd>{when ? `${when} (${data.timeZone})` : 'No meeting time yet'}</dd>
        </div>
        {group.firstMeeting ? (
          <div className="flex flex-wrap gap-x-1">
            <dt className="text-muted">{group.nextMeeting && group.nextMeeting.getTime() !== group.firstMeeting.getTime() ? 'Next meeting:' : 'First meeting:'}</dt>
            <dd>
              <time dateTime={toIsoDate(group.nextMeeting ?? group.firstMeeting)}>{formatCalendarDate(group.nextMeeting ?? group.firstMeeting)}</time>
              {' · '}
              {pluralize(group.meetingCount, 'meeting')} in all
            </dd>
          </div>
        ) : null}
        {group.location ? (
          <div className="flex flex-wrap gap-x-1">
            <dt className="text-muted">Where:</dt>
            <dd>{group.location}</dd>
          </div>
        ) : null}
        {group.videoUrl ? (
          <div className="flex flex-wrap gap-x-1">
            <dt className="text-muted">Video call:</dt>
            <dd className="break-all">
              <SafeExternalLink href={group.videoUrl}>{group.videoUrl.replace(/^https?:\/\//, '')}</SafeExternalLink>
            </dd>
          </div>
        ) : null}
      </dl>

      <fieldset className="mt-4" disabled={data.archived || setFacilitators.isPending}>
        <legend className="font-medium">Facilitators</legend>
        {data.facilitators.length === 0 ? (
          <p className="text-[0.95rem] text-muted">
            The cohort has no facilitators yet: import them with the roster or invite them on the{' '}
            <Link href={`/cohorts/${cohort}/members`}>members page</Link>.
          </p>
        ) : (
          <ul className="mt-1 grid gap-x-4 sm:grid-cols-2">
            {data.facilitators.map((facilitator) => (
              <li key={facilitator.membershipId}>
                <label className="inline-flex min-h-10 items-center gap-2">
                  <input
                    type="checkbox"
                    className="size-4"
                    checked={leading.has(facilitator.membershipId)}
                    onChange={(event) => {
                      const next = new Set(leading);
                      if (event.target.checked) next.add(facilitator.membershipId);
                      else next.delete(facilitator.membershipId);
                      onFeedback(null);
                      setFacilitators.mutate({ cohort, groupId: group.id, membershipIds: [...next] });
                    }}
                  />
                  {displayName(facilitator)}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      {editing ? (
        <div className="mt-4 border-t border-line pt-4">
          <GroupForm
            initial={group}
            labelledBy={`${id}-name`}
            submitLabel="Save group"
            pendingLabel="Saving…"
            pending={update.isPending}
            errors={update.error ? formFieldErrors(update.error) : {}}
            onSubmit={(values) => update.mutate({ cohort, groupId: group.id, ...values })}
            onCancel={() => {
              update.reset();
              setEditing(false);
            }}
          />
          {update.error && Object.keys(formFieldErrors(update.error)).length === 0 ? (
            <Alert tone="error" role="alert" className="mt-3">
              {errorMessage(update.error)}
            </Alert>
          ) : null}
        </div>
      ) : data.archived ? null : (
        <div className="mt-4 flex flex-wrap gap-2">
          <button type="button" className={buttonClasses('secondary', 'sm')} onClick={() => setEditing(true)} aria-label={`Edit ${group.name}`}>
            Edit
          </button>
          <ConfirmButton
            question={group.fellowCount ? `Delete ${group.name}? Its ${pluralize(group.fellowCount, 'fellow')} stay in the cohort without a group.` : `Delete ${group.name}?`}
            confirmLabel="Delete group"
            onConfirm={() => remove.mutate({ cohort, groupId: group.id })}
            pending={remove.isPending}
          >
            Delete
          </ConfirmButton>
        </div>
      )}
    </li>
  );
}
