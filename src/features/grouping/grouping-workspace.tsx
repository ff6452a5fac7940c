'use client';

// Forming groups: the settings, a proposal from the optimiser (solved by the job worker; the
// page follows it), then the proposal to adjust — drag a fellow onto another group, or choose
// "Move to" from the keyboard — with each group's common times recomputed as it changes, and
// publishing. Times show in the viewer's own zone.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type DragEvent, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { pluralize } from '@/lib/format';
import { MEETING_LENGTHS } from '@/lib/schemas/grouping';
import { browserTimeZone } from '@/lib/time-zones';
import { commonStarts, formatSlot, utcToLocalSlots } from '@/lib/week-slots';
import type { ProposalView } from '@/server/services/grouping/group-formation';
import type { UnplacedReason } from '@/server/services/grouping/types';
import { errorMessage, formFieldErrors } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

const REASONS: Record<UnplacedReason, string> = {
  'no-availability': 'marked no time as long as a meeting',
  'no-facilitator': 'no facilitator is free at any of their times',
  'no-overlap': 'too few others are free when a facilitator is',
  'no-room': 'the groups at their times are full',
};

type Question = { id: string; label: string };

export function GroupingWorkspace({ cohort, questions, initial }: { cohort: string; questions: Question[]; initial: ProposalView | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const s = initial?.settings;
  const [minSize, setMinSize] = useState(s?.minSize ?? 4);
  const [maxSize, setMaxSize] = useState(s?.maxSize ?? 8);
  const [meetingMinutes, setMeetingMinutes] = useState(s?.meetingMinutes ?? 90);
  const [groupsPerFacilitator, setGroupsPerFacilitator] = useState(s?.groupsPerFacilitator ?? 1);
  const [together, setTogether] = useState(s?.together ?? '');
  const [apart, setApart] = useState(s?.apart ?? '');
  const [balanceQuestion, setBalanceQuestion] = useState(s?.balance?.questionId ?? '');
  const [balanceMode, setBalanceMode] = useState<'mix' | 'match'>(s?.balance?.mode ?? 'mix');
  const [timeLimitSeconds, setTimeLimitSeconds] = useState(s?.timeLimitSeconds ?? 30);
  const [keepPublished, setKeepPublished] = useState(s?.keepPublished ?? true);
  const [zone] = useState(() => browserTimeZone() ?? 'UTC');

  const latest = useQuery({
    ...trpc.grouping.latest.queryOptions({ cohort }),
    initialData: initial,
    // Follow a running solve.
    refetchInterval: (query) => (query.state.data?.status === 'RUNNING' ? 1000 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.grouping.latest.queryKey() });
  const propose = useMutation(trpc.grouping.propose.mutationOptions({ onSuccess: refresh }));
  const move = useMutation(trpc.grouping.move.mutationOptions({ onSuccess: (view) => queryClient.setQueryData(trpc.grouping.latest.queryKey({ cohort }), view) }));
  const publish = useMutation(trpc.grouping.publish.mutationOptions({ onSuccess: refresh }));
  const errors = propose.error ? formFieldErrors(propose.error) : {};

  function onPropose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    propose.mutate({
      cohort,
      minSize,
      maxSize,
      meetingMinutes,
      groupsPerFacilitator,
      together,
      apart,
      balance: balanceQuestion ? { questionId: balanceQuestion, mode: balanceMode } : null,
      timeLimitSeconds,
      keepPublished,
    });
  }

  const view = latest.data;
  const running = view?.status === 'RUNNING';
  return (
    <div className="grid gap-10">
      <form onSubmit={onPropose} noValidate className="grid gap-4 rounded-xl border border-line bg-surface p-5 sm:p-6">
        <h2 className="text-xl font-semibold">Settings</h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <NumberField id={`${id}-min`} label="Smallest group" value={minSize} onChange={setMinSize} min={2} max={30} />
          <NumberField id={`${id}-max`} label="Largest group" value={maxSize} onChange={setMaxSize} min={2} max={30} errors={errors.maxSize} />
          <div>
            <label htmlFor={`${id}-length`} className="block font-medium">
              Meeting length
            </label>
            <select id={`${id}-length`} value={meetingMinutes} onChange={(e) => setMeetingMinutes(Number(e.target.value))} className={`mt-1 ${inputClasses}`}>
              {MEETING_LENGTHS.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes} minutes
                </option>
              ))}
            </select>
          </div>
          <NumberField id={`${id}-per`} label="Groups per facilitator" value={groupsPerFacilitator} onChange={setGroupsPerFacilitator} min={1} max={5} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextArea id={`${id}-together`} label="Keep together" hint="One pair a line: two fellows’ email addresses." value={together} onChange={setTogether} errors={errors.together} />
          <TextArea id={`${id}-apart`} label="Keep apart" hint="One pair a line." value={apart} onChange={setApart} errors={errors.apart} />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <div>
            <label htmlFor={`${id}-balance`} className="block font-medium">
              By an application answer
            </label>
            <select id={`${id}-balance`} value={balanceQuestion} onChange={(e) => setBalanceQuestion(e.target.value)} className={`mt-1 ${inputClasses}`}>
              <option value="">No preference</option>
              {questions.map((question) => (
                <option key={question.id} value={question.id}>
                  {question.label}
                </option>
              ))}
            </select>
          </div>
          <fieldset disabled={!balanceQuestion}>
            <legend className="font-medium">Groups should</legend>
            <div className="mt-1 flex gap-4">
              <label className="inline-flex min-h-11 items-center gap-2">
                <input type="radio" name={`${id}-mode`} className="size-4" checked={balanceMode === 'mix'} onChange={() => setBalanceMode('mix')} />
                mix answers
              </label>
              <label className="inline-flex min-h-11 items-center gap-2">
                <input type="radio" name={`${id}-mode`} className="size-4" checked={balanceMode === 'match'} onChange={() => setBalanceMode('match')} />
                match them
              </label>
            </div>
          </fieldset>
          <NumberField id={`${id}-time`} label="Time limit (seconds)" value={timeLimitSeconds} onChange={setTimeLimitSeconds} min={2} max={50} />
        </div>
        <label className="inline-flex min-h-11 items-center gap-2">
          <input type="checkbox" className="size-4" checked={keepPublished} onChange={(e) => setKeepPublished(e.target.checked)} />
          Keep published groups as they are (late joiners fill their free places)
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClasses('primary')} disabled={propose.isPending || running}>
            {running ? 'Solving…' : 'Propose groups'}
          </button>
          {propose.error && !errors.together && !errors.apart ? (
            <span role="alert" className="text-danger">
              {errorMessage(propose.error)}
            </span>
          ) : null}
        </div>
      </form>

      <section aria-labelledby={`${id}-proposal`} aria-busy={running}>
        <h2 id={`${id}-proposal`} className="text-xl font-semibold">
          Proposal
        </h2>
        {!view ? (
          <p className="mt-2 text-muted">No proposal yet: choose the settings and press “Propose groups”.</p>
        ) : running ? (
          <p role="status" className="mt-2">
            Solving… the optimiser stops within {view.settings.timeLimitSeconds} seconds with its best answer.
          </p>
        ) : view.status === 'FAILED' ? (
          <Alert tone="error" role="alert">
            The proposal failed: {view.error}
          </Alert>
        ) : view.proposal ? (
          <ProposalBoard cohort={cohort} view={view} zone={zone} onMove={(groups) => move.mutate({ cohort, proposalId: view.id, groups })} moving={move.isPending} />
        ) : null}
        {move.error ? (
          <Alert tone="error" role="alert">
            {errorMessage(move.error)}
          </Alert>
        ) : null}
        {view?.status === 'READY' && view.proposal ? (
          <div className="mt-6 flex flex-wrap items-center gap-3">
            <ConfirmButton
              variant="primary"
              confirmLabel="Yes, publish"
              question={`Publish ${pluralize(view.proposal.groups.length, 'group')}? Groups, meetings and an email to everyone placed are made at once.`}
              pending={publish.isPending}
              onConfirm={() => publish.mutate({ cohort, proposalId: view.id })}
            >
              Publish these groups
            </ConfirmButton>
          </div>
        ) : null}
        <div aria-live="polite" className="mt-3">
          {publish.error ? (
            <Alert tone="error" role="alert">
              {errorMessage(publish.error)}
            </Alert>
          ) : publish.data ? (
            <Alert tone="success" role="status">
              Published: {pluralize(publish.data.groupsCreated, 'new group')}, {pluralize(publish.data.fellowsPlaced, 'fellow')} placed, {publish.data.emailed} emailed.
            </Alert>
          ) : view?.status === 'PUBLISHED' ? (
            <p className="text-muted">This proposal is published.</p>
          ) : null}
        </div>
      </section>
    </div>
  );
}

function ProposalBoard({ cohort, view, zone, onMove, moving }: { cohort: string; view: ProposalView; zone: string; onMove: (groups: { memberIds: string[] }[]) => void; moving: boolean }) {
  const proposal = view.proposal!;
  const people = proposal.people;
  const editable = view.status === 'READY';
  const [dragged, setDragged] = useState<string | null>(null);
  const localTime = (slot: number) => formatSlot(utcToLocalSlots([slot], zone, new Date(view.referenceMonday))[0]!);
  const lengthMinutes = proposal.meetingSlots * 30;
  const groupName = (index: number) => (proposal.groups[index]!.publishedId ? `Published group ${index + 1}` : `New group ${index + 1}`);

  function moveTo(personId: string, target: number | null) {
    const groups = proposal.groups.map((group, index) => ({
      memberIds: [...group.memberIds.filter((member) => member !== personId), ...(index === target ? [personId] : [])],
    }));
    onMove(groups);
  }

  function onDrop(event: DragEvent<HTMLElement>, target: number | null) {
    event.preventDefault();
    const personId = event.dataTransfer.getData('text/plain') || dragged;
    setDragged(null);
    if (personId) moveTo(personId, target);
  }

  const memberItem = (personId: string, current: number | null, note?: string) => {
    const person = people[personId];
    return (
      <li
        key={personId}
        draggable={editable}
        onDragStart={(event) => {
          event.dataTransfer.setData('text/plain', personId);
          setDragged(personId);
        }}
        className={`flex flex-wrap items-center justify-between gap-2 rounded-lg border border-line bg-surface px-3 py-1.5 ${editable ? 'cursor-grab' : ''}`}
      >
        <span>
          {person?.name ?? personId}
          {person?.timeZone ? <span className="text-[0.85rem] text-muted"> · {person.timeZone}</span> : null}
          {note ? <span className="block text-[0.85rem] text-muted">{note}</span> : null}
        </span>
        {editable ? (
          <select
            aria-label={`Move ${person?.name ?? personId} to`}
            value={current === null ? '' : String(current)}
            disabled={moving}
            onChange={(event) => moveTo(personId, event.target.value === '' ? null : Number(event.target.value))}
            className="rounded-md border border-line bg-surface px-1 py-0.5 text-[0.9rem]"
          >
            <option value="">Not placed</option>
            {proposal.groups.map((group, index) => (
              <option key={index} value={index}>
                {groupName(index)} ({localTime(group.startSlot)})
              </option>
            ))}
          </select>
        ) : null}
      </li>
    );
  };

  const { stats } = proposal;
  return (
    <div className="mt-3 grid gap-6">
      <p>
        <strong>
          {stats.placed} of {stats.fellows} fellows placed
        </strong>{' '}
        in {pluralize(proposal.groups.length, 'group')} ({stats.placeable} could be: they share a time with a facilitator). The solver’s bound is {stats.bound}
        {stats.gap === 0 ? ', so no arrangement places more' : `: at most ${stats.gap} more could be placed`}. {stats.status === 'optimal' ? 'Proved best' : 'Stopped at the time limit'} in {stats.seconds} s.
        {stats.together.total || stats.apart.total ? ` Wishes kept: ${stats.together.met}/${stats.together.total} together, ${stats.apart.met}/${stats.apart.total} apart.` : ''} Times are in {zone}.
      </p>
      <ol className="grid gap-4 md:grid-cols-2">
        {proposal.groups.map((group, index) => {
          const common = commonStarts(people, [...group.memberIds, ...group.facilitatorIds]);
          const fits = common.includes(group.startSlot);
          const tooMany = group.memberIds.length > proposal.maxSize;
          return (
            <li key={index} onDragOver={(event) => editable && event.preventDefault()} onDrop={(event) => onDrop(event, index)} className="rounded-xl border border-line bg-surface-muted/40 p-4" aria-label={groupName(index)}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="font-semibold">{groupName(index)}</h3>
                <span className="text-[0.95rem]">
                  {localTime(group.startSlot)} · {lengthMinutes} min
                </span>
              </div>
              <p className="text-[0.9rem] text-muted">Led by {group.facilitatorIds.map((fid) => people[fid]?.name ?? fid).join(', ') || 'nobody yet'}</p>
              <p className="mt-1 flex flex-wrap gap-2 text-[0.9rem]">
                <Badge tone={tooMany ? 'danger' : 'neutral'}>{pluralize(group.memberIds.length, 'fellow')}</Badge>
                {fits ? (
                  <span>
                    Everyone is free then; common times: {common.slice(0, 4).map(localTime).join(', ')}
                    {common.length > 4 ? ` and ${common.length - 4} more` : ''}
                  </span>
                ) : (
                  <span className="font-semibold text-danger">⚠ Not everyone is free at this time.</span>
                )}
              </p>
              <ul className="mt-3 grid gap-1.5">{group.memberIds.map((memberId) => memberItem(memberId, index))}</ul>
            </li>
          );
        })}
      </ol>
      <section aria-labelledby={`${cohort}-unplaced`} onDragOver={(event) => editable && event.preventDefault()} onDrop={(event) => onDrop(event, null)} className="rounded-xl border border-dashed border-line p-4">
        <h3 id={`${cohort}-unplaced`} className="font-semibold">
          Not placed ({proposal.unplaced.length})
        </h3>
        {proposal.unplaced.length ? (
          <ul className="mt-2 grid gap-1.5">
            {proposal.unplaced.map((entry) => memberItem(entry.id, null, `Why: ${REASONS[entry.reason]}.`))}
          </ul>
        ) : (
          <p className="mt-1 text-muted">Everyone is in a group.</p>
        )}
      </section>
    </div>
  );
}

function NumberField({ id, label, value, onChange, min, max, errors }: { id: string; label: string; value: number; onChange: (value: number) => void; min: number; max: number; errors?: string[] }) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input id={id} type="number" inputMode="numeric" min={min} max={max} value={value} onChange={(e) => onChange(Number(e.target.value))} aria-invalid={errors ? true : undefined} className={`mt-1 ${inputClasses}`} />
      {errors ? (
        <p role="alert" className="mt-1 text-[0.9rem] text-danger">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

function TextArea({ id, label, hint, value, onChange, errors }: { id: string; label: string; hint: string; value: string; onChange: (value: string) => void; errors?: string[] }) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea id={id} rows={3} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`} aria-invalid={errors ? true : undefined} className={`mt-1 ${inputClasses}`} />
      <p id={`${id}-hint`} className="mt-1 text-[0.9rem] text-muted">
        {hint}
      </p>
      {errors ? (
        <p role="alert" className="mt-1 text-[0.9rem] text-danger">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}
