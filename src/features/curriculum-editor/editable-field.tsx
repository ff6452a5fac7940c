'use client';

// One field of the editor that saves itself: after a pause in typing, on blur, and on Enter
// (a textarea keeps Enter for new lines). Escape puts back the saved value. A quiet status
// beside the label says "Saving…" or "Saved"; a refused value keeps what was typed, with the
// reason under the field, so nothing the admin typed is lost.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { inputClasses } from '@/components/ui/button-styles';
import { FieldError } from '@/components/ui/field-error';
import { useEditor } from './editor-context';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

const DEBOUNCE_MS = 900;

export function SaveStatusText({ status }: { status: SaveStatus }) {
  if (status === 'saving') return <span className="text-[0.8rem] text-muted">Saving…</span>;
  if (status === 'saved') {
    return (
      <span className="text-[0.8rem] text-success">
        <span aria-hidden="true">✓ </span>Saved
      </span>
    );
  }
  return null;
}

export function FieldLabel({
  htmlFor,
  children,
  context,
  status,
  hidden = false,
}: {
  htmlFor: string;
  children: ReactNode;
  /** Read to screen readers after the label ("of reading 3"), so fields in a list differ. */
  context?: string;
  status: SaveStatus;
  hidden?: boolean;
}) {
  return (
    <div className={hidden ? 'flex min-h-5 justify-end' : 'flex min-h-5 items-baseline justify-between gap-2'}>
      <label htmlFor={htmlFor} className={hidden ? 'sr-only' : 'text-[0.85rem] font-medium text-muted'}>
        {children}
        {context ? <span className="sr-only"> {context}</span> : null}
      </label>
      <SaveStatusText status={status} />
    </div>
  );
}

type Parsed = { ok: true; value: string | number | null } | { ok: false; message: string };

export type FieldFormat = {
  /** The value as the input shows it. */
  show: (value: string | number | null) => string;
  /** The input's text as the value to save, or why it cannot be saved. */
  parse: (draft: string) => Parsed;
};

export const textFormat = (options: { required?: string } = {}): FieldFormat => ({
  show: (value) => (value === null ? '' : String(value)),
  parse: (draft) => {
    if (options.required && draft.trim() === '') return { ok: false, message: options.required };
    return { ok: true, value: draft.trim() === '' ? null : draft };
  },
});

export function EditableField({
  id,
  label,
  context,
  value,
  format = textFormat(),
  multiline = false,
  rows = 3,
  type = 'text',
  inputMode,
  placeholder,
  hint,
  hideLabel = false,
  className = '',
  inputClassName = '',
  onSave,
}: {
  id: string;
  label: string;
  context?: string;
  value: string | number | null;
  format?: FieldFormat;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'url' | 'number';
  inputMode?: 'text' | 'url' | 'numeric';
  placeholder?: string;
  hint?: string;
  hideLabel?: boolean;
  className?: string;
  inputClassName?: string;
  /** Saves the value; throws an Error whose message says what is wrong. */
  onSave: (value: string | number | null) => Promise<void>;
}) {
  const { announce } = useEditor();
  const shown = format.show(value);
  const [draft, setDraft] = useState(shown);
  const [committed, setCommitted] = useState(shown);
  const [syncedFrom, setSyncedFrom] = useState(shown);
  const [focused, setFocused] = useState(false);
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ draft, committed });

  // The saved value changed elsewhere (a refetch, an undo): show it unless the admin is editing.
  if (shown !== syncedFrom && !focused && draft === committed) {
    setSyncedFrom(shown);
    setDraft(shown);
    setCommitted(shown);
  }

  useEffect(() => {
    latest.current = { draft, committed };
  }, [draft, committed]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  async function commit(announceResult: boolean) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const target = latest.current.draft;
    if (target === latest.current.committed) return;
    const parsed = format.parse(target);
    if (!parsed.ok) {
      setStatus('error');
      setError(parsed.message);
      if (announceResult) announce(`${label} not saved: ${parsed.message}`);
      return;
    }
    setStatus('saving');
    setError(null);
    try {
      await onSave(parsed.value);
      latest.current = { ...latest.current, committed: target };
      setCommitted(target);
      setSyncedFrom(format.show(parsed.value));
      setStatus((current) => (current === 'saving' ? 'saved' : current));
      if (announceResult) announce(`${label} saved.`);
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : 'Not saved.';
      setStatus('error');
      setError(message);
      announce(`${label} not saved: ${message}`);
    }
  }

  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [error ? errorId : null, hintId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: draft,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    className: `${inputClasses} ${multiline ? '' : 'min-h-11'} ${inputClassName}`,
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false);
      void commit(true);
    },
    onChange: (event: { target: { value: string } }) => {
      const next = event.target.value;
      latest.current = { ...latest.current, draft: next };
      setDraft(next);
      if (status === 'saved') setStatus('idle');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void commit(false), DEBOUNCE_MS);
    },
    onKeyDown: (event: { key: string; shiftKey: boolean; preventDefault: () => void }) => {
      if (event.key === 'Escape' && draft !== committed) {
        event.preventDefault();
        if (timer.current) clearTimeout(timer.current);
        latest.current = { ...latest.current, draft: committed };
        setDraft(committed);
        setError(null);
        setStatus('idle');
      } else if (event.key === 'Enter' && !multiline) {
        event.preventDefault();
        void commit(true);
      }
    },
  };

  return (
    <div className={className}>
      <FieldLabel htmlFor={id} context={context} status={status} hidden={hideLabel}>
        {label}
      </FieldLabel>
      {multiline ? (
        <textarea rows={rows} {...common} />
      ) : (
        <input type={type === 'number' ? 'text' : type} inputMode={inputMode} autoComplete="off" {...common} />
      )}
      {hint ? (
        <p id={hintId} className="mt-1 text-[0.8rem] text-muted">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} messages={error ? [error] : null} />
    </div>
  );
}

/** A select or checkbox saves as soon as it changes; same status and error display. */
export function useImmediateSave(label: string) {
  const { announce } = useEditor();
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  async function save(run: () => Promise<void>) {
    setStatus('saving');
    setError(null);
    try {
      await run();
      setStatus('saved');
      announce(`${label} saved.`);
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : 'Not saved.';
      setStatus('error');
      setError(message);
      announce(`${label} not saved: ${message}`);
    }
  }
  return { status, error, save };
}

export function EditableSelect<T extends string>({
  id,
  label,
  context,
  value,
  options,
  className = '',
  onSave,
}: {
  id: string;
  label: string;
  context?: string;
  value: T;
  options: readonly { value: T; label: string }[];
  className?: string;
  onSave: (value: T) => Promise<void>;
}) {
  const { status, error, save } = useImmediateSave(label);
  return (
    <div className={className}>
      <FieldLabel htmlFor={id} context={context} status={status}>
        {label}
      </FieldLabel>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${inputClasses} min-h-11`}
        onChange={(event) => void save(() => onSave(event.target.value as T))}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} messages={error ? [error] : null} />
    </div>
  );
}

export function EditableCheckbox({
  id,
  label,
  context,
  checked,
  className = '',
  onSave,
}: {
  id: string;
  label: string;
  context?: string;
  checked: boolean;
  className?: string;
  onSave: (checked: boolean) => Promise<void>;
}) {
  const { status, error, save } = useImmediateSave(label);
  return (
    <div className={className}>
      <div className="flex min-h-5 justify-end">
        <SaveStatusText status={status} />
      </div>
      <div className="flex min-h-11 items-center gap-2">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="size-5 accent-[var(--accent)]"
          onChange={(event) => void save(() => onSave(event.target.checked))}
        />
        <label htmlFor={id} className="text-[0.95rem]">
          {label}
          {context ? <span className="sr-only"> {context}</span> : null}
        </label>
      </div>
      <FieldError id={`${id}-error`} messages={error ? [error] : null} />
    </div>
  );
}
