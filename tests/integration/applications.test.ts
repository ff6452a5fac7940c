// Applications against real PostgreSQL: the admin's form, applying signed out (UNCONFIRMED until
// the link), confirming at sign-in, every answer checked with the question named, nobody
// overwriting a confirmed application, reviewers and scores, bulk decisions that make members
// and queue one email each, and the CSV export.
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { confirmApplications, getPublicApplicationForm, submitApplication, withdrawApplication } from '@/server/services/applications/apply';
import {
  addReviewer,
  decideApplications,
  exportApplicationsCsv,
  getApplicationFormSettings,
  listApplications,
  reviewApplication,
  saveApplicationForm,
} from '@/server/services/applications/review';
import { resolveCohortAccess } from '@/server/services/cohorts/cohort-access';
import { checkSignInAllowed } from '@/server/services/invitations/sign-in-policy';
import { createCohort, createUser, asSystem, asUser, inCohort } from '../factories';
import { caughtAppError } from '../support/app-errors';

const NOW = new Date('2027-01-10T12:00:00Z');
const DEADLINE = new Date('2027-01-20T23:59:00Z');

describe('applications', () => {
  let cohort: { id: string; slug: string };
  let admin: Awaited<ReturnType<typeof createUser>>;
  let adminCtx: ReturnType<typeof inCohort>;
  let questionIds: Record<string, string>;

  beforeAll(async () => {
    cohort = await createCohort({ slug: 'apply-2027', name: 'Intro Fellowship 2027' });
    admin = await createUser({ email: 'organiser@example.org', name: 'Olga Organiser', isAdmin: true });
    adminCtx = inCohort({ cohortId: cohort.id, cohortSlug: cohort.slug, role: 'ADMIN', membershipId: null, groupIds: [] }, admin, NOW);
    const saved = await saveApplicationForm(adminCtx, {
      isOpen: true,
      deadline: DEADLINE.toISOString(),
      intro: 'Six weeks of readings and discussion.',
      acceptFacilitators: true,
      questions: [
        { kind: 'LONG_TEXT', label: 'Why do you want to join?', required: true },
        { kind: 'SINGLE_CHOICE', label: 'Background', options: ['ML research', 'Software', 'Policy', 'Other'], required: true },
        { kind: 'MULTIPLE_CHOICE', label: 'Topics you care about', options: ['Interpretability', 'Governance', 'RL'] },
        { kind: 'LINK', label: 'LinkedIn or website' },
        { kind: 'YES_NO', label: 'Can you attend every week?', required: true },
        { kind: 'SHORT_TEXT', label: 'Have you facilitated before?', forRole: 'FACILITATOR', required: true },
      ],
    });
    questionIds = Object.fromEntries(saved.questions.map((question) => [question.label, question.id]));
  });

  const answersFor = (why: string, background = 'Software') => ({
    [questionIds['Why do you want to join?']!]: why,
    [questionIds['Background']!]: background,
    [questionIds['Topics you care about']!]: ['RL', 'Interpretability'],
    [questionIds['Can you attend every week?']!]: true,
  });

  it('shows the form to anyone, and keeps an application signed out as unconfirmed until the link is followed', async () => {
    const form = await getPublicApplicationForm(asSystem(NOW), { cohort: cohort.slug });
    expect(form).toMatchObject({ state: 'open', intro: 'Six weeks of readings and discussion.', mine: null });
    expect(form!.questions.map((q) => q.kind)).toEqual(['LONG_TEXT', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'LINK', 'YES_NO', 'SHORT_TEXT']);

    const sent = await submitApplication(asSystem(NOW), { cohort: cohort.slug, email: ' Ada@Example.ORG ', name: 'Ada Lovelace', answers: answersFor('To think hard about alignment.') });
    expect(sent).toMatchObject({ needsConfirmation: true, email: 'ada@example.org' });
    expect((await listApplications(adminCtx)).rows).toEqual([]);
    expect((await getApplicationFormSettings(adminCtx)).counts.UNCONFIRMED).toBe(1);
    // The address may sign in (its first sign-in confirms the application).
    expect(await checkSignInAllowed(asSystem(NOW), { email: 'ada@example.org' })).toEqual({ allowed: true });

    const ada = await createUser({ email: 'ada@example.org', name: 'Ada Lovelace' });
    expect(await confirmApplications(asSystem(NOW), { userId: ada.id, email: 'ada@example.org' })).toBe(1);
    const rows = (await listApplications(adminCtx)).rows;
    expect(rows.map((row) => [row.name, row.status, row.answers[questionIds['Topics you care about']!]])).toEqual([['Ada Lovelace', 'SUBMITTED', ['Interpretability', 'RL']]]);

    const mine = await getPublicApplicationForm(asUser(ada, NOW), { cohort: cohort.slug });
    expect(mine!.mine).toMatchObject({ status: 'SUBMITTED', editable: true, name: 'Ada Lovelace' });
  });

  it('names the question of every answer that is wrong', async () => {
    const error = await caughtAppError(
      submitApplication(asSystem(NOW), {
        cohort: cohort.slug,
        email: 'bad@example.org',
        name: 'Bad Answers',
        role: 'FACILITATOR',
        answers: {
          [questionIds['Background']!]: 'Astrology',
          [questionIds['LinkedIn or website']!]: 'javascript:alert(1)',
          [questionIds['Can you attend every week?']!]: 'sometimes',
        },
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.details!.map((issue) => [issue.path, issue.message])).toEqual([
      [`answers.${questionIds['Why do you want to join?']}`, '“Why do you want to join?” needs an answer.'],
      [`answers.${questionIds['Background']}`, '“Background”: choose one of the options.'],
      [`answers.${questionIds['LinkedIn or website']}`, '“LinkedIn or website” needs a link starting with https:// or http://.'],
      [`answers.${questionIds['Can you attend every week?']}`, '“Can you attend every week?”: answer yes or no.'],
      [`answers.${questionIds['Have you facilitated before?']}`, '“Have you facilitated before?” needs an answer.'],
    ]);
    expect(await db.application.count({ where: { email: 'bad@example.org' } })).toBe(0);
    expect((await caughtAppError(submitApplication(asSystem(NOW), { cohort: cohort.slug, email: 'not an address', name: 'X', answers: answersFor('x') }))).details).toEqual([
      { path: 'email', message: 'Check the email address for typos.' },
    ]);
  });

  it('lets nobody overwrite a confirmed application signed out; its owner edits it until the deadline', async () => {
    const error = await caughtAppError(submitApplication(asSystem(NOW), { cohort: cohort.slug, email: 'ada@example.org', name: 'Mallory', answers: answersFor('Overwritten') }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/Sign in with it/);
    const ada = await db.user.findUniqueOrThrow({ where: { email: 'ada@example.org' } });
    await submitApplication(asUser(ada, NOW), { cohort: cohort.slug, email: 'ada@example.org', name: 'Ada King', answers: answersFor('Updated: to build evals.', 'ML research') });
    const [row] = (await listApplications(adminCtx)).rows;
    expect(row).toMatchObject({ name: 'Ada King', status: 'SUBMITTED' });
    expect(row!.answers[questionIds['Background']!]).toBe('ML research');
    const late = await caughtAppError(submitApplication(asUser(ada, new Date(DEADLINE.getTime() + 60_000)), { cohort: cohort.slug, email: 'ada@example.org', name: 'Too Late', answers: answersFor('late') }));
    expect(late.message).toBe('The deadline for applications has passed.');
  });

  it('gives reviewers the applications of their cohort only, with everyone’s scores', async () => {
    const reviewerOne = await createUser({ email: 'rev1@example.org', name: 'Rita Reviewer' });
    await addReviewer(adminCtx, { email: 'rev1@example.org' });
    await addReviewer(adminCtx, { email: 'Rev2@Example.org' });
    const reviewerTwo = await db.user.findUniqueOrThrow({ where: { email: 'rev2@example.org' } });
    const access = await resolveCohortAccess(db, cohort.slug, { id: reviewerOne.id, email: reviewerOne.email, name: reviewerOne.name, isAdmin: false });
    expect(access).toMatchObject({ role: 'REVIEWER', reviews: true, membershipId: null });
    const other = await createCohort({ slug: 'other-cohort' });
    expect(await resolveCohortAccess(db, other.slug, { id: reviewerOne.id, email: reviewerOne.email, name: null, isAdmin: false })).toBeNull();

    for (let i = 1; i <= 4; i++) {
      const email = `applicant${i}@example.org`;
      const user = await createUser({ email, name: `Applicant ${i}` });
      await submitApplication(asUser(user, NOW), { cohort: cohort.slug, email, name: `Applicant ${i}`, answers: answersFor(`Reason ${i}`, i % 2 ? 'Policy' : 'Software') });
    }
    const table = await listApplications(inCohort(access!, reviewerOne, NOW));
    const first = table.rows.find((row) => row.name === 'Applicant 1')!;
    await reviewApplication(inCohort(access!, reviewerOne, NOW), { applicationId: first.id, score: 5, comment: 'Strong.' });
    await reviewApplication(inCohort({ ...access!, cohortId: cohort.id }, reviewerTwo, NOW), { applicationId: first.id, score: 2, comment: '=HYPERLINK("x")' });
    await reviewApplication(inCohort(access!, reviewerOne, NOW), { applicationId: first.id, score: 4, comment: 'Strong, on reflection.' });
    const again = await listApplications(inCohort(access!, reviewerOne, NOW), { search: 'applicant 1' });
    expect(again.rows.map((row) => [row.name, row.meanScore, row.mine])).toEqual([['Applicant 1', 3, { score: 4, comment: 'Strong, on reflection.' }]]);
    expect((await listApplications(adminCtx, { answer: { questionId: questionIds['Background']!, value: 'Policy' } })).rows.map((row) => row.name)).toEqual(['Applicant 1', 'Applicant 3']);
    await expect(reviewApplication(inCohort(access!, reviewerOne, NOW), { applicationId: first.id, score: 6 })).rejects.toThrow(/Scores go from 1 to 5/);
  });

  it('accepts, waitlists and rejects in bulk: members made, one email each, and no undoing an acceptance here', async () => {
    const rows = (await listApplications(adminCtx)).rows;
    const byName = (name: string) => rows.find((row) => row.name === name)!.id;
    const accepted = await decideApplications(adminCtx, { applicationIds: [byName('Ada King'), byName('Applicant 1')], decision: 'ACCEPTED' });
    expect(accepted).toEqual({ decided: 2, unchanged: 0, emailed: 2, membersAdded: 2 });
    expect(await db.membership.count({ where: { cohortId: cohort.id, role: 'FELLOW' } })).toBe(2);
    await decideApplications(adminCtx, { applicationIds: [byName('Applicant 2')], decision: 'WAITLISTED' });
    // Deciding the same again changes and sends nothing.
    expect(await decideApplications(adminCtx, { applicationIds: [byName('Applicant 2')], decision: 'WAITLISTED' })).toEqual({ decided: 0, unchanged: 1, emailed: 0, membersAdded: 0 });
    await decideApplications(adminCtx, { applicationIds: [byName('Applicant 2'), byName('Applicant 3')], decision: 'REJECTED' });

    const emails = await db.notification.findMany({ where: { kind: 'APPLICATION_DECISION', cohortId: cohort.id }, orderBy: { toEmail: 'asc' }, select: { toEmail: true, payload: true } });
    expect(emails.map((email) => [email.toEmail, (email.payload as { decision: string }).decision])).toEqual([
      ['ada@example.org', 'ACCEPTED'],
      ['applicant1@example.org', 'ACCEPTED'],
      ['applicant2@example.org', 'WAITLISTED'],
      ['applicant2@example.org', 'REJECTED'],
      ['applicant3@example.org', 'REJECTED'],
    ]);
    expect((emails[0]!.payload as { subject: string; body: string }).subject).toBe('You have a place in Intro Fellowship 2027');
    expect((emails[0]!.payload as { body: string }).body).toMatch(/^Dear Ada King,/);

    const undo = await caughtAppError(decideApplications(adminCtx, { applicationIds: [byName('Applicant 1')], decision: 'REJECTED' }));
    expect(undo.message).toMatch(/remove them on the members page/);
    const ada = await db.user.findUniqueOrThrow({ where: { email: 'ada@example.org' } });
    expect((await caughtAppError(withdrawApplication(asUser(ada, NOW), { applicationId: byName('Ada King') }))).code).toBe('CONFLICT');
    expect((await caughtAppError(withdrawApplication(asUser(ada, NOW), { applicationId: byName('Applicant 3') }))).code).toBe('NOT_FOUND');
    expect((await getPublicApplicationForm(asUser(ada, NOW), { cohort: cohort.slug }))!.mine).toMatchObject({ status: 'ACCEPTED', editable: false });
  });

  it('exports every application with answers, scores and comments, formulas defused', async () => {
    const csv = await exportApplicationsCsv(adminCtx);
    const [header, ...rows] = parse(csv) as string[][];
    expect(header!.slice(0, 6)).toEqual(['name', 'email', 'role', 'status', 'submitted', 'Why do you want to join?']);
    expect(header).toEqual(expect.arrayContaining(['reviews', 'mean score', 'score: Rita Reviewer', 'comment: Rita Reviewer', 'score: rev2@example.org']));
    const applicant1 = rows.find((row) => row[0] === 'Applicant 1')!;
    expect(applicant1[3]).toBe('Accepted');
    expect(applicant1).toContain("'=HYPERLINK(\"x\")");
    expect(applicant1).toContain('Interpretability; RL');
    expect(rows.length).toBe(5);
  });
});
