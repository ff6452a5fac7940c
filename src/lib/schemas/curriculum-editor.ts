// Inputs of the curriculum editor (src/server/services/curriculum-editor), shared with the
// editor's forms so that a field can say what is wrong before the server does. Every
// mutation names the curriculum by slug; the target must belong to it.
import { z } from 'zod';
import { slugSchema } from './slug';
import { singleLine } from '@/lib/schemas/text';
import { findMarkdownHazard, MARKDOWN_LIMITS } from '@/lib/markdown-limits';
import { importableUrl } from '@/lib/syllabus/syllabus-text';

export const SECTION_KINDS = ['CORE', 'PRACTICAL', 'OPTIONAL', 'OTHER'] as const;
export const ITEM_KINDS = ['READING', 'VIDEO', 'NOTEBOOK', 'EXERCISE'] as const;
export const GOAL_CATEGORIES = ['THEORETICAL', 'PRACTICAL', 'GENERAL'] as const;

export const MAX_ITEM_MINUTES = 1000;

export const URL_MESSAGE = 'Enter a web address that starts with https:// or http://, or a mailto: address.';

const id = z.string().min(1).max(64);
const curriculum = slugSchema;

const required = (max: number) =>
  singleLine().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
/** Optional text: blank means none. */
const optional = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .transform((value) => (value === null || value.trim() === '' ? null : value));
const optionalLine = (max: number) =>
  singleLine()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .transform((value) => (value === null || value === '' ? null : value));

/** Markdown notes: within the length and shape the renderer parses quickly (lib/markdown-limits). */
const notes = optional(MARKDOWN_LIMITS.maxNoteChars).superRefine((value, context) => {
  const hazard = value === null ? null : findMarkdownHazard(value);
  if (hazard) context.addIssue({ code: 'custom', message: hazard.message.replace(/^Line \d+/, (line) => `${line} of the notes`) });
});
const urlField = z
  .string()
  .max(4000, 'must be at most 4000 characters')
  .nullable()
  .transform((value) => (value === null || value.trim() === '' ? null : value.trim()))
  // The importer's rule, so an edited syllabus exports and imports back the same.
  .refine((value) => value === null || importableUrl(value) !== null, URL_MESSAGE);
const minutesField = z
  .number({ error: 'must be a whole number of minutes' })
  .int('must be a whole number of minutes')
  .min(0, 'must be 0 or more')
  .max(MAX_ITEM_MINUTES, `must be at most ${MAX_ITEM_MINUTES} minutes`)
  .nullable();
const weekNumber = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1000, 'must be at most 1000').nullable();
const span = z.number().int('must be a whole number').min(1, 'must be at least 1').max(52, 'must be at most 52');
/** Where to put a new or moved node, from 1; past the end means last. */
const position = z.number().int().min(1).max(100_000);

// --- Curriculum -----------------------------------------------------------------------------

export const curriculumRefInput = z.object({ curriculum });

/** "Check links" asks for a batch at a time, so the editor can show its progress. */
export const MAX_LINKS_PER_CHECK = 10;
export const checkLinksInput = z.object({ curriculum, itemIds: z.array(id).min(1).max(MAX_LINKS_PER_CHECK) });

export const updateCurriculumInput = z.object({
  curriculum,
  title: required(500).optional(),
  description: optionalLine(2000).optional(),
  notes: notes.optional(),
});

// --- Weeks ----------------------------------------------------------------------------------

const weekFields = {
  title: required(500),
  label: optionalLine(100),
  number: weekNumber,
  span,
  part: optionalLine(500),
  notes,
};

export const addWeekInput = z.object({
  curriculum,
  position: position.optional(),
  title: weekFields.title.default('New week'),
  number: weekNumber.optional(),
  span: span.optional(),
});

export const updateWeekInput = z.object({
  curriculum,
  weekId: id,
  title: weekFields.title.optional(),
  label: weekFields.label.optional(),
  number: weekFields.number.optional(),
  span: weekFields.span.optional(),
  part: weekFields.part.optional(),
  notes: weekFields.notes.optional(),
});

export const weekRefInput = z.object({ curriculum, weekId: id });
export const moveWeekInput = z.object({ curriculum, weekId: id, toPosition: position });

// --- Sections -------------------------------------------------------------------------------

export const addSectionInput = z.object({
  curriculum,
  weekId: id,
  position: position.optional(),
  title: required(500).default('New section'),
  kind: z.enum(SECTION_KINDS).default('CORE'),
});

export const updateSectionInput = z.object({
  curriculum,
  sectionId: id,
  title: required(500).optional(),
  kind: z.enum(SECTION_KINDS).optional(),
  /** The stated total as written ("70 mins", "< 200 mins"); its minutes are worked out from it. */
  statedText: optionalLine(100).optional(),
  group: optionalLine(500).optional(),
});

export const sectionRefInput = z.object({ curriculum, sectionId: id });
export const moveSectionInput = z.object({ curriculum, sectionId: id, toWeekId: id.optional(), toPosition: position });

// --- Items (readings) -----------------------------------------------------------------------

export const addItemInput = z.object({
  curriculum,
  sectionId: id,
  position: position.optional(),
  title: required(2000).default('New reading'),
  url: urlField.optional(),
  minutes: minutesField.optional(),
  optional: z.boolean().optional(),
  note: optionalLine(4000).optional(),
  kind: z.enum(ITEM_KINDS).optional(),
});

export const EXERCISE_SLUG_MESSAGE = 'Use lower-case letters, digits and dashes (e.g. vae or policy-gradient), at most 40.';

export const updateItemInput = z.object({
  curriculum,
  itemId: id,
  title: required(2000).optional(),
  url: urlField.optional(),
  minutes: minutesField.optional(),
  optional: z.boolean().optional(),
  note: optionalLine(4000).optional(),
  kind: z.enum(ITEM_KINDS).optional(),
  /** For exercises: the name training jobs send (`exercise: "vae"`); null: not set up for runs. */
  exerciseSlug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, EXERCISE_SLUG_MESSAGE)
    .nullable()
    .optional(),
  primaryMetric: optionalLine(100).optional(),
  higherIsBetter: z.boolean().nullable().optional(),
  /** For exercises: the readings it builds on, by URL (or title). */
  buildsOn: z.array(z.string().trim().min(1).max(4000)).max(50, 'At most 50 readings.').optional(),
});

export const itemRefInput = z.object({ curriculum, itemId: id });
export const moveItemInput = z.object({ curriculum, itemId: id, toSectionId: id.optional(), toPosition: position });

// --- Learning goals -------------------------------------------------------------------------

export const addGoalInput = z.object({
  curriculum,
  weekId: id,
  position: position.optional(),
  text: required(4000).default('New learning goal'),
  category: z.enum(GOAL_CATEGORIES).default('GENERAL'),
});

export const updateGoalInput = z.object({
  curriculum,
  goalId: id,
  text: required(4000).optional(),
  category: z.enum(GOAL_CATEGORIES).optional(),
});

export const goalRefInput = z.object({ curriculum, goalId: id });
export const moveGoalInput = z.object({ curriculum, goalId: id, toPosition: position });

// --- Discussion prompts --------------------------------------------------------------------

const PROMPT_KINDS = ['DISCUSSION', 'REFLECTION'] as const;

export const addPromptInput = z.object({
  curriculum,
  weekId: id,
  position: position.optional(),
  text: required(4000).default('New discussion question?'),
  kind: z.enum(PROMPT_KINDS).default('DISCUSSION'),
});

export const updatePromptInput = z.object({
  curriculum,
  promptId: id,
  text: required(4000).optional(),
  kind: z.enum(PROMPT_KINDS).optional(),
});

export const promptRefInput = z.object({ curriculum, promptId: id });
export const movePromptInput = z.object({ curriculum, promptId: id, toPosition: position });

// --- Snapshots: what a delete returns and a restore takes back -----------------------------
// Lenient about text (an imported syllabus may hold an empty title) but not about links.

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

const itemSnapshot = z.object({
  id,
  position,
  kind: z.enum(ITEM_KINDS),
  title: text(2000),
  url: urlField,
  minutes: minutesField,
  minutesText: optionalLine(100),
  optional: z.boolean(),
  note: optionalLine(4000),
  exerciseSlug: z.string().max(40).nullable().default(null),
  primaryMetric: optionalLine(100).default(null),
  higherIsBetter: z.boolean().nullable().default(null),
  buildsOn: z.array(z.string().max(4000)).max(50).default([]),
});

const sectionSnapshot = z.object({
  id,
  position,
  title: text(500),
  kind: z.enum(SECTION_KINDS),
  statedMinutes: z.number().int().min(0).max(100_000).nullable(),
  statedText: optionalLine(100),
  group: optionalLine(500),
  items: z.array(itemSnapshot).max(1000),
});

const goalSnapshot = z.object({ id, position, category: z.enum(GOAL_CATEGORIES), text: text(4000) });
const promptSnapshot = z.object({ id, position, kind: z.enum(PROMPT_KINDS), text: text(4000) });

const weekSnapshot = z.object({
  id,
  position,
  number: weekNumber,
  span,
  label: optionalLine(100),
  title: text(500),
  part: optionalLine(500),
  partNotes: notes,
  notes,
  sections: z.array(sectionSnapshot).max(200),
  goals: z.array(goalSnapshot).max(500),
  promptsTitle: optionalLine(500).default(null),
  prompts: z.array(promptSnapshot).max(100).default([]),
});

export const restoreWeekInput = z.object({ curriculum, week: weekSnapshot });
export const restoreSectionInput = z.object({ curriculum, weekId: id, section: sectionSnapshot });
export const restoreItemInput = z.object({ curriculum, sectionId: id, item: itemSnapshot });
export const restoreGoalInput = z.object({ curriculum, weekId: id, goal: goalSnapshot });
export const restorePromptInput = z.object({ curriculum, weekId: id, prompt: promptSnapshot });

export type ItemSnapshot = z.input<typeof itemSnapshot>;
export type SectionSnapshot = z.input<typeof sectionSnapshot>;
export type GoalSnapshot = z.input<typeof goalSnapshot>;
export type WeekSnapshot = z.input<typeof weekSnapshot>;

// --- Cohorts' copies ------------------------------------------------------------------------

export const cohortTemplateInput = z.object({ cohort: slugSchema });
