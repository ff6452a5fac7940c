'use client';

// The weekly availability grid, in the person's own zone: seven days of 30-minute slots. With a
// mouse, press and drag to paint (or unpaint, when the first cell was painted); on a phone, tap a
// cell (the page still scrolls); by keyboard, arrows move and Space toggles. Saved on request,
// with what changed kept until then.
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-styles';
import { TimeZoneField } from '@/components/ui/form-fields';
import { SLOTS_PER_DAY, WEEKDAY_NAMES } from '@/lib/week-slots';
import { errorMessage, formFieldErrors } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

const SHORT_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function timeOf(row: number): string {
  const minutes = row * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function AvailabilityGrid({ cohort, initialTimeZone, initialSlots }: { cohort: string; initialTimeZone: string; initialSlots: number[] }) {
  const trpc = useTRPC();
  const id = useId();
  const [timeZone, setTimeZone] = useState(initialTimeZone);
  const [slots, setSlots] = useState(() => new Set(initialSlots));
  const [saved, setSaved] = useState(() => new Set(initialSlots));
  const [focus, setFocus] = useState(36); // Monday 18:00: where most evenings are.
  const painting = useRef<{ value: boolean } | null>(null);
  const paintedByPointer = useRef(false);
  const cellRefs = useRef(new Map<number, HTMLButtonElement>());
  const save = useMutation(
    trpc.availability.save.mutationOptions({
      onSuccess: (result) => {
        setSaved(new Set(result.localSlots));
        setSlots(new Set(result.localSlots));
      },
    }),
  );
  const errors = save.error ? formFieldErrors(save.error) : {};
  const changed = slots.size !== saved.size || [...slots].some((slot) => !saved.has(slot));

  function setSlot(slot: number, value: boolean) {
    setSlots((current) => {
      if (current.has(slot) === value) return current;
      const next = new Set(current);
      if (value) next.add(slot);
      else next.delete(slot);
      return next;
    });
  }

  function onPointerDown(event: PointerEvent<HTMLButtonElement>, slot: number) {
    if (event.pointerType !== 'mouse' || event.button !== 0) return;
    event.preventDefault();
    painting.current = { value: !slots.has(slot) };
    paintedByPointer.current = true;
    setSlot(slot, painting.current.value);
    window.addEventListener(
      'pointerup',
      () => {
        painting.current = null;
        // The click that may follow this press (when it ends on the cell it began on) comes first.
        setTimeout(() => (paintedByPointer.current = false), 0);
      },
      { once: true },
    );
  }

  function onPointerEnter(slot: number) {
    if (painting.current) setSlot(slot, painting.current.value);
  }

  function onClick(slot: number) {
    // A mouse press already painted; a tap or a key press toggles here.
    if (paintedByPointer.current) {
      paintedByPointer.current = false;
      return;
    }
    setSlot(slot, !slots.has(slot));
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, slot: number) {
    const day = Math.floor(slot / SLOTS_PER_DAY);
    const row = slot % SLOTS_PER_DAY;
    const moves: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const nextDay = Math.min(6, Math.max(0, day + move[0]));
    const nextRow = Math.min(SLOTS_PER_DAY - 1, Math.max(0, row + move[1]));
    const next = nextDay * SLOTS_PER_DAY + nextRow;
    setFocus(next);
    cellRefs.current.get(next)?.focus();
    // Shift+arrow paints as it goes, like a drag.
    if (event.shiftKey) setSlot(next, slots.has(slot));
  }

  const hours = slots.size / 2;
  return (
    <div className="grid gap-5">
      <div className="flex flex-wrap items-end gap-4">
        <TimeZoneField
          id={`${id}-zone`}
          className="min-w-[16rem]"
          label="Your time zone"
          value={timeZone}
          onChange={setTimeZone}
          errors={errors.timeZone ?? null}
          hint="The grid is read in this zone."
        />
        <p aria-live="polite" className="text-muted">
          {hours ? `${hours} hours a week marked` : 'Nothing marked yet'}
          {changed ? ' · not saved' : saved.size ? ' · saved' : ''}
        </p>
      </div>
      <p id={`${id}-how`} className="max-w-[65ch] text-[0.95rem] text-muted">
        Mark every half hour you could meet most weeks. With a mouse, press and drag; on a phone, tap; with the keyboard, use the arrows and Space (Shift with an arrow marks as you go).
      </p>

      <div className="overflow-x-auto rounded-xl border border-line bg-surface">
        <table role="grid" aria-label={`Your free times each week, in ${timeZone}`} aria-describedby={`${id}-how`} className="w-full min-w-[20rem] border-collapse select-none">
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 z-10 w-14 bg-surface p-1 text-[0.8rem] font-normal text-muted">
                <span className="sr-only">Time</span>
              </th>
              {SHORT_DAYS.map((day, index) => (
                <th key={day} scope="col" className="p-1 text-[0.85rem] font-semibold">
                  <abbr title={WEEKDAY_NAMES[index]} className="no-underline">
                    {day}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: SLOTS_PER_DAY }, (_, row) => (
              <tr key={row} className={row % 2 === 0 ? 'border-t border-line/70' : ''}>
                <th scope="row" className="sticky left-0 z-10 bg-surface px-1 text-right align-top text-[0.75rem] font-normal text-muted tabular-nums">
                  {row % 2 === 0 ? timeOf(row) : <span className="sr-only">{timeOf(row)}</span>}
                </th>
                {SHORT_DAYS.map((_, day) => {
                  const slot = day * SLOTS_PER_DAY + row;
                  const on = slots.has(slot);
                  return (
                    <td key={day} className="p-0">
                      <button
                        type="button"
                        ref={(element) => {
                          if (element) cellRefs.current.set(slot, element);
                          else cellRefs.current.delete(slot);
                        }}
                        tabIndex={slot === focus ? 0 : -1}
                        aria-pressed={on}
                        aria-label={`${WEEKDAY_NAMES[day]} ${timeOf(row)} to ${timeOf(row + 1 === SLOTS_PER_DAY ? 0 : row + 1)}`}
                        onPointerDown={(event) => onPointerDown(event, slot)}
                        onPointerEnter={() => onPointerEnter(slot)}
                        onClick={() => onClick(slot)}
                        onFocus={() => setFocus(slot)}
                        onKeyDown={(event) => onKeyDown(event, slot)}
                        className={`block h-6 w-full border-l border-line/60 sm:h-5 ${on ? 'bg-accent' : 'bg-surface hover:bg-accent-soft'}`}
                      >
                        {on ? <span aria-hidden="true" className="text-[0.6rem] text-on-accent">✓</span> : null}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="sticky bottom-2 z-20 flex flex-wrap items-center gap-3 rounded-xl border border-line bg-surface/95 p-3 shadow-sm">
        <button type="button" className={buttonClasses('primary')} disabled={save.isPending || (!changed && timeZone === initialTimeZone && saved.size > 0)} onClick={() => save.mutate({ cohort, timeZone, localSlots: [...slots] })}>
          {save.isPending ? 'Saving…' : 'Save my free times'}
        </button>
        <button type="button" className={buttonClasses('quiet')} disabled={!changed} onClick={() => setSlots(new Set(saved))}>
          Undo changes
        </button>
        <div aria-live="polite">
          {save.error && !errors.timeZone ? (
            <Alert tone="error" role="alert">
              {errorMessage(save.error)}
            </Alert>
          ) : save.isSuccess && !changed ? (
            <span role="status" className="text-success">
              Saved.
            </span>
          ) : null}
        </div>
      </div>
    </div>
  );
}
