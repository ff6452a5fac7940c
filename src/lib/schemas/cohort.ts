// Input schemas for cohorts and their groups, shared by the server (tRPC, CLI) and the forms,
// so a field's message reads the same wherever it is checked.
import { z } from 'zod';
import { isValidTimeZone, parseIsoDate } from '@/lib/cohort-calendar';
import { slugSchema } from '@/lib/schemas/slug';
import { singleLine } from '@/lib/schemas/text';

export const cohortNameSchema = singleLine()
  .min(1, 'Give the cohort a name.')
  .max(120, 'Use at most 120 characters.');

export const termSchema = singleLine()
  .max(80, 'Use at most 80 characters.')
  .transform((term) => (term === '' ? null : term))
  .nullable();

/** "YYYY-MM-DD", a real date. */
export const isoDateSchema = z
  .string()
  .trim()
  .refine((value) => parseIsoDate(value) !== null, 'Enter a date as YYYY-MM-DD, e.g. 2027-03-01.');

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isValidTimeZone, 'Enter a time zone such as Europe/London or America/Los_Angeles.');

export const cadenceSchema = z
  .number({ message: 'Enter a number of weeks.' })
  .int('Enter a whole number of weeks.')
  .min(1, 'Groups meet at least every week: use 1 or more.')
  .max(8, 'Use at most 8 weeks between meetings.');

export const skippedWeeksSchema = z
  .array(z.number().int().min(0, 'Weeks count from 0.').max(104, 'Skip weeks within two years of the start.'))
  .max(52, 'Skip at most 52 weeks.')
  .transform((weeks) => [...new Set(weeks)].sort((a, b) => a - b));

export const visibilitySchema = z.enum(['PUBLIC', 'MEMBERS']);
export const cohortStatusSchema = z.enum(['DRAFT', 'ACTIVE', 'ARCHIVED']);

/** The fields a new cohort shares, whether it starts from a curriculum or another cohort. */
const newCohortFields = {
  name: cohortNameSchema,
  /** Derived from the name when left out. */
  slug: slugSchema.optional(),
  term: termSchema.optional(),
  startDate: isoDateSchema,
  timeZone: timeZoneSchema.optional(),
  meetingCadenceWeeks: cadenceSchema.optional(),
  skippedWeeks: skippedWeeksSchema.optional(),
};

export const createCohortInput = z.object({
  /** The slug of the template curriculum the cohort runs a copy of. */
  curriculum: slugSchema,
  ...newCohortFields,
  syllabusVisibility: visibilitySchema.optional(),
});

export const cloneCohortInput = z.object({
  /** The slug of the cohort to copy. */
  source: slugSchema,
  ...newCohortFields,
  /** Bring the facilitators along, leading the same groups. Fellows never come along. */
  includeFacilitators: z.boolean().default(false),
  /** When given, the source must run a copy of this template (a check for scripts). */
  curriculum: slugSchema.optional(),
});

const percentSchema = z.number({ error: 'Enter a percentage from 0 to 100.' }).int('Enter a whole percentage.').min(0, 'At least 0%.').max(100, 'At most 100%.');

export const updateCohortInput = z.object({
  name: cohortNameSchema.optional(),
  term: termSchema.optional(),
  startDate: isoDateSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  meetingCadenceWeeks: cadenceSchema.optional(),
  skippedWeeks: skippedWeeksSchema.optional(),
  syllabusVisibility: visibilitySchema.optional(),
  /** Fellows see other fellows on leaderboards as "Fellow 1", "Fellow 2"… */
  leaderboardHideNames: z.boolean().optional(),
  /** At risk after this many unexcused absences… */
  atRiskMissedMeetings: z.number({ error: 'Enter a whole number of meetings.' }).int('Enter a whole number of meetings.').min(1, 'At least 1.').max(52, 'At most 52.').optional(),
  /** …or below this percentage of the core readings due so far. */
  atRiskReadingPercent: percentSchema.optional(),
  /** Completion: at most this many unexcused absences… */
  completionMaxUnexcusedAbsences: z.number({ error: 'Enter a whole number of absences.' }).int('Enter a whole number of absences.').min(0, 'At least 0.').max(52, 'At most 52.').optional(),
  /** …and at least this percentage of all core readings done. */
  completionReadingPercent: percentSchema.optional(),
  /** The local hour the weekly digest (and, the day before a meeting, the prep note) goes out. */
  digestHour: z.number({ error: 'Enter an hour from 0 to 23.' }).int('Enter a whole hour.').min(0, 'From 0 (midnight).').max(23, 'At most 23.').optional(),
  /** Meeting reminders this many hours before; 0: none. */
  reminderHoursBefore: z.number({ error: 'Enter a number of hours.' }).int('Enter a whole number of hours.').min(0, 'At least 0 (no reminders).').max(168, 'At most 168 (a week).').optional(),
  /** A kind note to fellows who fall behind (their facilitators are told either way). */
  atRiskNudges: z.boolean().optional(),
  autoApproveSwitches: z.boolean().optional(),
  /** Completion also needs an answer to every prompt. */
  promptsRequired: z.boolean().optional(),
  /** A fellow who answered a prompt sees their group's answers to it. */
  shareResponsesInGroup: z.boolean().optional(),
  /** Certificates only for fellows who filled in the end-of-course survey. */
  certificatesNeedSurvey: z.boolean().optional(),
  status: cohortStatusSchema.optional(),
});

export type CreateCohortInput = z.input<typeof createCohortInput>;
export type CloneCohortInput = z.input<typeof cloneCohortInput>;
export type UpdateCohortInput = z.input<typeof updateCohortInput>;

// ---------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------

export const groupNameSchema = singleLine().min(1, 'Give the group a name.').max(80, 'Use at most 80 characters.');

const optionalText = (max: number, message: string) =>
  singleLine()
    .max(max, message)
    .transform((value) => (value === '' ? null : value))
    .nullable();

export const meetingTimeSchema = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value))
  .nullable()
  .refine((value) => value === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(value), 'Enter a time as HH:MM, e.g. 18:00.');

export const videoUrlSchema = optionalText(2000, 'Use at most 2000 characters.').refine((value) => {
  if (value === null) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'Enter a link that starts with https:// (or http://).');

const groupFields = {
  name: groupNameSchema,
  /** 0 = Sunday … 6 = Saturday. */
  meetingDay: z.number().int().min(0, 'Pick a day.').max(6, 'Pick a day.').nullable(),
  meetingTime: meetingTimeSchema,
  meetingMinutes: z
    .number({ message: 'Enter the length in minutes.' })
    .int('Enter whole minutes.')
    .min(15, 'Meetings last at least 15 minutes.')
    .max(480, 'Meetings last at most 8 hours (480 minutes).'),
  location: optionalText(200, 'Use at most 200 characters.'),
  videoUrl: videoUrlSchema,
  /** Most fellows the group takes (switches and late joiners); null: no limit. */
  capacity: z.number({ message: 'Enter a number of fellows.' }).int('Enter a whole number.').min(1, 'At least 1 fellow.').max(100, 'At most 100 fellows.').nullable(),
};

export const createGroupInput = z.object({
  name: groupFields.name,
  meetingDay: groupFields.meetingDay.optional(),
  meetingTime: groupFields.meetingTime.optional(),
  meetingMinutes: groupFields.meetingMinutes.optional(),
  location: groupFields.location.optional(),
  videoUrl: groupFields.videoUrl.optional(),
  capacity: groupFields.capacity.optional(),
});

export const updateGroupInput = z.object({
  groupId: z.string().min(1).max(64),
  name: groupFields.name.optional(),
  meetingDay: groupFields.meetingDay.optional(),
  meetingTime: groupFields.meetingTime.optional(),
  meetingMinutes: groupFields.meetingMinutes.optional(),
  location: groupFields.location.optional(),
  videoUrl: groupFields.videoUrl.optional(),
  capacity: groupFields.capacity.optional(),
});

export const deleteGroupInput = z.object({ groupId: z.string().min(1).max(64) });

export const setGroupFacilitatorsInput = z.object({
  groupId: z.string().min(1).max(64),
  /** Facilitator memberships of the cohort who should lead this group; everyone else stops. */
  membershipIds: z.array(z.string().min(1).max(64)).max(20, 'A group has at most 20 facilitators.'),
});

export type CreateGroupInput = z.input<typeof createGroupInput>;
export type UpdateGroupInput = z.input<typeof updateGroupInput>;

/** Lower-case words joined by "-", for a slug derived from a name ("Spring 2027" -> "spring-2027"). */
export function slugifyName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'cohort';
}
