'use client';

// The attendance sheet of one meeting: one row per fellow, a mark in one tap, a note each.
// Marks show at once (optimistic) and roll back quietly with a message when the server says
// no. The sheet refetches every few seconds and on focus, so a second facilitator's marks
// appear here; a mark still on its way wins over a refetch until the server has answered.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { EmptyState } from '@/components/ui/empty-state';
import { countsAsAttended, formatChangeTime, MARK_LABELS } from '@/lib/meeting-format';
import type { AttendanceStatusValue } from '@/lib/schemas/attendance';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { AttendanceChanges } from './attendance-changes';
import { MarkButtons } from './mark-buttons';

type Sheet = RouterOutputs['attendance']['sheet'];
type Row = Sheet['rows'][number];
type Changes = RouterOutputs['attendance']['changes'];
/** `token`: which mutation set it; only that mutation's end may clear it. */
type Pending = { status: AttendanceStatusValue; note?: string | null; token: object };

export const REFRESH_MS = 5_000;

export function AttendanceSheet({
  cohort,
  meetingId,
  timeZone,
  initialSheet,
  initialChanges,
  readOnlyReason,
}: {
  cohort: string;
  meetingId: string;
  timeZone: string;
  initialSheet: Sheet;
  initialChanges: Changes;
  /** Why marks cannot be changed (archived cohort, cancelled meeting); null when they can. */
  readOnlyReason: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { cohort, meetingId };
  const sheet = useQuery({
    ...trpc.attendance.sheet.queryOptions(input),
    initialData: initialSheet,
    refetchInterval: REFRESH_MS,
    refetchOnWindowFocus: true,
  });
  const [pending, setPending] = useState<Record<string, Pending>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.attendance.sheet.queryKey(input) }),
      queryClient.invalidateQueries({ queryKey: trpc.attendance.changes.queryKey(input) }),
    ]);
  const settle = (ids: string[], token: object) =>
    setPending((current) => {
      const next = { ...current };
      for (const id of ids) if (next[id]?.token === token) delete next[id];
      return next;
    });

  const rows = sheet.data.rows;
  const nameOf = (membershipId: string) => rows.find((row) => row.membershipId === membershipId)?.name ?? 'This fellow';
  const shown = (row: Row) => {
    const waiting = pending[row.membershipId];
    return {
      status: waiting ? waiting.status : row.status,
      note: waiting && waiting.note !== undefined ? waiting.note : row.note,
    };
  };
  const unmarked = rows.filter((row) => shown(row).status === null);

  // Callbacks on the mutation itself, not on each mutate() call: those fire for the latest call
  // only, and several fellows' marks are often on their way at once.
  const mark = useMutation(
    trpc.attendance.mark.mutationOptions({
      onMutate: (input) => {
        const token = {};
        setProblem(null);
        setPending((current) => ({ ...current, [input.membershipId]: { status: input.status, note: input.note, token } }));
        return { token };
      },
      onError: (error, input) =>
        setProblem(`${nameOf(input.membershipId)}’s mark was not saved, so it is back to what it was. ${errorMessage(error)}`),
      onSettled: async (_data, _error, input, context) => {
        await refresh();
        if (context) settle([input.membershipId], context.token);
      },
    }),
  );
  const markAll = useMutation(
    trpc.attendance.markAllPresent.mutationOptions({
      onMutate: () => {
        const token = {};
        const ids = unmarked.map((row) => row.membershipId);
        setProblem(null);
        setPending((current) => ({ ...current, ...Object.fromEntries(ids.map((id) => [id, { status: 'PRESENT' as const, token }])) }));
        return { token, ids };
      },
      onError: (error) => setProblem(`Nobody was marked present, so the sheet is back to what it was. ${errorMessage(error)}`),
      onSettled: async (_data, _error, _input, context) => {
        await refresh();
        if (context) settle(context.ids, context.token);
      },
    }),
  );

  const save = (row: Row, status: AttendanceStatusValue, note?: string | null) =>
    mark.mutate({ cohort, meetingId, membershipId: row.membershipId, status, ...(note !== undefined ? { note } : {}) });
  const markEveryonePresent = () => markAll.mutate(input);

  if (rows.length === 0) {
    return (
      <EmptyState title="No fellows in this group yet">
        An admin adds fellows to the group on the members page; they appear here when they join.
      </EmptyState>
    );
  }

  const marks = rows.map((row) => shown(row).status);
  const attended = marks.filter(countsAsAttended).length;
  const readOnly = readOnlyReason !== null;

  return (
    <div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-[0.95rem]" aria-live="polite">
          <span className="font-semibold">
            {rows.length - unmarked.length} of {rows.length} marked
          </span>
          <span className="text-muted"> · {attended} attended</span>
        </p>
        {readOnly ? null : (
          <button
            type="button"
            className={buttonClasses('secondary')}
            onClick={markEveryonePresent}
            disabled={unmarked.length === 0}
          >
            {unmarked.length === 0 ? 'Everyone is marked' : `Mark everyone not yet marked present (${unmarked.length})`}
          </button>
        )}
      </div>
      <div aria-live="assertive">
        {problem ? (
          <Alert tone="error" role="alert" className="mt-3">
            {problem}
          </Alert>
        ) : null}
      </div>
      {readOnlyReason ? (
        <Alert tone="info" className="mt-3">
          {readOnlyReason}
        </Alert>
      ) : null}

      <ul className="mt-4 divide-y divide-line rounded-xl border border-line bg-surface">
        {rows.map((row) => {
          const current = shown(row);
          return (
            <li key={row.membershipId} className="px-4 py-4" data-testid={`sheet-row-${row.email}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <h3 className="font-semibold">{row.name}</h3>
                <p className="text-[0.85rem] text-muted">
                  {pending[row.membershipId]
                    ? 'Saving…'
                    : row.updatedAt
                      ? `${MARK_LABELS[row.status!].label} · by ${row.updatedBy ?? 'someone'}, ${formatChangeTime(row.updatedAt, timeZone)}`
                      : 'Not marked yet'}
                </p>
              </div>
              <div className="mt-2">
                <MarkButtons
                  name={`mark-${row.membershipId}`}
                  fellowName={row.name}
                  value={current.status}
                  disabled={readOnly}
                  onChange={(status) => save(row, status)}
                />
              </div>
              <NoteField
                row={row}
                note={current.note}
                disabled={readOnly || current.status === null}
                onSave={(note) => save(row, current.status!, note)}
              />
            </li>
          );
        })}
      </ul>

      <section aria-labelledby="changes-heading" className="mt-10">
        <h2 id="changes-heading" className="text-xl font-semibold">
          Recent changes
        </h2>
        <p className="mt-1 text-[0.95rem] text-muted">Every mark and note at this meeting: who changed it, when, and from what.</p>
        <AttendanceChanges cohort={cohort} meetingId={meetingId} timeZone={timeZone} initialChanges={initialChanges} />
      </section>
    </div>
  );
}

/** The facilitator's note about one fellow at this meeting; saved when the field is left or on Enter. */
function NoteField({
  row,
  note,
  disabled,
  onSave,
}: {
  row: Row;
  note: string | null;
  disabled: boolean;
  onSave: (note: string | null) => void;
}) {
  // null while not editing: the field then follows the sheet, including other people's edits.
  const [draft, setDraft] = useState<string | null>(null);
  const discard = useRef(false);
  const id = `note-${row.membershipId}`;
  const commit = () => {
    const keep = !discard.current && draft !== null && draft.trim() !== (note ?? '');
    if (keep) onSave(draft.trim() === '' ? null : draft.trim());
    discard.current = false;
    setDraft(null);
  };
  return (
    <div className="mt-3">
      <label htmlFor={id} className="sr-only">
        Note about {row.name}
      </label>
      <input
        id={id}
        type="text"
        className={`${inputClasses} text-[0.95rem] disabled:opacity-70`}
        placeholder={disabled && !note ? 'Mark first, then add a note' : `Note about ${row.name.split(' ')[0]} (facilitators and admins only)`}
        maxLength={500}
        value={draft ?? note ?? ''}
        disabled={disabled}
        onFocus={() => setDraft(note ?? '')}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            event.currentTarget.blur();
          }
          if (event.key === 'Escape') {
            discard.current = true;
            event.currentTarget.blur();
          }
        }}
      />
    </div>
  );
}
