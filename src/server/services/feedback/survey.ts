// The end-of-course survey: admins write its questions; fellows answer it once the cohort is in
// its last week (and may change their answers until the cohort is archived); admins read the
// results and a CSV. Where the cohort says so, a certificate needs it filled in.
import { cohortSettingsOf } from '@/server/services/cohorts/cohort-access';
import { getCurriculumTree } from '@/server/services/curricula/curriculum-tree-cache';
import { stringify } from 'csv-stringify/sync';
import { locateCurrentUnit } from '@/lib/cohort-calendar';
import { displayName } from '@/lib/format';
import { saveSurveyQuestionsInput, submitSurveyInput, type SaveSurveyQuestionsInput, type SubmitSurveyInput } from '@/lib/schemas/survey';
import { AppError } from '@/server/errors';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { nowOf, type CohortContext } from '@/server/services/context';
import { requireFellowMembership } from '@/server/services/progress/fellow-membership';
import { plainText } from '@/server/services/standing/export-csv';

const questionSelect = { id: true, position: true, kind: true, label: true, options: true, required: true } as const;

type Answers = Record<string, number | string>;

/** Open from the cohort's last unit on (and after it ends), while it is not archived. */
async function isSurveyOpen(ctx: CohortContext): Promise<boolean> {
  // The cohort's settings came with the caller's access; its weeks from the shared tree.
  const cohort = await cohortSettingsOf(ctx.db, ctx.access);
  if (!cohort) return false;
  const tree = await getCurriculumTree(ctx.db, cohort.curriculum);
  const weeks = tree?.weeks ?? [];
  if (cohort.status === 'ARCHIVED' || weeks.length === 0) return false;
  const located = locateCurrentUnit(cohort, weeks, nowOf(ctx));
  if (!located) return false;
  return located.phase === 'after' || located.unitIndex === weeks.length - 1;
}

/** The survey as a fellow sees it: the questions, their answers, and whether it is open. */
export async function getMySurvey(ctx: CohortContext) {
  const { db, access } = ctx;
  const questionsOf = { where: { cohortId: access.cohortId }, orderBy: { position: 'asc' as const }, select: questionSelect };
  // A member's answers and the cohort's questions in one read (through the membership).
  const [member, open] = await Promise.all([
    access.membershipId
      ? db.membership.findFirst({
          where: { id: access.membershipId, cohortId: access.cohortId },
          select: { surveyResponse: { select: { answers: true, updatedAt: true } }, cohort: { select: { surveyQuestions: questionsOf } } },
        })
      : null,
    isSurveyOpen(ctx),
  ]);
  const questions = member ? member.cohort.surveyQuestions : await db.surveyQuestion.findMany(questionsOf);
  const response = member?.surveyResponse ?? null;
  return { open: open && questions.length > 0, questions, answers: (response?.answers ?? {}) as Answers, submittedAt: response?.updatedAt ?? null };
}

export async function saveSurveyQuestions(ctx: CohortContext, rawInput: SaveSurveyQuestionsInput) {
  const input = saveSurveyQuestionsInput.parse(rawInput);
  const { db, access } = ctx;
  return db.$transaction(async (tx) => {
    const existing = new Set((await tx.surveyQuestion.findMany({ where: { cohortId: access.cohortId }, select: { id: true } })).map((row) => row.id));
    const kept = input.questions.flatMap((question) => (question.id && existing.has(question.id) ? [question.id] : []));
    await tx.surveyQuestion.deleteMany({ where: { cohortId: access.cohortId, id: { notIn: kept } } });
    for (const [index, question] of input.questions.entries()) {
      const data = { position: index + 1, kind: question.kind, label: question.label, options: question.kind === 'CHOICE' ? question.options : [], required: question.required };
      if (question.id && existing.has(question.id)) await tx.surveyQuestion.update({ where: { id: question.id }, data });
      else await tx.surveyQuestion.create({ data: { ...data, cohortId: access.cohortId } });
    }
    return tx.surveyQuestion.findMany({ where: { cohortId: access.cohortId }, orderBy: { position: 'asc' }, select: questionSelect });
  });
}

export async function submitSurvey(ctx: CohortContext, rawInput: SubmitSurveyInput) {
  const input = submitSurveyInput.parse(rawInput);
  const { db, access } = ctx;
  // Only fellows answer; then only once it is open.
  await requireFellowMembership(db, access);
  if (!(await isSurveyOpen(ctx))) throw new AppError('CONFLICT', 'The survey opens in the cohort’s last week.');
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const membershipId = await requireFellowMembership(tx, access);
    const questions = await tx.surveyQuestion.findMany({ where: { cohortId: access.cohortId }, orderBy: { position: 'asc' }, select: questionSelect });
    const answers: Answers = {};
    const issues: { path: string; message: string }[] = [];
    for (const question of questions) {
      const value = input.answers[question.id];
      const empty = value === undefined || value === '';
      if (empty) {
        if (question.required) issues.push({ path: `answers.${question.id}`, message: `Answer “${question.label}”.` });
        continue;
      }
      if (question.kind === 'RATING' && typeof value !== 'number') issues.push({ path: `answers.${question.id}`, message: 'Choose a number from 1 to 5.' });
      else if (question.kind === 'CHOICE' && !question.options.includes(String(value))) issues.push({ path: `answers.${question.id}`, message: 'Choose one of the options.' });
      else if (question.kind === 'TEXT' && typeof value !== 'string') issues.push({ path: `answers.${question.id}`, message: 'Write an answer.' });
      else answers[question.id] = value;
    }
    if (issues.length) throw new AppError('BAD_REQUEST', issues[0]!.message, issues);
    const saved = await tx.surveyResponse.upsert({
      where: { membershipId },
      create: { membershipId, cohortId: access.cohortId, answers },
      update: { answers },
      select: { updatedAt: true },
    });
    await tx.membership.update({ where: { id: membershipId }, data: { lastActivityAt: nowOf(ctx) } });
    return { submittedAt: saved.updatedAt };
  });
}

export async function getSurveyResults(ctx: CohortContext) {
  const { db, access } = ctx;
  const [questions, responses, fellows] = await Promise.all([
    db.surveyQuestion.findMany({ where: { cohortId: access.cohortId }, orderBy: { position: 'asc' }, select: questionSelect }),
    db.surveyResponse.findMany({
      where: { cohortId: access.cohortId },
      orderBy: { submittedAt: 'asc' },
      select: { answers: true, membership: { select: { user: { select: { name: true, email: true } } } } },
    }),
    db.membership.count({ where: { cohortId: access.cohortId, role: 'FELLOW', leftAt: null } }),
  ]);
  return {
    fellows,
    responses: responses.length,
    questions: questions.map((question) => {
      const values = responses.map((response) => ({ name: displayName(response.membership.user), value: (response.answers as Answers)[question.id] })).filter((entry) => entry.value !== undefined);
      if (question.kind === 'RATING') {
        const numbers = values.map((entry) => Number(entry.value));
        const distribution = [1, 2, 3, 4, 5].map((rating) => numbers.filter((value) => value === rating).length);
        return { ...question, answered: numbers.length, average: numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null, distribution, counts: [], texts: [] };
      }
      if (question.kind === 'CHOICE') {
        return { ...question, answered: values.length, average: null, distribution: [], counts: question.options.map((option) => ({ option, count: values.filter((entry) => entry.value === option).length })), texts: [] };
      }
      return { ...question, answered: values.length, average: null, distribution: [], counts: [], texts: values.map((entry) => ({ name: entry.name, text: String(entry.value) })) };
    }),
  };
}

/** One row per response: the fellow, then each question's answer. */
export async function exportSurveyCsv(ctx: CohortContext): Promise<string> {
  const { db, access } = ctx;
  const [questions, responses] = await Promise.all([
    db.surveyQuestion.findMany({ where: { cohortId: access.cohortId }, orderBy: { position: 'asc' }, select: { id: true, label: true } }),
    db.surveyResponse.findMany({
      where: { cohortId: access.cohortId },
      orderBy: { submittedAt: 'asc' },
      select: { answers: true, updatedAt: true, membership: { select: { user: { select: { name: true, email: true } } } } },
    }),
  ]);
  return stringify([
    ['Fellow', 'Email', ...questions.map((question) => plainText(question.label)), 'Updated'],
    ...responses.map((response) => {
      const answers = response.answers as Answers;
      return [
        plainText(displayName(response.membership.user)),
        plainText(response.membership.user.email),
        ...questions.map((question) => (answers[question.id] === undefined ? '' : plainText(String(answers[question.id])))),
        response.updatedAt.toISOString(),
      ];
    }),
  ]);
}

