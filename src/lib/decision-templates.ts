// The emails an applicant gets when an admin decides: the cohort's own words when it has set
// them (application form settings), these otherwise. {name}, {cohort} and {role} are filled in.
import type { Decision } from '@/lib/schemas/applications';

export type DecisionTemplate = { subject: string; body: string };

export const DEFAULT_DECISION_TEMPLATES: Record<Decision, DecisionTemplate> = {
  ACCEPTED: {
    subject: 'You have a place in {cohort}',
    body: 'Dear {name},\n\nWe are glad to tell you that you have a place in {cohort} as a {role}.\n\nNext, tell us when you are free each week, so we can put you in a discussion group that meets at a time that suits you.',
  },
  WAITLISTED: {
    subject: 'Your application to {cohort}: on the waiting list',
    body: 'Dear {name},\n\nThank you for applying to {cohort}. We had more applications than places, and you are on our waiting list. If a place opens, we will write to you at once.',
  },
  REJECTED: {
    subject: 'Your application to {cohort}',
    body: 'Dear {name},\n\nThank you for applying to {cohort}. We had many more applications than places, and we cannot offer you one this time. We hope you will apply again to a later round.',
  },
};

export const DECISION_PLACEHOLDERS = ['{name}', '{cohort}', '{role}'] as const;

export function fillDecisionTemplate(template: DecisionTemplate, values: { name: string; cohort: string; role: 'FELLOW' | 'FACILITATOR' }): DecisionTemplate {
  const fill = (text: string) =>
    text.replaceAll('{name}', values.name).replaceAll('{cohort}', values.cohort).replaceAll('{role}', values.role === 'FACILITATOR' ? 'facilitator' : 'fellow');
  return { subject: fill(template.subject), body: fill(template.body) };
}
