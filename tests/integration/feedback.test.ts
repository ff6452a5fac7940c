// Weekly check-ins: a fellow rates a week (1–5) with a comment and can change it; admins see the
// averages per week, group and facilitator, the comments, and a CSV whose cells a spreadsheet
// will not run.
import { beforeAll, describe, expect, it } from 'vitest';
import { saveCheckInInput } from '@/lib/schemas/progress';
import { db } from '@/server/db/client';
import { saveWeekCheckIn } from '@/server/services/feedback/check-ins';
import { getCohortOverview } from '@/server/services/standing/cohort-overview';
import { exportSurveyCsv, getMySurvey, getSurveyResults, saveSurveyQuestions, submitSurvey } from '@/server/services/feedback/survey';
import { listCohortCertificates } from '@/server/services/certificates/certificates';
import { exportFeedbackCsv, getFeedbackResults } from '@/server/services/feedback/feedback-results';
import { GET as getFeedbackCsv } from '@/app/(app)/cohorts/[slug]/feedback/export.csv/route';
import { asCohortAdmin, createCohort, createCurriculum, createGroup, createPerson, inCohort } from '../factories';
import { caughtAppOrTRPCError } from '../support/app-errors';

let world: Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const curriculum = await createCurriculum({ slug: 'feedback-track', weeks: { create: [1, 2].map((position) => ({ position, number: position, title: `Topic ${position}` })) } });
  const weeks = await db.curriculumWeek.findMany({ where: { curriculumId: curriculum.id }, orderBy: { position: 'asc' }, select: { id: true } });
  const cohort = await createCohort({ slug: 'feedback', status: 'ACTIVE', curriculumId: curriculum.id });
  const groupA = await createGroup(cohort.id, { name: 'A' });
  const groupB = await createGroup(cohort.id, { name: 'B' });
  const fay = await createPerson(cohort.id, 'FACILITATOR', { name: 'Fay', groupId: groupA.id });
  const gil = await createPerson(cohort.id, 'FACILITATOR', { name: 'Gil', groupId: groupB.id });
  const people = await Promise.all([
    createPerson(cohort.id, 'FELLOW', { name: 'Ada', groupId: groupA.id }),
    createPerson(cohort.id, 'FELLOW', { name: 'Ben', groupId: groupA.id }),
    createPerson(cohort.id, 'FELLOW', { name: 'Cleo', groupId: groupB.id }),
  ]);
  const as = (person: (typeof people)[number]) =>
    inCohort({ cohortId: cohort.id, cohortSlug: 'feedback', role: 'FELLOW', membershipId: person.membership.id, groupIds: [] }, person.user);
  return { cohort, weeks, fay, gil, people, as, admin: asCohortAdmin(cohort) };
}

beforeAll(async () => {
  world = await buildWorld();
});

describe('weekly check-ins', () => {
  it('saves a rating and comment, and replaces them', async () => {
    const [ada, ben, cleo] = world.people;
    const [week1, week2] = world.weeks;
    await saveWeekCheckIn(world.as(ada!), { weekId: week1!.id, rating: 2, comment: 'Too long' });
    await saveWeekCheckIn(world.as(ada!), { weekId: week1!.id, rating: 4, comment: '=HYPERLINK("x")' });
    await saveWeekCheckIn(world.as(ben!), { weekId: week1!.id, rating: 5 });
    await saveWeekCheckIn(world.as(cleo!), { weekId: week1!.id, rating: 3, comment: 'Fine' });
    await saveWeekCheckIn(world.as(cleo!), { weekId: week2!.id, rating: 1 });
    expect(await db.weekCheckIn.count()).toBe(4);
    expect(saveCheckInInput.safeParse({ weekId: week1!.id, rating: 6 }).success).toBe(false);
    const facilitator = await caughtAppOrTRPCError(
      saveWeekCheckIn(inCohort({ cohortId: world.cohort.id, cohortSlug: 'feedback', role: 'FACILITATOR', membershipId: world.fay.membership.id, groupIds: [] }), {
        weekId: week1!.id,
        rating: 3,
      }),
    );
    expect(facilitator.code).toBe('FORBIDDEN');
  });

  it('shows admins the averages per week, group and facilitator, with the comments', async () => {
    const results = await getFeedbackResults(world.admin);
    expect(results.overall).toMatchObject({ count: 4, average: 13 / 4 });
    const [week1, week2] = results.weeks;
    expect(week1).toMatchObject({ count: 3, average: 4, distribution: [0, 0, 1, 1, 1] });
    expect(week1!.comments.map((comment) => [comment.name, comment.comment])).toEqual([
      ['Ada', '=HYPERLINK("x")'],
      ['Cleo', 'Fine'],
    ]);
    expect(week1!.byGroup.map((cell) => cell.average)).toEqual([4.5, 3]);
    expect(week2).toMatchObject({ count: 1, average: 1 });
    expect(results.facilitators.map((facilitator) => [facilitator.name, facilitator.count, facilitator.average])).toEqual([
      ['Fay', 2, 4.5],
      ['Gil', 2, 2],
    ]);
  });

  it('exports every check-in as CSV with formulas defused, for admins only', async () => {
    const csv = await exportFeedbackCsv(world.admin);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('Week,Title,Group,Facilitators,Fellow,Email,Rating (1–5),Comment,Updated');
    expect(lines).toHaveLength(5);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const anonymous = await getFeedbackCsv(new Request('http://localhost/cohorts/feedback/feedback/export.csv'), { params: Promise.resolve({ slug: 'feedback' }) });
    expect(anonymous.status).toBe(404);
  });
});

describe('the overview’s week-by-week trends', () => {
  it('gives each group its weekly check-in average, and nothing for weeks without data', async () => {
    const overview = await getCohortOverview(world.admin);
    const byName = new Map(overview.groups.map((group) => [group.name, group.id]));
    const trend = (name: string) => overview.trends.groups.find((group) => group.groupId === byName.get(name))!;
    expect(trend('A').feedback.map((point) => point.value)).toEqual([4.5, null]);
    expect(trend('B').feedback.map((point) => point.value)).toEqual([3, 1]);
    // No meetings held, no readings or prompts in these weeks: no points.
    expect(trend('A').attendance.every((point) => point.value === null)).toBe(true);
    expect(trend('A').readings.every((point) => point.value === null)).toBe(true);
  });
});

describe('the end-of-course survey', () => {
  const LAST_WEEK = new Date('2027-01-12T12:00:00Z');
  const FIRST_WEEK = new Date('2027-01-05T12:00:00Z');
  const fellow = (index: number, now: Date) => {
    const person = world.people[index]!;
    return inCohort({ cohortId: world.cohort.id, cohortSlug: 'feedback', role: 'FELLOW', membershipId: person.membership.id, groupIds: [] }, person.user, now);
  };

  it('is written by admins, opens in the last week, checks answers, and gates certificates where the cohort says so', async () => {
    const questions = await saveSurveyQuestions(world.admin, {
      questions: [
        { kind: 'RATING', label: 'How likely are you to recommend it?' },
        { kind: 'CHOICE', label: 'What next?', options: ['Research', 'Policy', 'Not sure'] },
        { kind: 'TEXT', label: 'Anything else?', required: false },
      ],
    });
    const [rating, choice, text] = questions;
    // Renaming keeps the question (and its answers).
    const renamed = await saveSurveyQuestions(world.admin, {
      questions: questions.map((question) => ({ ...question, label: question.id === rating!.id ? 'Would you recommend it?' : question.label })),
    });
    expect(renamed.map((question) => question.id)).toEqual(questions.map((question) => question.id));

    expect((await getMySurvey(fellow(0, FIRST_WEEK))).open).toBe(false);
    expect((await caughtAppOrTRPCError(submitSurvey(fellow(0, FIRST_WEEK), { answers: {} }))).code).toBe('CONFLICT');
    expect((await getMySurvey(fellow(0, LAST_WEEK))).open).toBe(true);

    const missing = await caughtAppOrTRPCError(submitSurvey(fellow(0, LAST_WEEK), { answers: { [rating!.id]: 5 } }));
    expect(missing.code).toBe('BAD_REQUEST');
    expect(missing.message).toBe('Answer “What next?”.');
    const wrongChoice = await caughtAppOrTRPCError(submitSurvey(fellow(0, LAST_WEEK), { answers: { [rating!.id]: 5, [choice!.id]: 'Space' } }));
    expect(wrongChoice.message).toBe('Choose one of the options.');
    await submitSurvey(fellow(0, LAST_WEEK), { answers: { [rating!.id]: 5, [choice!.id]: 'Research', [text!.id]: '=Thanks' } });
    await submitSurvey(fellow(2, LAST_WEEK), { answers: { [rating!.id]: 3, [choice!.id]: 'Not sure' } });

    const results = await getSurveyResults(world.admin);
    expect(results).toMatchObject({ fellows: 3, responses: 2 });
    expect(results.questions[0]).toMatchObject({ label: 'Would you recommend it?', average: 4, distribution: [0, 0, 1, 0, 1] });
    expect(results.questions[1]!.counts).toEqual([
      { option: 'Research', count: 1 },
      { option: 'Policy', count: 0 },
      { option: 'Not sure', count: 1 },
    ]);
    expect(results.questions[2]!.texts).toEqual([{ name: 'Ada', text: '=Thanks' }]);
    expect(await exportSurveyCsv(world.admin)).toContain("'=Thanks");

    // Certificates: with the setting on, only fellows who answered (and meet the rule) qualify.
    await db.cohort.update({ where: { id: world.cohort.id }, data: { certificatesNeedSurvey: true, completionReadingPercent: 0, completionMaxUnexcusedAbsences: 9 } });
    const list = await listCohortCertificates(asCohortAdmin(world.cohort, LAST_WEEK));
    expect(list.people.filter((person) => person.role === 'FELLOW').map((person) => [person.holderName, person.qualifies, person.reason])).toEqual([
      ['Ada', true, null],
      ['Ben', false, 'Has not filled in the end-of-course survey'],
      ['Cleo', true, null],
    ]);
  });
});

describe('the trends of core readings', () => {
  it('give each group the share of the week’s core readings done, 0 where none was, nothing before the week', async () => {
    const [week1, week2] = world.weeks;
    const section = (weekId: string) => db.curriculumSection.create({ data: { weekId, position: 1, title: 'Core', kind: 'CORE' }, select: { id: true } });
    const s1 = await section(week1!.id);
    const s2 = await section(week2!.id);
    const a = await db.curriculumItem.create({ data: { sectionId: s1.id, position: 1, title: 'A' }, select: { id: true } });
    await db.curriculumItem.create({ data: { sectionId: s1.id, position: 2, title: 'B' }, select: { id: true } });
    await db.curriculumItem.create({ data: { sectionId: s1.id, position: 3, title: 'Optional', optional: true }, select: { id: true } });
    await db.curriculumItem.create({ data: { sectionId: s2.id, position: 1, title: 'C' }, select: { id: true } });
    const [ada, ben] = world.people;
    await db.readingProgress.createMany({ data: [{ membershipId: ada!.membership.id, itemId: a.id }, { membershipId: ben!.membership.id, itemId: a.id }] });

    const trends = async (now: Date) => {
      const overview = await getCohortOverview(asCohortAdmin(world.cohort, now));
      const idOf = new Map(overview.groups.map((group) => [group.name, group.id]));
      return (name: string) => overview.trends.groups.find((group) => group.groupId === idOf.get(name))!.readings.map((point) => point.value);
    };
    // In week 1: group A (Ada, Ben) read 2 of 2 × 2 core readings; group B none; week 2 not begun.
    const inWeek1 = await trends(new Date('2027-01-06T12:00:00Z'));
    expect(inWeek1('A')).toEqual([0.5, null]);
    expect(inWeek1('B')).toEqual([0, null]);
    const inWeek2 = await trends(new Date('2027-01-12T12:00:00Z'));
    expect(inWeek2('A')).toEqual([0.5, 0]);
  });
});
