// The end-of-course survey: the questions an admin writes, and a fellow's answers.
import { z } from 'zod';

export const SURVEY_KINDS = ['RATING', 'TEXT', 'CHOICE'] as const;

const questionSchema = z
  .object({
    /** Kept for questions that already exist, so their answers stay with them. */
    id: z.string().trim().max(64).optional(),
    kind: z.enum(SURVEY_KINDS),
    label: z.string().trim().min(1, 'Write the question.').max(500, 'Keep a question under 500 characters.'),
    options: z.array(z.string().trim().min(1).max(200)).max(20, 'At most 20 options.').default([]),
    required: z.boolean().default(true),
  })
  .refine((question) => question.kind !== 'CHOICE' || question.options.length >= 2, { message: 'Give a choice question at least two options, one per line.', path: ['options'] });

export const saveSurveyQuestionsInput = z.object({
  questions: z.array(questionSchema).max(30, 'At most 30 questions.'),
});

export const submitSurveyInput = z.object({
  /** By question id: a rating (1–5), a text, or one of the options. */
  answers: z.record(z.string().max(64), z.union([z.number().int().min(1).max(5), z.string().trim().max(4000, 'Keep an answer under 4,000 characters.')])),
});

export type SaveSurveyQuestionsInput = z.input<typeof saveSurveyQuestionsInput>;
export type SubmitSurveyInput = z.input<typeof submitSurveyInput>;
