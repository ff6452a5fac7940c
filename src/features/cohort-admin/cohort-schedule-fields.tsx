'use client';

import { StartDateField, TextField, TimeZoneField } from '@/components/ui/form-fields';

type Value = { startDate: string; timeZone: string; cadence: string };
type Errors = { startDate?: string[]; timeZone?: string[]; meetingCadenceWeeks?: string[] };

/** When a cohort meets: its first day, its time zone and how often groups meet. Shared by the new-cohort and settings forms. */
export function CohortScheduleFields({
  id,
  value,
  onChange,
  errors,
  cadenceHint,
}: {
  id: string;
  value: Value;
  onChange: { startDate: (value: string) => void; timeZone: (value: string) => void; cadence: (value: string) => void };
  errors: Errors;
  cadenceHint: string;
}) {
  return (
    <>
      <StartDateField id={`${id}-start`} value={value.startDate} onChange={onChange.startDate} errors={errors.startDate} />
      <TimeZoneField id={`${id}-zone`} value={value.timeZone} onChange={onChange.timeZone} errors={errors.timeZone} />
      <TextField
        id={`${id}-cadence`}
        label="Groups meet every … weeks"
        type="number"
        inputMode="numeric"
        value={value.cadence}
        onChange={onChange.cadence}
        errors={errors.meetingCadenceWeeks}
        hint={cadenceHint}
      />
    </>
  );
}
