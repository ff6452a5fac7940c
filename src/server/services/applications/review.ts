// The organisers' side of applications: the form's settings, the review table (search,
// filters, several reviewers' scores), bulk decisions that make people members and email them
// through the queue, reviewers per cohort, and the CSV export.
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { DEFAULT_DECISION_TEMPLATES, fillDecisionTemplate, type DecisionTemplate } from '@/lib/decision-templates';
import { displayName, pluralize } from '@/lib/format';
import { can } from '@/lib/permissions';
import {
  APPLICATION_STATUS_LABELS,
  decideApplicationsInput,
  listApplicationsInput,
  reviewApplicationInput,
  reviewerInput,
  saveApplicationFormInput,
  type ApplicationStatusName,
  type Decision,
} from '@/lib/schemas/applications';
import { normaliseEmailAddress } from '@/server/auth/email-address';
import { AppError, outOfReach } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { actingUser, nowOf, type CohortContext, type Db, type UserContext } from '@/server/services/context';
import { queueDeliverable, type NotificationDraft } from '@/server/services/notifications/queue-notifications';
import { plainText } from '@/server/services/standing/export-csv';
import type { AnswerValue, FormQuestion } from './apply';

export type ApplicationFormSettings = {
  exists: boolean;
  isOpen: boolean;
  deadline: Date | null;
  intro: string;
  acceptFacilitators: boolean;
  availabilityDeadline: Date | null;
  questions: FormQuestion[];
  /** The cohort's own decision emails, each falling back to the default. */
  decisionTemplates: Record<Decision, DecisionTemplate>;
  counts: Record<ApplicationStatusName, number>;
};

function templatesOf(stored: Prisma.JsonValue | null | undefined): Record<Decision, DecisionTemplate> {
  const own = (stored ?? {}) as Partial<Record<Decision, DecisionTemplate>>;
  return {
    ACCEPTED: own.ACCEPTED ?? DEFAULT_DECISION_TEMPLATES.ACCEPTED,
    WAITLISTED: own.WAITLISTED ?? DEFAULT_DECISION_TEMPLATES.WAITLISTED,
    REJECTED: own.REJECTED ?? DEFAULT_DECISION_TEMPLATES.REJECTED,
  };
}

async function statusCounts(db: Db, cohortId: string): Promise<Record<ApplicationStatusName, number>> {
  const rows = await db.application.groupBy({ by: ['status'], where: { cohortId }, _count: { _all: true } });
  const counts = Object.fromEntries(Object.keys(APPLICATION_STATUS_LABELS).map((status) => [status, 0])) as Record<ApplicationStatusName, number>;
  for (const row of rows) counts[row.status] = row._count._all;
  return counts;
}

export async function getApplicationFormSettings(ctx: CohortContext): Promise<ApplicationFormSettings> {
  const { db, access } = ctx;
  const [form, counts] = await Promise.all([
    db.applicationForm.findUnique({
      where: { cohortId: access.cohortId },
      select: {
        isOpen: true,
        deadline: true,
        intro: true,
        acceptFacilitators: true,
        availabilityDeadline: true,
        decisionTemplates: true,
        questions: { orderBy: { position: 'asc' }, select: { id: true, kind: true, label: true, help: true, required: true, options: true, forRole: true } },
      },
    }),
    statusCounts(db, access.cohortId),
  ]);
  return {
    exists: form !== null,
    isOpen: form?.isOpen ?? false,
    deadline: form?.deadline ?? null,
    intro: form?.intro ?? '',
    acceptFacilitators: form?.acceptFacilitators ?? true,
    availabilityDeadline: form?.availabilityDeadline ?? null,
    questions: form?.questions ?? [],
    decisionTemplates: templatesOf(form?.decisionTemplates),
    counts,
  };
}

/**
 * Saves the form: its settings and its questions in order. A question keeps its id (and its
 * answers) when `id` names one of this form's questions; others are new; those left out go
 * (answers to them stay in the applications, shown as answers to a removed question).
 */
export async function saveApplicationForm(ctx: CohortContext, rawInput: z.input<typeof saveApplicationFormInput>) {
  const input = saveApplicationFormInput.parse(rawInput);
  const { db, access } = ctx;
  await db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const before = await tx.applicationForm.findUnique({ where: { cohortId: access.cohortId }, select: { isOpen: true, deadline: true, questions: { select: { id: true } } } });
    const known = new Set(before?.questions.map((question) => question.id) ?? []);
    const settings = {
      isOpen: input.isOpen,
      deadline: input.deadline,
      intro: input.intro,
      acceptFacilitators: input.acceptFacilitators,
      availabilityDeadline: input.availabilityDeadline,
      decisionTemplates: input.decisionTemplates as Prisma.InputJsonValue,
    };
    await tx.applicationForm.upsert({ where: { cohortId: access.cohortId }, create: { cohortId: access.cohortId, ...settings }, update: settings });
    await tx.applicationQuestion.deleteMany({ where: { cohortId: access.cohortId } });
    if (input.questions.length) {
      await tx.applicationQuestion.createMany({
        data: input.questions.map(({ id, ...question }, position) => ({ ...(id && known.has(id) ? { id } : {}), cohortId: access.cohortId, position, ...question })),
      });
    }
    await recordAudit(tx, ctx, {
      action: 'applications.form_changed',
      cohortId: access.cohortId,
      summary: `Application form saved: ${input.isOpen ? 'open' : 'closed'}, ${pluralize(input.questions.length, 'question')}`,
      subjectType: 'cohort',
      subjectId: access.cohortId,
      before: before ? { isOpen: before.isOpen, deadline: before.deadline?.toISOString() ?? null, questions: before.questions.length } : undefined,
      after: { isOpen: input.isOpen, deadline: input.deadline?.toISOString() ?? null, questions: input.questions.length },
    });
  });
  return getApplicationFormSettings(ctx);
}

export type ReviewRow = {
  id: string;
  name: string;
  email: string;
  role: 'FELLOW' | 'FACILITATOR';
  status: ApplicationStatusName;
  submittedAt: Date;
  answers: Record<string, AnswerValue>;
  reviews: { reviewerId: string; reviewerName: string; score: number; comment: string }[];
  meanScore: number | null;
  /** The caller's own review. */
  mine: { score: number; comment: string } | null;
  deferredFromCohort: string | null;
};

export type ApplicationTable = {
  cohort: { slug: string; name: string; timeZone: string };
  /** The caller may decide, export and shape the form (admins); reviewers only read and score. */
  canManage: boolean;
  questions: FormQuestion[];
  rows: ReviewRow[];
  counts: Record<ApplicationStatusName, number>;
  /** How many reviewers the cohort has (admins review too). */
  reviewerCount: number;
};

function answerText(value: AnswerValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return Array.isArray(value) ? value.join('; ') : value;
}

/** The review table: confirmed applications (UNCONFIRMED only when asked for), with search and filters. */
export async function listApplications(ctx: CohortContext, rawInput: z.input<typeof listApplicationsInput> = {}): Promise<ApplicationTable> {
  const input = listApplicationsInput.parse(rawInput);
  const { db, access } = ctx;
  const [cohort, questions, applications, counts, reviewerCount] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: access.cohortId }, select: { slug: true, name: true, timeZone: true } }),
    db.applicationQuestion.findMany({ where: { cohortId: access.cohortId }, orderBy: { position: 'asc' }, select: { id: true, kind: true, label: true, help: true, required: true, options: true, forRole: true } }),
    db.application.findMany({
      where: {
        cohortId: access.cohortId,
        status: input.statuses.length ? { in: input.statuses } : { not: 'UNCONFIRMED' },
        ...(input.role ? { role: input.role } : {}),
      },
      orderBy: { submittedAt: 'asc' },
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        status: true,
        submittedAt: true,
        answers: true,
        deferredFrom: { select: { cohort: { select: { name: true } } } },
        reviews: { orderBy: { createdAt: 'asc' }, select: { reviewerId: true, score: true, comment: true, reviewer: { select: { name: true, email: true } } } },
      },
    }),
    statusCounts(db, access.cohortId),
    db.cohortReviewer.count({ where: { cohortId: access.cohortId } }),
  ]);
  const needle = input.search.toLowerCase();
  const me = ctx.user?.id;
  const rows: ReviewRow[] = applications
    .map((application) => {
      const answers = (application.answers ?? {}) as Record<string, AnswerValue>;
      const reviews = application.reviews.map((review) => ({ reviewerId: review.reviewerId, reviewerName: displayName(review.reviewer), score: review.score, comment: review.comment }));
      const own = reviews.find((review) => review.reviewerId === me);
      return {
        id: application.id,
        name: application.name,
        email: application.email,
        role: application.role,
        status: application.status,
        submittedAt: application.submittedAt,
        answers,
        reviews,
        meanScore: reviews.length ? Math.round((reviews.reduce((sum, review) => sum + review.score, 0) / reviews.length) * 10) / 10 : null,
        mine: own ? { score: own.score, comment: own.comment } : null,
        deferredFromCohort: application.deferredFrom?.cohort.name ?? null,
      };
    })
    .filter((row) => {
      if (needle && ![row.name, row.email, ...Object.values(row.answers).map(answerText)].some((text) => text.toLowerCase().includes(needle))) return false;
      if (input.answer) {
        const value = row.answers[input.answer.questionId];
        const values = Array.isArray(value) ? value : [answerText(value)];
        if (!values.includes(input.answer.value)) return false;
      }
      return true;
    });
  return { cohort, canManage: can(access, 'applications.manage'), questions, rows, counts, reviewerCount };
}

async function applicationInCohort(db: Db | Prisma.TransactionClient, cohortId: string, applicationId: string) {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { id: true, cohortId: true, status: true } });
  if (!application || application.cohortId !== cohortId) throw outOfReach('No application with that id in this cohort.');
  return application;
}

/** The caller's score (1–5) and comment; one per reviewer, changed by sending it again. */
export async function reviewApplication(ctx: CohortContext, rawInput: z.input<typeof reviewApplicationInput>) {
  const input = reviewApplicationInput.parse(rawInput);
  const reviewer = actingUser(ctx);
  const application = await applicationInCohort(ctx.db, ctx.access.cohortId, input.applicationId);
  if (application.status === 'UNCONFIRMED') throw new AppError('BAD_REQUEST', 'This application is not confirmed yet.');
  await ctx.db.applicationReview.upsert({
    where: { applicationId_reviewerId: { applicationId: application.id, reviewerId: reviewer.id } },
    create: { applicationId: application.id, reviewerId: reviewer.id, score: input.score, comment: input.comment },
    update: { score: input.score, comment: input.comment },
  });
  return { applicationId: application.id, score: input.score, comment: input.comment };
}

const DECIDABLE = new Set<ApplicationStatusName>(['SUBMITTED', 'WAITLISTED', 'REJECTED', 'ACCEPTED']);

export type DecisionResult = { decided: number; unchanged: number; emailed: number; membersAdded: number };

/**
 * Accept, waitlist or reject applications at once, all or nothing. Accepting makes the
 * applicant a fellow or facilitator of the cohort (an account is made if they have none);
 * an accepted application cannot be turned back here (remove the member instead). Each
 * applicant whose status changes is emailed the cohort's words for the decision, once.
 */
export async function decideApplications(ctx: CohortContext, rawInput: z.input<typeof decideApplicationsInput>): Promise<DecisionResult> {
  const input = decideApplicationsInput.parse(rawInput);
  const decider = actingUser(ctx);
  const { db, access } = ctx;
  const now = nowOf(ctx);
  return db.$transaction(
    async (tx) => {
      await assertCohortWritable(tx, access.cohortId);
      const ids = [...new Set(input.applicationIds)];
      const applications = await tx.application.findMany({
        where: { id: { in: ids } },
        select: { id: true, cohortId: true, status: true, email: true, name: true, role: true, userId: true },
      });
      if (applications.length !== ids.length || applications.some((application) => application.cohortId !== access.cohortId)) {
        throw outOfReach('Some of these applications are not in this cohort.');
      }
      const blocked = applications.filter((application) => !DECIDABLE.has(application.status));
      if (blocked.length) {
        throw new AppError('BAD_REQUEST', `${pluralize(blocked.length, 'application')} cannot be decided (${[...new Set(blocked.map((a) => APPLICATION_STATUS_LABELS[a.status].toLowerCase()))].join(', ')}): leave ${blocked.length === 1 ? 'it' : 'them'} out.`);
      }
      const undoing = applications.filter((application) => application.status === 'ACCEPTED' && input.decision !== 'ACCEPTED');
      if (undoing.length) {
        throw new AppError('BAD_REQUEST', `${pluralize(undoing.length, 'applicant is', 'applicants are')} already accepted and in the cohort: remove them on the members page instead.`);
      }
      const changing = applications.filter((application) => application.status !== input.decision);
      const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: access.cohortId }, select: { name: true, slug: true, timeZone: true, applicationForm: { select: { decisionTemplates: true } } } });
      const templates = templatesOf(cohort.applicationForm?.decisionTemplates);

      let membersAdded = 0;
      const userIds = new Map<string, string>();
      if (input.decision === 'ACCEPTED') {
        for (const application of changing) {
          const user = application.userId
            ? { id: application.userId }
            : await tx.user.upsert({ where: { email: application.email }, create: { email: application.email, name: application.name }, update: {}, select: { id: true } });
          userIds.set(application.id, user.id);
          // An account made by the confirming sign-in has no name yet: the application's.
          await tx.user.updateMany({ where: { id: user.id, name: null }, data: { name: application.name } });
          const existing = await tx.membership.findUnique({ where: { cohortId_userId: { cohortId: access.cohortId, userId: user.id } }, select: { id: true } });
          if (!existing) {
            await tx.membership.create({ data: { cohortId: access.cohortId, userId: user.id, role: application.role } });
            membersAdded++;
          }
        }
      }
      if (changing.length) {
        await tx.application.updateMany({
          where: { id: { in: changing.map((application) => application.id) } },
          data: { status: input.decision, decidedAt: now, decidedById: decider.id },
        });
        for (const [applicationId, userId] of userIds) await tx.application.update({ where: { id: applicationId }, data: { userId } });
      }

      let emailed = 0;
      if (input.notify && changing.length) {
        const drafts: NotificationDraft<'APPLICATION_DECISION'>[] = changing.map((application) => ({
          kind: 'APPLICATION_DECISION',
          dedupeKey: `decision:${application.id}:${input.decision}`,
          toEmail: application.email,
          userId: userIds.get(application.id) ?? application.userId,
          cohortId: access.cohortId,
          subjectId: application.id,
          payload: {
            cohortName: cohort.name,
            cohortSlug: cohort.slug,
            cohortTimeZone: cohort.timeZone,
            decision: input.decision,
            role: application.role,
            ...fillDecisionTemplate(templates[input.decision], { name: application.name, cohort: cohort.name, role: application.role }),
          },
        }));
        emailed = await queueDeliverable(tx, 'APPLICATION_DECISION', access.cohortId, drafts);
      }
      await recordAudit(tx, ctx, {
        action: 'applications.decided',
        cohortId: access.cohortId,
        summary: `${APPLICATION_STATUS_LABELS[input.decision]}: ${pluralize(changing.length, 'application')}${membersAdded ? `, ${pluralize(membersAdded, 'new member')}` : ''}`,
        subjectType: 'cohort',
        subjectId: access.cohortId,
        after: { decision: input.decision, applicationIds: changing.map((application) => application.id), emailed },
      });
      return { decided: changing.length, unchanged: applications.length - changing.length, emailed, membersAdded };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** The cohorts whose applications the signed-in person was asked to review, with how many wait for a decision. */
export async function listReviewAssignments(ctx: UserContext): Promise<{ slug: string; name: string; toDecide: number }[]> {
  const rows = await ctx.db.cohortReviewer.findMany({
    where: { userId: ctx.user.id, cohort: { status: { not: 'ARCHIVED' } } },
    orderBy: { createdAt: 'desc' },
    select: { cohort: { select: { slug: true, name: true, _count: { select: { applications: { where: { status: 'SUBMITTED' } } } } } } },
  });
  return rows.map(({ cohort }) => ({ slug: cohort.slug, name: cohort.name, toDecide: cohort._count.applications }));
}

export type ReviewerRow = { userId: string; name: string; email: string };

export async function listReviewers(ctx: CohortContext): Promise<ReviewerRow[]> {
  const rows = await ctx.db.cohortReviewer.findMany({ where: { cohortId: ctx.access.cohortId }, orderBy: { createdAt: 'asc' }, select: { user: { select: { id: true, name: true, email: true } } } });
  return rows.map(({ user }) => ({ userId: user.id, name: displayName(user), email: user.email }));
}

/** Asks someone to review this cohort's applications (an account is made for a new address: they sign in by link). */
export async function addReviewer(ctx: CohortContext, rawInput: z.input<typeof reviewerInput>): Promise<ReviewerRow[]> {
  const input = reviewerInput.parse(rawInput);
  const email = normaliseEmailAddress(input.email);
  if (!email) throw new AppError('BAD_REQUEST', 'That is not an email address we can write to.', [{ path: 'email', message: 'Check the address for typos.' }]);
  await ctx.db.$transaction(async (tx) => {
    await assertCohortWritable(tx, ctx.access.cohortId);
    const user = await tx.user.upsert({ where: { email }, create: { email }, update: {}, select: { id: true, disabledAt: true } });
    if (user.disabledAt) throw new AppError('BAD_REQUEST', 'That account is disabled: enable it on the People page first.');
    await tx.cohortReviewer.upsert({ where: { cohortId_userId: { cohortId: ctx.access.cohortId, userId: user.id } }, create: { cohortId: ctx.access.cohortId, userId: user.id }, update: {} });
    await recordAudit(tx, ctx, { action: 'applications.reviewer_added', cohortId: ctx.access.cohortId, summary: `${email} reviews applications`, subjectType: 'user', subjectId: user.id });
  });
  return listReviewers(ctx);
}

export async function removeReviewer(ctx: CohortContext, input: { userId: string }): Promise<ReviewerRow[]> {
  await ctx.db.$transaction(async (tx) => {
    const removed = await tx.cohortReviewer.deleteMany({ where: { cohortId: ctx.access.cohortId, userId: input.userId } });
    if (removed.count) await recordAudit(tx, ctx, { action: 'applications.reviewer_removed', cohortId: ctx.access.cohortId, summary: 'A reviewer was removed', subjectType: 'user', subjectId: input.userId });
  });
  return listReviewers(ctx);
}

/** Every application (confirmed or not) with its answers, scores and comments, one row each. */
export async function exportApplicationsCsv(ctx: CohortContext): Promise<string> {
  const table = await listApplications(ctx, { statuses: ['UNCONFIRMED', 'SUBMITTED', 'ACCEPTED', 'WAITLISTED', 'REJECTED', 'WITHDRAWN', 'DEFERRED'] });
  const reviewers = [...new Map(table.rows.flatMap((row) => row.reviews.map((review) => [review.reviewerId, review.reviewerName] as const))).entries()];
  const header = [
    'name',
    'email',
    'role',
    'status',
    'submitted',
    ...table.questions.map((question) => question.label),
    'reviews',
    'mean score',
    ...reviewers.flatMap(([, name]) => [`score: ${name}`, `comment: ${name}`]),
  ];
  const rows = table.rows.map((row) => [
    plainText(row.name),
    plainText(row.email),
    row.role.toLowerCase(),
    APPLICATION_STATUS_LABELS[row.status],
    row.submittedAt.toISOString(),
    ...table.questions.map((question) => plainText(answerText(row.answers[question.id]))),
    String(row.reviews.length),
    row.meanScore === null ? '' : String(row.meanScore),
    ...reviewers.flatMap(([id]) => {
      const review = row.reviews.find((candidate) => candidate.reviewerId === id);
      return [review ? String(review.score) : '', review ? plainText(review.comment) : ''];
    }),
  ]);
  return stringify([header, ...rows]);
}
