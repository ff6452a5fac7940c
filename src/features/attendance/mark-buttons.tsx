'use client';

// Present / Late / Excused / Absent for one fellow: a real radio group (arrow keys move between
// the marks, a screen reader hears "Present, 1 of 4, selected"), drawn as four large buttons.
// The chosen one is filled and carries its symbol, so the choice never rests on colour alone.
import { ATTENDANCE_STATUSES, type AttendanceStatusValue } from '@/lib/schemas/attendance';
import { MARK_LABELS } from '@/lib/meeting-format';

export function MarkButtons({
  name,
  fellowName,
  value,
  disabled,
  onChange,
}: {
  /** The radio group's name, unique on the page. */
  name: string;
  fellowName: string;
  value: AttendanceStatusValue | null;
  disabled: boolean;
  onChange: (status: AttendanceStatusValue) => void;
}) {
  return (
    <fieldset className="min-w-0" disabled={disabled}>
      <legend className="sr-only">Attendance of {fellowName}</legend>
      <div className="grid grid-cols-2 gap-1.5 sm:grid-cols-4">
        {ATTENDANCE_STATUSES.map((status) => {
          const checked = value === status;
          const { label, symbol } = MARK_LABELS[status];
          return (
            <label
              key={status}
              className={`flex min-h-11 cursor-pointer items-center justify-center gap-1 rounded-lg border px-1 py-2 text-center text-[0.9rem] font-semibold select-none has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent has-[:disabled]:cursor-not-allowed ${
                checked
                  ? 'border-accent bg-accent text-on-accent'
                  : 'border-line bg-surface text-text hover:bg-surface-muted'
              }`}
            >
              <input
                type="radio"
                className="sr-only"
                name={name}
                value={status}
                checked={checked}
                onChange={() => onChange(status)}
              />
              {/* Only the chosen mark carries its symbol: the choice shows without colour too. */}
              {checked ? <span aria-hidden="true">{symbol}</span> : null}
              {label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
