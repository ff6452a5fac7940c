// Input schemas for meetings and attendance, shared by the tRPC router, the services and the
// forms, so a field's message reads the same wherever it is checked. Dates and times are the
// cohort's wall clock ("2027-01-05", "18:00"); the server turns them into instants in its zone.
import { z } from 'zod';
import { isoDateSchema, videoUrlSchema } from '@/lib/schemas/cohort';
import { singleLine } from '@/lib/schemas/text';

const id = z.string().min(1).max(64);

export const ATTENDANCE_STATUSES = ['PRESENT', 'LATE', 'EXCUSED', 'ABSENT'] as const;
export const attendanceStatusSchema = z.enum(ATTENDANCE_STATUSES);
export type AttendanceStatusValue = z.infer<typeof attendanceStatusSchema>;

const clockTimeSchema = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM, e.g. 18:00.');

const meetingMinutesSchema = z
  .number({ message: 'Enter the length in minutes.' })
  .int('Enter whole minutes.')
  .min(15, 'Meetings last at least 15 minutes.')
  .max(480, 'Meetings last at most 8 hours (480 minutes).');

const locationSchema = singleLine()
  .max(200, 'Use at most 200 characters.')
  .transform((value) => (value === '' ? null : value))
  .nullable();

/** Where and when a meeting happens, in the cohort's time zone. */
const meetingFields = {
  date: isoDateSchema,
  time: clockTimeSchema,
  minutes: meetingMinutesSchema,
  location: locationSchema.optional(),
  videoUrl: videoUrlSchema.optional(),
};

export const groupInput = z.object({ groupId: id });
export const meetingInput = z.object({ meetingId: id });

export const moveMeetingInput = z.object({ meetingId: id, ...meetingFields });

export const addExtraMeetingInput = z.object({
  groupId: id,
  ...meetingFields,
  /** The syllabus unit it discusses (CurriculumWeek.position); none for a social or catch-up. */
  weekPosition: z.number().int().min(1).max(1000).nullable().optional(),
});

export const noteSchema = z
  .string()
  .trim()
  .max(500, 'Keep the note under 500 characters.')
  .transform((value) => (value === '' ? null : value))
  .nullable();

export const markAttendanceInput = z.object({
  meetingId: id,
  membershipId: id,
  status: attendanceStatusSchema,
  /** Left out: the note stays as it is. Empty or null: the note is cleared. */
  note: noteSchema.optional(),
});

export type MoveMeetingInput = z.input<typeof moveMeetingInput>;
export type AddExtraMeetingInput = z.input<typeof addExtraMeetingInput>;
export type MarkAttendanceInput = z.input<typeof markAttendanceInput>;
