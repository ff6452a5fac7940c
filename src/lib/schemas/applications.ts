// Inputs of applications: the admin's form (questions, deadline, open or not), an applicant's
// answers, reviewers' scores, and the admin's decisions. Answers are checked against the
// form's questions by the service (`checkAnswers`), since the questions live in the database.
import { z } from 'zod';
import { singleLine } from '@/lib/schemas/text';

export const QUESTION_KINDS = ['SHORT_TEXT', 'LONG_TEXT', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'LINK', 'YES_NO'] as const;
export type QuestionKindName = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKindName, string> = {
  SHORT_TEXT: 'Short text',
  LONG_TEXT: 'Long text',
  SINGLE_CHOICE: 'One choice',
  MULTIPLE_CHOICE: 'Several choices',
  LINK: 'A link',
  YES_NO: 'Yes or no',
};

export const APPLICATION_ROLES = ['FELLOW', 'FACILITATOR'] as const;
export const DECISIONS = ['ACCEPTED', 'WAITLISTED', 'REJECTED'] as const;
export type Decision = (typeof DECISIONS)[number];
export const APPLICATION_STATUSES = ['UNCONFIRMED', 'SUBMITTED', 'ACCEPTED', 'WAITLISTED', 'REJECTED', 'WITHDRAWN', 'DEFERRED'] as const;
export type ApplicationStatusName = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatusName, string> = {
  UNCONFIRMED: 'Email not confirmed',
  SUBMITTED: 'Submitted',
  ACCEPTED: 'Accepted',
  WAITLISTED: 'Waitlisted',
  REJECTED: 'Not accepted',
  WITHDRAWN: 'Withdrawn',
  DEFERRED: 'Deferred',
};

export const SHORT_ANSWER_MAX = 300;
export const LONG_ANSWER_MAX = 5000;

export const questionInput = z
  .object({
    /** An existing question's id keeps its answers; absent for a new question. */
    id: z.string().min(1).max(64).optional(),
    kind: z.enum(QUESTION_KINDS),
    label: singleLine().min(1, 'Write the question.').max(300, 'Keep the question under 300 characters.'),
    help: z.string().trim().max(1000, 'Keep the help under 1,000 characters.').default(''),
    required: z.boolean().default(false),
    options: z.array(singleLine().min(1, 'A choice cannot be empty.').max(200, 'Keep each choice under 200 characters.')).max(30, 'At most 30 choices.').default([]),
    /** Asked only of applicants for this role; null: of everyone. */
    forRole: z.enum(APPLICATION_ROLES).nullable().default(null),
  })
  .superRefine((question, ctx) => {
    const choices = question.kind === 'SINGLE_CHOICE' || question.kind === 'MULTIPLE_CHOICE';
    if (choices && question.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Give at least two choices.' });
    if (choices && new Set(question.options.map((o) => o.toLowerCase())).size !== question.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Two choices are the same.' });
    }
  })
  .transform((question) => ({ ...question, options: question.kind === 'SINGLE_CHOICE' || question.kind === 'MULTIPLE_CHOICE' ? question.options : [] }));

/** An instant as an ISO string with its offset (forms, the CLI) or a Date (parsed once already). */
const instant = z.union([z.date(), z.iso.datetime({ offset: true, message: 'Give a date and time.' }).transform((value) => new Date(value))]);

export const saveApplicationFormInput = z.object({
  isOpen: z.boolean(),
  deadline: instant.nullable(),
  intro: z.string().trim().max(5000, 'Keep the introduction under 5,000 characters.').default(''),
  acceptFacilitators: z.boolean().default(true),
  questions: z
    .array(questionInput)
    .max(40, 'At most 40 questions.')
    .refine((questions) => new Set(questions.flatMap((q) => (q.id ? [q.id] : []))).size === questions.filter((q) => q.id).length, 'A question is listed twice.'),
  availabilityDeadline: instant.nullable().default(null),
  decisionTemplates: z
    .partialRecord(
      z.enum(DECISIONS),
      z.object({
        subject: singleLine().min(1, 'Write a subject.').max(150, 'Keep the subject under 150 characters.'),
        body: z.string().trim().min(1, 'Write the message.').max(10_000, 'Keep the message under 10,000 characters.'),
      }),
    )
    .default({}),
});

export const answerValue = z.union([z.string().max(LONG_ANSWER_MAX + 1000), z.array(z.string().max(300)).max(30), z.boolean()]);

export const submitApplicationInput = z.object({
  cohort: z.string().min(1).max(64),
  email: z.string().trim().min(1, 'Write your email address.').max(254, 'That email address is too long.'),
  name: singleLine().min(1, 'Write your name.').max(200, 'Keep your name under 200 characters.'),
  role: z.enum(APPLICATION_ROLES).default('FELLOW'),
  answers: z.record(z.string().max(64), answerValue).default({}),
});

export const listApplicationsInput = z.object({
  search: z.string().trim().max(200).default(''),
  statuses: z.array(z.enum(APPLICATION_STATUSES)).max(7).default([]),
  role: z.enum(APPLICATION_ROLES).nullable().default(null),
  /** Only applications that answered this question with this value (a choice, or "yes"/"no"). */
  answer: z.object({ questionId: z.string().min(1).max(64), value: z.string().max(300) }).nullable().default(null),
});

export const reviewApplicationInput = z.object({
  applicationId: z.string().min(1).max(64),
  score: z.number().int().min(1, 'Scores go from 1 to 5.').max(5, 'Scores go from 1 to 5.'),
  comment: z.string().trim().max(2000, 'Keep the comment under 2,000 characters.').default(''),
});

export const decideApplicationsInput = z.object({
  applicationIds: z.array(z.string().min(1).max(64)).min(1, 'Choose at least one application.').max(5000),
  decision: z.enum(DECISIONS),
  /** Email each applicant the decision (the cohort's template). */
  notify: z.boolean().default(true),
});

export const reviewerInput = z.object({
  email: z.string().trim().min(1, 'Write an email address.').max(254),
});
