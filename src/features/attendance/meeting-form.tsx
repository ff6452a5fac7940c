'use client';

// When and where one meeting happens, in the cohort's time zone: for moving a meeting and for
// adding an extra one (which may name the syllabus week it discusses).
import { useId, useState, type FormEvent } from 'react';
import { inputClasses } from '@/components/ui/button-styles';
import { Field, FormActions } from '@/components/ui/form-fields';

export type MeetingValues = {
  date: string;
  time: string;
  minutes: number;
  location: string | null;
  videoUrl: string | null;
  weekPosition?: number | null;
};

export type MeetingFormSubmit = { date: string; time: string; minutes: number; location: string; videoUrl: string; weekPosition: number | null };

export function MeetingForm({
  initial,
  zoneLabel,
  units,
  submitLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
}: {
  initial: MeetingValues;
  /** "America/Los_Angeles (PST)": the zone the date and time are in. */
  zoneLabel: string;
  /** Given: the form offers a syllabus week to discuss (extra meetings). */
  units?: { position: number; label: string }[];
  submitLabel: string;
  pending: boolean;
  errors: Record<string, string[]>;
  onSubmit: (values: MeetingFormSubmit) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [minutes, setMinutes] = useState(String(initial.minutes));
  const [location, setLocation] = useState(initial.location ?? '');
  const [videoUrl, setVideoUrl] = useState(initial.videoUrl ?? '');
  const [week, setWeek] = useState(initial.weekPosition ? String(initial.weekPosition) : '');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit({ date, time, minutes: Number(minutes), location, videoUrl, weekPosition: week === '' ? null : Number(week) });
  }

  const input = (name: string, describedBy: string | undefined, invalid: boolean) => ({
    id: `${id}-${name}`,
    className: inputClasses,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
  });

  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" noValidate>
      <Field id={`${id}-date`} label="Date" errors={errors.date}>
        {(describedBy, invalid) => (
          <input type="date" required value={date} onChange={(event) => setDate(event.target.value)} {...input('date', describedBy, invalid)} />
        )}
      </Field>
      <Field id={`${id}-time`} label="Starts at" hint={zoneLabel} errors={errors.time}>
        {(describedBy, invalid) => (
          <input type="time" required value={time} onChange={(event) => setTime(event.target.value)} {...input('time', describedBy, invalid)} />
        )}
      </Field>
      <Field id={`${id}-minutes`} label="Length (minutes)" errors={errors.minutes}>
        {(describedBy, invalid) => (
          <input
            type="number"
            inputMode="numeric"
            min={15}
            max={480}
            step={5}
            required
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
            {...input('minutes', describedBy, invalid)}
          />
        )}
      </Field>
      {units ? (
        <Field id={`${id}-week`} label="Discusses" errors={errors.weekPosition}>
          {(describedBy, invalid) => (
            <select value={week} onChange={(event) => setWeek(event.target.value)} {...input('week', describedBy, invalid)}>
              <option value="">No particular week</option>
              {units.map((unit) => (
                <option key={unit.position} value={unit.position}>
                  {unit.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field id={`${id}-location`} label="Place (optional)" errors={errors.location} className="sm:col-span-2">
        {(describedBy, invalid) => (
          <input type="text" maxLength={200} value={location} onChange={(event) => setLocation(event.target.value)} {...input('location', describedBy, invalid)} />
        )}
      </Field>
      <Field id={`${id}-video`} label="Video call link (optional)" errors={errors.videoUrl} className="sm:col-span-2">
        {(describedBy, invalid) => (
          <input
            type="url"
            inputMode="url"
            placeholder="https://"
            value={videoUrl}
            onChange={(event) => setVideoUrl(event.target.value)}
            {...input('video', describedBy, invalid)}
          />
        )}
      </Field>
      <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} className="sm:col-span-2" />
    </form>
  );
}
