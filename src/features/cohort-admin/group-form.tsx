'use client';

// A discussion group's name and meeting settings, for adding a group or editing one.
import { useId, useState, type FormEvent } from 'react';
import { inputClasses } from '@/components/ui/button-styles';
import { WEEKDAY_NAMES } from '@/lib/cohort-calendar';
import { Field, FormActions, TextField } from '@/components/ui/form-fields';

export type GroupValues = {
  name: string;
  meetingDay: number | null;
  meetingTime: string | null;
  meetingMinutes: number;
  location: string | null;
  videoUrl: string | null;
  capacity?: number | null;
};

export const EMPTY_GROUP: GroupValues = { name: '', meetingDay: null, meetingTime: null, meetingMinutes: 90, location: null, videoUrl: null, capacity: null };

export function GroupForm({
  initial,
  submitLabel,
  pendingLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
  labelledBy,
  disabled,
}: {
  initial: GroupValues;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  errors: Record<string, string[]>;
  onSubmit: (values: { name: string; meetingDay: number | null; meetingTime: string; meetingMinutes: number; location: string; videoUrl: string; capacity: number | null }) => void;
  onCancel?: () => void;
  labelledBy?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [day, setDay] = useState(initial.meetingDay === null ? '' : String(initial.meetingDay));
  const [time, setTime] = useState(initial.meetingTime ?? '');
  const [minutes, setMinutes] = useState(String(initial.meetingMinutes));
  const [location, setLocation] = useState(initial.location ?? '');
  const [videoUrl, setVideoUrl] = useState(initial.videoUrl ?? '');
  const [capacity, setCapacity] = useState(initial.capacity ? String(initial.capacity) : '');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit({
      name,
      meetingDay: day === '' ? null : Number(day),
      meetingTime: time,
      meetingMinutes: Number(minutes),
      location,
      videoUrl,
      capacity: capacity.trim() === '' ? null : Number(capacity),
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={labelledBy} className="grid grid-cols-1 gap-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField id={`${id}-name`} label="Group name" value={name} onChange={setName} errors={errors.name} required disabled={disabled} className="sm:col-span-2 lg:col-span-1" />
        <Field id={`${id}-day`} label="Meeting day" errors={errors.meetingDay}>
          {(describedBy, invalid) => (
            <select
              id={`${id}-day`}
              value={day}
              onChange={(event) => setDay(event.target.value)}
              disabled={disabled}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              className={`mt-1 ${inputClasses}`}
            >
              <option value="">Not set</option>
              {WEEKDAY_NAMES.map((weekday, index) => (
                <option key={weekday} value={index}>
                  {weekday}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField id={`${id}-time`} label="Time" type="time" value={time} onChange={setTime} errors={errors.meetingTime} disabled={disabled} hint="In the cohort’s time zone." />
        <TextField
          id={`${id}-minutes`}
          label="Length (minutes)"
          type="number"
          inputMode="numeric"
          value={minutes}
          onChange={setMinutes}
          errors={errors.meetingMinutes}
          disabled={disabled}
        />
        <TextField
          id={`${id}-capacity`}
          label="Most fellows (optional)"
          type="number"
          inputMode="numeric"
          value={capacity}
          onChange={setCapacity}
          errors={errors.capacity}
          disabled={disabled}
          hint="For switches and late joiners; empty: no limit."
        />
        <TextField id={`${id}-location`} label="Place (optional)" value={location} onChange={setLocation} errors={errors.location} disabled={disabled} className="sm:col-span-2" placeholder="e.g. Room 2.14" />
        <TextField
          id={`${id}-video`}
          label="Video link (optional)"
          type="url"
          inputMode="url"
          value={videoUrl}
          onChange={setVideoUrl}
          errors={errors.videoUrl}
          disabled={disabled}
          className="sm:col-span-2"
          placeholder="e.g. https://meet.example.com/…"
        />
      </div>
      <FormActions submitLabel={submitLabel} pendingLabel={pendingLabel} pending={pending} disabled={disabled} onCancel={onCancel} />
    </form>
  );
}
