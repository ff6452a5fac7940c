'use client';

// Labelled inputs shared by the forms (cohorts, groups, meetings). Every input has a visible label, a hint where it
// helps, and its error tied to it with aria-describedby.
import type { ReactNode } from 'react';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { FieldError } from '@/components/ui/field-error';
import { parseIsoDate, WEEKDAY_NAMES } from '@/lib/cohort-calendar';
import { formatCalendarDate } from '@/lib/format';
import { COMMON_TIME_ZONES } from '@/lib/time-zones';

type FieldProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[] | null;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
  className?: string;
};

export function Field({ id, label, hint, errors, children, className = '' }: FieldProps) {
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children(describedBy, invalid)}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-[0.9rem] text-muted">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  errors,
  placeholder,
  required,
  type = 'text',
  className,
  disabled,
  inputMode,
  autoComplete = 'off',
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  errors?: string[] | null;
  placeholder?: string;
  required?: boolean;
  type?: 'text' | 'url' | 'time' | 'number';
  className?: string;
  disabled?: boolean;
  inputMode?: 'numeric' | 'url' | 'text';
  autoComplete?: string;
}) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors} className={className}>
      {(describedBy, invalid) => (
        <input
          id={id}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder={placeholder}
          required={required}
          disabled={disabled}
          inputMode={inputMode}
          autoComplete={autoComplete}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={`mt-1 ${inputClasses}`}
        />
      )}
    </Field>
  );
}

/** "Monday 1 Mar 2027", or a nudge when the date is not a Monday. */
export function describeStartDate(value: string): string | null {
  const date = parseIsoDate(value);
  if (!date) return null;
  const weekday = WEEKDAY_NAMES[date.getUTCDay()]!;
  const label = formatCalendarDate(date);
  return date.getUTCDay() === 1
    ? `${label}: week 1 runs Monday to Sunday.`
    : `${label} is a ${weekday}: each week will run ${weekday} to ${WEEKDAY_NAMES[(date.getUTCDay() + 6) % 7]}.`;
}

export function StartDateField({
  id,
  value,
  onChange,
  errors,
  disabled,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[] | null;
  disabled?: boolean;
}) {
  const described = describeStartDate(value);
  return (
    <Field id={id} label="Start date" hint={described ?? 'The first day of week 1, usually a Monday.'} errors={errors}>
      {(describedBy, invalid) => (
        <input
          id={id}
          type="date"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          required
          disabled={disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={`mt-1 ${inputClasses}`}
        />
      )}
    </Field>
  );
}

export function TimeZoneField({
  id,
  value,
  onChange,
  errors,
  disabled,
  hint,
  label = 'Time zone',
  required = true,
  placeholder,
  className,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[] | null;
  disabled?: boolean;
  hint?: ReactNode;
  label?: string;
  required?: boolean;
  placeholder?: string;
  className?: string;
}) {
  return (
    <Field
      id={id}
      label={label}
      className={className}
      hint={hint ?? 'Week boundaries and meeting times use it. Pick one or type any IANA zone, e.g. Europe/Berlin.'}
      errors={errors}
    >
      {(describedBy, invalid) => (
        <>
          <input
            id={id}
            type="text"
            list={`${id}-zones`}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            required={required}
            placeholder={placeholder}
            disabled={disabled}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            className={`mt-1 ${inputClasses}`}
          />
          <datalist id={`${id}-zones`}>
            {COMMON_TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}

/** A form's submit button (saying what it does while pending) and, when editing, Cancel. */
export function FormActions({
  submitLabel,
  pendingLabel = 'Saving…',
  pending,
  disabled = false,
  onCancel,
  className = '',
}: {
  submitLabel: string;
  pendingLabel?: string;
  pending: boolean;
  disabled?: boolean;
  onCancel?: () => void;
  className?: string;
}) {
  return (
    <div className={`flex flex-wrap gap-2 ${className}`}>
      <button type="submit" className={buttonClasses('primary')} disabled={pending || disabled}>
        {pending ? pendingLabel : submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className={buttonClasses('quiet')} onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
