'use client';

// A fellow's private note on a week. It saves a moment after typing stops and when the field
// loses focus, and says where it stands: not saved yet, saving, saved, or why it was not.
import { useEffect, useId, useRef, useState } from 'react';
import { inputClasses } from '@/components/ui/button-styles';
import { REFLECTION_MAX_LENGTH } from '@/lib/schemas/progress';
import { errorMessage } from '@/trpc/errors';
import { useTRPCClient } from '@/trpc/react';

const SAVE_AFTER_MS = 1200;

type SaveState = { kind: 'idle' | 'unsaved' | 'saving' | 'saved' } | { kind: 'error'; message: string };

export function WeekReflection({
  cohortSlug,
  weekId,
  weekName,
  initialText,
  readOnly,
}: {
  cohortSlug: string;
  weekId: string;
  /** "Week 3", for the label. */
  weekName: string;
  initialText: string;
  readOnly: boolean;
}) {
  const client = useTRPCClient();
  const id = useId();
  const [text, setText] = useState(initialText);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const saved = useRef(initialText.trim());
  const latest = useRef(initialText);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => () => clearTimeout(timer.current), []);

  function save() {
    clearTimeout(timer.current);
    const value = latest.current.trim();
    if (value.length > REFLECTION_MAX_LENGTH) return;
    if (value === saved.current) {
      setState((current) => (current.kind === 'unsaved' ? { kind: 'saved' } : current));
      return;
    }
    setState({ kind: 'saving' });
    // One save at a time, so an older text never lands after a newer one.
    queue.current = queue.current.then(() =>
      client.progress.saveReflection.mutate({ cohort: cohortSlug, weekId, text: value }).then(
        () => {
          saved.current = value;
          setState(latest.current.trim() === value ? { kind: 'saved' } : { kind: 'unsaved' });
        },
        (error: unknown) => setState({ kind: 'error', message: errorMessage(error) }),
      ),
    );
  }

  const tooLong = text.trim().length > REFLECTION_MAX_LENGTH;
  const status = tooLong
    ? `Too long to save: keep it under ${REFLECTION_MAX_LENGTH.toLocaleString('en-US')} characters (now ${text.trim().length.toLocaleString('en-US')}).`
    : state.kind === 'unsaved'
      ? 'Not saved yet'
      : state.kind === 'saving'
        ? 'Saving…'
        : state.kind === 'saved'
          ? 'Saved'
          : state.kind === 'error'
            ? `Not saved: ${state.message}`
            : null;

  return (
    <div className="mt-8">
      <label htmlFor={`${id}-note`} className="block font-semibold">
        Your note on {weekName}
      </label>
      <p id={`${id}-hint`} className="text-[0.95rem] text-muted">
        Private: only you can read it. It saves as you type.
      </p>
      <textarea
        id={`${id}-note`}
        rows={4}
        maxLength={REFLECTION_MAX_LENGTH}
        value={text}
        readOnly={readOnly}
        aria-describedby={`${id}-hint ${id}-status`}
        aria-invalid={tooLong || state.kind === 'error' ? true : undefined}
        placeholder="What stayed with you? What would you ask your group?"
        onChange={(event) => {
          setText(event.target.value);
          latest.current = event.target.value;
          setState({ kind: 'unsaved' });
          clearTimeout(timer.current);
          timer.current = setTimeout(save, SAVE_AFTER_MS);
        }}
        onBlur={save}
        className={`mt-2 min-h-28 ${inputClasses}`}
      />
      <p
        id={`${id}-status`}
        role="status"
        className={`mt-1 min-h-6 text-[0.9rem] ${tooLong || state.kind === 'error' ? 'text-danger' : state.kind === 'saved' ? 'text-success' : 'text-muted'}`}
      >
        {state.kind === 'saved' && !tooLong ? <span aria-hidden="true">✓ </span> : null}
        {status}
      </p>
    </div>
  );
}
