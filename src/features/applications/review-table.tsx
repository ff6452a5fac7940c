'use client';

// The review table: search, filters by status, role and answer; each application opens to its
// answers and everyone's scores, where the reader gives their own 1–5 and a comment. Admins
// select rows and accept, waitlist or reject them at once (emails go through the queue).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { pluralize } from '@/lib/format';
import { APPLICATION_STATUS_LABELS, type ApplicationStatusName, type Decision } from '@/lib/schemas/applications';
import type { ApplicationTable, ReviewRow } from '@/server/services/applications/review';
import { errorMessage } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

const STATUS_FILTERS: { value: string; label: string; statuses: ApplicationStatusName[] }[] = [
  { value: 'to-decide', label: 'To decide (submitted)', statuses: ['SUBMITTED'] },
  { value: 'all', label: 'All confirmed', statuses: [] },
  { value: 'ACCEPTED', label: 'Accepted', statuses: ['ACCEPTED'] },
  { value: 'WAITLISTED', label: 'Waitlisted', statuses: ['WAITLISTED'] },
  { value: 'REJECTED', label: 'Not accepted', statuses: ['REJECTED'] },
  { value: 'WITHDRAWN', label: 'Withdrawn', statuses: ['WITHDRAWN'] },
  { value: 'UNCONFIRMED', label: 'Email not confirmed', statuses: ['UNCONFIRMED'] },
];

const DECISION_VERBS: Record<Decision, string> = { ACCEPTED: 'Accept', WAITLISTED: 'Waitlist', REJECTED: 'Reject' };

type Answer = string | string[] | boolean;

function answerText(value: Answer | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `initial`: the server's first page, for the starting filter (no loading state on arrival). */
export function ReviewTable({ cohort, startFilter, initial }: { cohort: string; startFilter: 'to-decide' | 'all'; initial: ApplicationTable }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [search, setSearch] = useState('');
  const [statusFilter, setStatusFilter] = useState<string>(startFilter);
  const [role, setRole] = useState<'FELLOW' | 'FACILITATOR' | ''>('');
  const [answerQuestion, setAnswerQuestion] = useState('');
  const [answerValue, setAnswerValue] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [notify, setNotify] = useState(true);
  const [pendingDecision, setPendingDecision] = useState<Decision | null>(null);
  const deferredSearch = useDeferredValue(search);

  const statuses = STATUS_FILTERS.find((filter) => filter.value === statusFilter)!.statuses;
  const input = {
    cohort,
    search: deferredSearch,
    statuses,
    role: role || null,
    answer: answerQuestion && answerValue ? { questionId: answerQuestion, value: answerValue } : null,
  };
  const isStart = statusFilter === startFilter && !deferredSearch && !role && !input.answer;
  const table = useQuery({ ...trpc.applications.list.queryOptions(input), placeholderData: keepPreviousData, initialData: isStart ? initial : undefined });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.applications.list.queryKey() });
  const decide = useMutation(
    trpc.applications.decide.mutationOptions({
      onSuccess: () => {
        setSelected(new Set());
        setPendingDecision(null);
        void refresh();
      },
    }),
  );

  const data = table.data;
  const rows = data?.rows ?? [];
  const filterable = (data?.questions ?? []).filter((q) => q.kind === 'SINGLE_CHOICE' || q.kind === 'MULTIPLE_CHOICE' || q.kind === 'YES_NO');
  const chosenQuestion = filterable.find((q) => q.id === answerQuestion);
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const visibleSelected = rows.filter((row) => selected.has(row.id)).map((row) => row.id);

  function toggle(rowId: string, checked: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(rowId);
      else next.delete(rowId);
      return next;
    });
  }

  return (
    <div className="grid gap-5">
      <div className="grid gap-3 rounded-xl border border-line bg-surface p-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor={`${id}-search`} className="block font-medium">
            Search
          </label>
          <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, email or answer" className={`mt-1 ${inputClasses}`} />
        </div>
        <div>
          <label htmlFor={`${id}-status`} className="block font-medium">
            Status
          </label>
          <select id={`${id}-status`} value={statusFilter} onChange={(e) => setStatusFilter(e.target.value)} className={`mt-1 ${inputClasses}`}>
            {STATUS_FILTERS.map((filter) => (
              <option key={filter.value} value={filter.value}>
                {filter.label}
                {data ? ` (${filter.statuses.length ? filter.statuses.reduce((sum, s) => sum + data.counts[s], 0) : Object.entries(data.counts).reduce((sum, [s, n]) => (s === 'UNCONFIRMED' ? sum : sum + n), 0)})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-role`} className="block font-medium">
            Applying as
          </label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as typeof role)} className={`mt-1 ${inputClasses}`}>
            <option value="">Fellows and facilitators</option>
            <option value="FELLOW">Fellows</option>
            <option value="FACILITATOR">Facilitators</option>
          </select>
        </div>
        {filterable.length ? (
          <div className="grid grid-cols-2 gap-2">
            <div>
              <label htmlFor={`${id}-question`} className="block font-medium">
                Answer to
              </label>
              <select
                id={`${id}-question`}
                value={answerQuestion}
                onChange={(e) => {
                  setAnswerQuestion(e.target.value);
                  setAnswerValue('');
                }}
                className={`mt-1 ${inputClasses}`}
              >
                <option value="">Any question</option>
                {filterable.map((question) => (
                  <option key={question.id} value={question.id}>
                    {question.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-answer`} className="block font-medium">
                is
              </label>
              <select id={`${id}-answer`} value={answerValue} disabled={!chosenQuestion} onChange={(e) => setAnswerValue(e.target.value)} className={`mt-1 ${inputClasses}`}>
                <option value="">anything</option>
                {(chosenQuestion?.kind === 'YES_NO' ? ['yes', 'no'] : (chosenQuestion?.options ?? [])).map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
      </div>

      {data?.canManage && visibleSelected.length ? (
        <div role="region" aria-label="Decide the selected applications" className="sticky top-2 z-10 flex flex-wrap items-center gap-3 rounded-xl border border-accent/40 bg-accent-soft p-3">
          <span className="font-semibold">{pluralize(visibleSelected.length, 'application')} selected</span>
          {pendingDecision ? (
            <>
              <span>
                {DECISION_VERBS[pendingDecision]} {pluralize(visibleSelected.length, 'applicant')}?
              </span>
              <button type="button" className={buttonClasses(pendingDecision === 'REJECTED' ? 'danger' : 'primary', 'sm')} disabled={decide.isPending} onClick={() => decide.mutate({ cohort, applicationIds: visibleSelected, decision: pendingDecision, notify })}>
                {decide.isPending ? 'Saving…' : `Yes, ${DECISION_VERBS[pendingDecision].toLowerCase()}`}
              </button>
              <button type="button" className={buttonClasses('quiet', 'sm')} onClick={() => setPendingDecision(null)}>
                Cancel
              </button>
            </>
          ) : (
            (['ACCEPTED', 'WAITLISTED', 'REJECTED'] as const).map((decision) => (
              <button key={decision} type="button" className={buttonClasses(decision === 'ACCEPTED' ? 'primary' : 'secondary', 'sm')} onClick={() => setPendingDecision(decision)}>
                {DECISION_VERBS[decision]}
              </button>
            ))
          )}
          <label className="ml-auto inline-flex items-center gap-2">
            <input type="checkbox" className="size-4" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
            Email each applicant
          </label>
        </div>
      ) : null}
      <div aria-live="polite">
        {decide.error ? (
          <Alert tone="error" role="alert">
            {errorMessage(decide.error)}
          </Alert>
        ) : decide.data ? (
          <Alert tone="success" role="status">
            {pluralize(decide.data.decided, 'application')} decided{decide.data.membersAdded ? `, ${pluralize(decide.data.membersAdded, 'new member')}` : ''}; {decide.data.emailed} emailed.
            {decide.data.unchanged ? ` ${decide.data.unchanged} already had that decision.` : ''}
          </Alert>
        ) : null}
      </div>

      {table.error ? (
        <Alert tone="error" role="alert">
          {errorMessage(table.error)}
        </Alert>
      ) : !data ? (
        <p role="status" className="text-muted">
          Loading applications…
        </p>
      ) : rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line p-6 text-center text-muted">No application matches these filters.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-line">
          <table className="w-full min-w-[40rem] border-collapse text-left">
            <caption className="sr-only">Applications</caption>
            <thead className="bg-surface-muted text-[0.9rem]">
              <tr>
                {data.canManage ? (
                  <th scope="col" className="w-10 p-3">
                    <input type="checkbox" className="size-4" aria-label="Select all shown" checked={allSelected} onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((row) => row.id)) : new Set())} />
                  </th>
                ) : null}
                <th scope="col" className="p-3">
                  Applicant
                </th>
                <th scope="col" className="p-3">
                  Status
                </th>
                <th scope="col" className="p-3">
                  Score
                </th>
                <th scope="col" className="p-3">
                  Your score
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <ApplicationRow key={row.id} cohort={cohort} row={row} questions={data.questions} canManage={data.canManage} selected={selected.has(row.id)} onSelect={(checked) => toggle(row.id, checked)} open={open === row.id} onToggleOpen={() => setOpen(open === row.id ? null : row.id)} onReviewed={refresh} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

type Row = ReviewRow;

function ApplicationRow({
  cohort,
  row,
  questions,
  canManage,
  selected,
  onSelect,
  open,
  onToggleOpen,
  onReviewed,
}: {
  cohort: string;
  row: Row;
  questions: { id: string; label: string }[];
  canManage: boolean;
  selected: boolean;
  onSelect: (checked: boolean) => void;
  open: boolean;
  onToggleOpen: () => void;
  onReviewed: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [comment, setComment] = useState(row.mine?.comment ?? '');
  const review = useMutation(trpc.applications.review.mutationOptions({ onSuccess: onReviewed }));
  const score = review.variables?.score ?? row.mine?.score ?? null;
  const columns = canManage ? 5 : 4;
  return (
    <>
      <tr className="border-t border-line align-top">
        {canManage ? (
          <td className="p-3">
            <input type="checkbox" className="size-4" aria-label={`Select ${row.name}`} checked={selected} onChange={(e) => onSelect(e.target.checked)} />
          </td>
        ) : null}
        <td className="p-3">
          <button type="button" aria-expanded={open} aria-controls={`${id}-details`} onClick={onToggleOpen} className="text-left font-semibold text-accent underline-offset-2 hover:underline">
            {row.name}
          </button>
          <div className="text-[0.9rem] text-muted">
            {row.email} · {row.role === 'FACILITATOR' ? 'facilitator' : 'fellow'}
            {row.deferredFromCohort ? ` · deferred from ${row.deferredFromCohort}` : ''}
          </div>
        </td>
        <td className="p-3">
          <Badge tone={row.status === 'ACCEPTED' ? 'accent' : row.status === 'UNCONFIRMED' ? 'warning' : 'neutral'}>{APPLICATION_STATUS_LABELS[row.status]}</Badge>
        </td>
        <td className="p-3 whitespace-nowrap">{row.meanScore === null ? <span className="text-muted">none yet</span> : `${row.meanScore} (${row.reviews.length})`}</td>
        <td className="p-3">
          <div role="group" aria-label={`Your score for ${row.name}`} className="flex gap-1">
            {[1, 2, 3, 4, 5].map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={score === value}
                disabled={row.status === 'UNCONFIRMED' || review.isPending}
                onClick={() => review.mutate({ cohort, applicationId: row.id, score: value, comment })}
                className={`size-9 rounded-md border text-[0.95rem] font-semibold ${score === value ? 'border-accent bg-accent text-on-accent' : 'border-line bg-surface hover:bg-surface-muted'}`}
              >
                {value}
              </button>
            ))}
          </div>
          {review.error ? (
            <p role="alert" className="mt-1 text-[0.9rem] text-danger">
              {errorMessage(review.error)}
            </p>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr id={`${id}-details`} className="bg-surface-muted/50">
          <td colSpan={columns} className="p-4">
            <dl className="grid max-w-[75ch] gap-3">
              {questions.map((question) => (
                <div key={question.id}>
                  <dt className="font-medium">{question.label}</dt>
                  <dd className="mt-0.5 whitespace-pre-line">{answerText(row.answers[question.id])}</dd>
                </div>
              ))}
            </dl>
            <h3 className="mt-5 font-semibold">Reviews</h3>
            {row.reviews.length ? (
              <ul className="mt-1 grid gap-1">
                {row.reviews.map((entry) => (
                  <li key={entry.reviewerId}>
                    <strong>{entry.score}</strong> from {entry.reviewerName}
                    {entry.comment ? `: ${entry.comment}` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-muted">Nobody has scored it yet.</p>
            )}
            <div className="mt-4 max-w-[75ch]">
              <label htmlFor={`${id}-comment`} className="block font-medium">
                Your comment
              </label>
              <textarea id={`${id}-comment`} rows={2} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} className={`mt-1 ${inputClasses}`} />
              <button type="button" className={`mt-2 ${buttonClasses('secondary', 'sm')}`} disabled={!score || review.isPending} onClick={() => score && review.mutate({ cohort, applicationId: row.id, score, comment })}>
                {score ? 'Save comment with your score' : 'Score it first'}
              </button>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
