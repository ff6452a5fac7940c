// The applicant's side: the public form of a cohort, sending an application signed out (it
// waits, UNCONFIRMED, until the email's link is followed), confirming at sign-in, and the
// applicant's own application (editable until the deadline while no decision is made).
import type { Prisma } from '@/generated/prisma/client';
import { LONG_ANSWER_MAX, SHORT_ANSWER_MAX, submitApplicationInput, type QuestionKindName } from '@/lib/schemas/applications';
import { slugSchema } from '@/lib/schemas/slug';
import { isSafeHttpUrl } from '@/lib/safe-url';
import { normaliseEmailAddress } from '@/server/auth/email-address';
import { AppError, outOfReach, type FieldIssue } from '@/server/errors';
import { nowOf, type Db, type ServiceContext } from '@/server/services/context';
import { consumeRateLimit } from '@/server/services/rate-limit/consume-rate-limit';

export type FormQuestion = {
  id: string;
  kind: QuestionKindName;
  label: string;
  help: string;
  required: boolean;
  options: string[];
  forRole: 'FELLOW' | 'FACILITATOR' | null;
};

export type AnswerValue = string | string[] | boolean;

export type OwnApplication = {
  id: string;
  email: string;
  name: string;
  role: 'FELLOW' | 'FACILITATOR';
  status: string;
  answers: Record<string, AnswerValue>;
  submittedAt: Date;
  updatedAt: Date;
  /** The applicant may still change it: before the deadline, and no decision yet. */
  editable: boolean;
};

export type FormState = 'open' | 'closed' | 'past-deadline';

export type PublicApplicationForm = {
  cohort: { slug: string; name: string; term: string | null; startDate: Date; timeZone: string };
  state: FormState;
  deadline: Date | null;
  intro: string;
  acceptFacilitators: boolean;
  questions: FormQuestion[];
  /** The signed-in person's application to this cohort, if any. */
  mine: OwnApplication | null;
};

/** Applications per address per hour: enough to fix a typo many times, too few to flood an inbox. */
const SUBMITS_PER_EMAIL_PER_HOUR = 10;

function stateOf(form: { isOpen: boolean; deadline: Date | null }, now: Date): FormState {
  if (!form.isOpen) return 'closed';
  if (form.deadline && form.deadline <= now) return 'past-deadline';
  return 'open';
}

const DECIDED = new Set(['ACCEPTED', 'WAITLISTED', 'REJECTED', 'WITHDRAWN', 'DEFERRED']);

function ownApplication(row: { id: string; email: string; name: string; role: 'FELLOW' | 'FACILITATOR'; status: string; answers: Prisma.JsonValue; submittedAt: Date; updatedAt: Date }, state: FormState): OwnApplication {
  return { ...row, answers: (row.answers ?? {}) as Record<string, AnswerValue>, editable: state === 'open' && !DECIDED.has(row.status) };
}

async function loadForm(db: Db | Prisma.TransactionClient, slug: string) {
  return db.cohort.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      term: true,
      startDate: true,
      timeZone: true,
      status: true,
      applicationForm: {
        select: {
          isOpen: true,
          deadline: true,
          intro: true,
          acceptFacilitators: true,
          questions: { orderBy: { position: 'asc' }, select: { id: true, kind: true, label: true, help: true, required: true, options: true, forRole: true } },
        },
      },
    },
  });
}

/** The form anyone may see at /apply/<cohort>; null when the cohort has none (or is archived). */
export async function getPublicApplicationForm(ctx: ServiceContext, input: { cohort: string }): Promise<PublicApplicationForm | null> {
  if (!slugSchema.safeParse(input.cohort).success) return null;
  const cohort = await loadForm(ctx.db, input.cohort);
  if (!cohort?.applicationForm || cohort.status === 'ARCHIVED') return null;
  const form = cohort.applicationForm;
  const state = stateOf(form, nowOf(ctx));
  const mineRow = ctx.user
    ? await ctx.db.application.findFirst({
        where: { cohortId: cohort.id, OR: [{ userId: ctx.user.id }, { email: ctx.user.email.toLowerCase() }] },
        select: { id: true, email: true, name: true, role: true, status: true, answers: true, submittedAt: true, updatedAt: true },
      })
    : null;
  return {
    cohort: { slug: cohort.slug, name: cohort.name, term: cohort.term, startDate: cohort.startDate, timeZone: cohort.timeZone },
    state,
    deadline: form.deadline,
    intro: form.intro,
    acceptFacilitators: form.acceptFacilitators,
    questions: form.questions,
    mine: mineRow ? ownApplication(mineRow, state) : null,
  };
}

/**
 * The answers, checked against the questions asked of this role: required ones answered,
 * choices among the options, links that are http(s), lengths within bounds. Answers to
 * questions not asked are dropped. Each problem names its question.
 */
export function checkAnswers(questions: FormQuestion[], role: 'FELLOW' | 'FACILITATOR', raw: Record<string, AnswerValue>): Record<string, AnswerValue> {
  const issues: FieldIssue[] = [];
  const answers: Record<string, AnswerValue> = {};
  for (const question of questions) {
    if (question.forRole && question.forRole !== role) continue;
    const value = raw[question.id];
    const path = `answers.${question.id}`;
    const missing = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (missing) {
      if (question.required) issues.push({ path, message: `“${question.label}” needs an answer.` });
      continue;
    }
    switch (question.kind) {
      case 'SHORT_TEXT':
      case 'LONG_TEXT':
      case 'LINK': {
        if (typeof value !== 'string') {
          issues.push({ path, message: `“${question.label}” needs text.` });
          break;
        }
        const text = question.kind === 'LONG_TEXT' ? value.trim() : value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
        const max = question.kind === 'LONG_TEXT' ? LONG_ANSWER_MAX : SHORT_ANSWER_MAX;
        if (text.length > max) issues.push({ path, message: `“${question.label}”: keep it under ${max.toLocaleString('en')} characters (it has ${text.length.toLocaleString('en')}).` });
        else if (question.kind === 'LINK' && !isSafeHttpUrl(text)) issues.push({ path, message: `“${question.label}” needs a link starting with https:// or http://.` });
        else if (text === '') {
          if (question.required) issues.push({ path, message: `“${question.label}” needs an answer.` });
        } else answers[question.id] = text;
        break;
      }
      case 'SINGLE_CHOICE':
        if (typeof value !== 'string' || !question.options.includes(value)) issues.push({ path, message: `“${question.label}”: choose one of the options.` });
        else answers[question.id] = value;
        break;
      case 'MULTIPLE_CHOICE': {
        const chosen = Array.isArray(value) ? [...new Set(value)] : [];
        if (!Array.isArray(value) || chosen.some((choice) => !question.options.includes(choice))) issues.push({ path, message: `“${question.label}”: choose among the options.` });
        else answers[question.id] = question.options.filter((option) => chosen.includes(option));
        break;
      }
      case 'YES_NO':
        if (typeof value !== 'boolean') issues.push({ path, message: `“${question.label}”: answer yes or no.` });
        else answers[question.id] = value;
        break;
    }
  }
  if (issues.length) throw new AppError('BAD_REQUEST', issues.length === 1 ? issues[0]!.message : `${issues.length} answers need attention: ${issues.map((i) => i.message).join(' ')}`, issues);
  return answers;
}

export type SubmitResult = {
  applicationId: string;
  /** The email's link must be followed before reviewers see it (signed out, or another address). */
  needsConfirmation: boolean;
  email: string;
};

/**
 * Sends or updates an application. Signed in with the same address: saved as SUBMITTED (or
 * updated, until the deadline and while undecided). Otherwise it waits as UNCONFIRMED until the
 * sign-in link sent to the address is followed; an address that already has a confirmed
 * application must sign in to change it, so nobody can overwrite someone else's answers.
 */
export async function submitApplication(ctx: ServiceContext, rawInput: unknown): Promise<SubmitResult> {
  const input = submitApplicationInput.parse(rawInput);
  const now = nowOf(ctx);
  const email = normaliseEmailAddress(input.email);
  if (!email) throw new AppError('BAD_REQUEST', 'That is not an email address we can write to: check it for typos.', [{ path: 'email', message: 'Check the email address for typos.' }]);
  const cohort = await loadForm(ctx.db, input.cohort);
  if (!cohort?.applicationForm || cohort.status === 'ARCHIVED') throw new AppError('NOT_FOUND', 'This cohort takes no applications.');
  const form = cohort.applicationForm;
  const state = stateOf(form, now);
  if (state === 'closed') throw new AppError('BAD_REQUEST', 'Applications to this cohort are closed.');
  if (state === 'past-deadline') throw new AppError('BAD_REQUEST', 'The deadline for applications has passed.');
  if (input.role === 'FACILITATOR' && !form.acceptFacilitators) throw new AppError('BAD_REQUEST', 'This cohort takes applications from fellows only.', [{ path: 'role', message: 'Apply as a fellow.' }]);
  const answers = checkAnswers(form.questions, input.role, input.answers);

  const limit = await consumeRateLimit(ctx.db, `apply-email:${email}`, SUBMITS_PER_EMAIL_PER_HOUR, 3600);
  if (!limit.allowed) throw new AppError('TOO_MANY_REQUESTS', `Too many applications from this address for now: try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`, undefined, limit.retryAfterSeconds);

  const signedInAs = ctx.user && ctx.user.email.toLowerCase() === email ? ctx.user : null;
  return ctx.db.$transaction(async (tx) => {
    const existing = await tx.application.findUnique({ where: { cohortId_email: { cohortId: cohort.id, email } }, select: { id: true, status: true } });
    if (existing && DECIDED.has(existing.status)) throw new AppError('CONFLICT', 'A decision has been made on this application: it can no longer be changed.');
    if (existing && existing.status !== 'UNCONFIRMED' && !signedInAs) {
      throw new AppError('CONFLICT', 'An application from this address is already in. Sign in with it to see or change it.', [{ path: 'email', message: 'Sign in to change your application.' }]);
    }
    const data = { name: input.name, role: input.role, answers: answers as Prisma.InputJsonValue };
    const status = signedInAs ? 'SUBMITTED' : 'UNCONFIRMED';
    const saved = existing
      ? await tx.application.update({
          where: { id: existing.id },
          data: { ...data, ...(existing.status === 'UNCONFIRMED' ? { status, submittedAt: now, ...(signedInAs ? { userId: signedInAs.id, confirmedAt: now } : {}) } : {}) },
          select: { id: true, status: true },
        })
      : await tx.application.create({
          data: { ...data, cohortId: cohort.id, email, status, submittedAt: now, ...(signedInAs ? { userId: signedInAs.id, confirmedAt: now } : {}) },
          select: { id: true, status: true },
        });
    return { applicationId: saved.id, needsConfirmation: saved.status === 'UNCONFIRMED', email };
  });
}

/** At sign-in: the person's unconfirmed applications become SUBMITTED and theirs. */
export async function confirmApplications(ctx: ServiceContext, input: { userId: string; email: string }): Promise<number> {
  const email = input.email.trim().toLowerCase();
  const now = nowOf(ctx);
  // The account the link just made has no name: the one they applied with.
  const named = await ctx.db.application.findFirst({ where: { email }, orderBy: { submittedAt: 'desc' }, select: { name: true } });
  if (named) await ctx.db.user.updateMany({ where: { id: input.userId, name: null }, data: { name: named.name } });
  const confirmed = await ctx.db.application.updateMany({
    where: { email, status: 'UNCONFIRMED', cohort: { status: { not: 'ARCHIVED' } } },
    data: { status: 'SUBMITTED', confirmedAt: now, userId: input.userId },
  });
  // Applications sent while signed in with another address, now claimed by their owner.
  await ctx.db.application.updateMany({ where: { email, userId: null }, data: { userId: input.userId } });
  return confirmed.count;
}

/** Whether an address may sign in because it applied: an application waiting in a live cohort. */
export async function hasLiveApplication(db: Db, email: string): Promise<boolean> {
  const row = await db.application.findFirst({ where: { email: email.trim().toLowerCase(), cohort: { status: { not: 'ARCHIVED' } } }, select: { id: true } });
  return row !== null;
}

/** The applicant withdraws their application (before a decision). */
export async function withdrawApplication(ctx: ServiceContext, input: { applicationId: string }): Promise<void> {
  const user = ctx.user;
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in to withdraw your application.');
  const application = await ctx.db.application.findUnique({ where: { id: input.applicationId }, select: { id: true, status: true, userId: true } });
  if (!application || application.userId !== user.id) throw outOfReach('You have no such application.');
  if (DECIDED.has(application.status)) throw new AppError('CONFLICT', 'A decision has been made on this application: write to the organisers instead.');
  await ctx.db.application.update({ where: { id: application.id }, data: { status: 'WITHDRAWN', decidedAt: nowOf(ctx) } });
}
