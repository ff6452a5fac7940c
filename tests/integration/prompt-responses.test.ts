// Fellows' answers to the week's prompts: saved and emptied, closed when the group's meeting on
// the week starts, shown to the rest of the group only where the cohort shares them and only
// once the fellow has answered, never across groups; they count as activity, and where the
// cohort requires prompts, towards completion. Imported prompts reach a cohort's copy.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { resolveCohortAccess } from '@/server/services/cohorts/cohort-access';
import { createCohort as createCohortFromTemplate } from '@/server/services/cohorts/create-cohort';
import { getCohortHome } from '@/server/services/cohorts/get-cohort-home';
import { addPromptInput, movePromptInput, promptRefInput, restorePromptInput, updatePromptInput } from '@/lib/schemas/curriculum-editor';
import { addPrompt, deletePrompt, movePrompt, restorePrompt, updatePrompt } from '@/server/services/curriculum-editor/edit-prompts';
import { getMeetingPrep } from '@/server/services/meetings/meeting-prep';
import { savePromptResponse } from '@/server/services/prompts/save-prompt-response';
import { loadCohortProgress } from '@/server/services/standing/load-cohort-progress';
import { importSyllabus } from '@/server/services/syllabus/import-syllabus';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { asCohortAdmin, asSystem, createCohort, createCurriculum, createGroup, createPerson, inCohort } from '../factories';
import { getCohortOverview } from '@/server/services/standing/cohort-overview';
import { caughtAppOrTRPCError } from '../support/app-errors';

const START = new Date('2027-03-01T00:00:00Z');
/** Wednesday of week 1. */
const WEEK1 = new Date('2027-03-03T12:00:00Z');
const MEETING1 = new Date('2027-03-04T18:00:00Z');

let world: Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const curriculum = await createCurriculum({
    slug: 'prompts-track',
    weeks: {
      create: [
        { position: 1, number: 1, title: 'One' },
        { position: 2, number: 2, title: 'Two' },
      ],
    },
  });
  const weeks = await db.curriculumWeek.findMany({ where: { curriculumId: curriculum.id }, orderBy: { position: 'asc' }, select: { id: true } });
  const prompt = (weekId: string, position: number, text: string) =>
    db.curriculumPrompt.create({ data: { curriculumId: curriculum.id, weekId, position, text }, select: { id: true } });
  const p1 = await prompt(weeks[0]!.id, 1, 'What surprised you?');
  const p2 = await prompt(weeks[0]!.id, 2, 'What would you ask the author?');
  const p3 = await prompt(weeks[1]!.id, 1, 'Which week-2 claim is weakest?');
  const cohort = await createCohort({ slug: 'prompts', status: 'ACTIVE', curriculumId: curriculum.id, startDate: START, shareResponsesInGroup: true });
  const groupA = await createGroup(cohort.id, { name: 'A' });
  const groupB = await createGroup(cohort.id, { name: 'B' });
  await db.meeting.create({ data: { groupId: groupA.id, weekPosition: 1, startsAt: MEETING1 } });
  const ada = await createPerson(cohort.id, 'FELLOW', { name: 'Ada', groupId: groupA.id });
  const ben = await createPerson(cohort.id, 'FELLOW', { name: 'Ben', groupId: groupA.id });
  const cleo = await createPerson(cohort.id, 'FELLOW', { name: 'Cleo', groupId: groupB.id });
  const facilitator = await createPerson(cohort.id, 'FACILITATOR', { name: 'Fay', groupId: groupA.id });
  const as = async (person: { user: { id: string; email: string; name: string | null; isAdmin: boolean } }, now = WEEK1) =>
    inCohort((await resolveCohortAccess(db, 'prompts', { id: person.user.id, email: person.user.email, name: person.user.name, isAdmin: person.user.isAdmin }))!, person.user, now);
  return { cohort, prompts: { p1: p1.id, p2: p2.id, p3: p3.id }, ada, ben, cleo, facilitator, as };
}

beforeAll(async () => {
  world = await buildWorld();
});

describe('answering prompts', () => {
  it('saves an answer, replaces it, deletes it when emptied, and counts it as activity', async () => {
    const ctx = await world.as(world.ada);
    const saved = await savePromptResponse(ctx, { promptId: world.prompts.p2, text: 'Why *this* framing?' });
    expect(saved).toMatchObject({ promptId: world.prompts.p2, text: 'Why *this* framing?' });
    await savePromptResponse(ctx, { promptId: world.prompts.p2, text: 'A better question.' });
    expect(await db.promptResponse.findMany({ where: { promptId: world.prompts.p2 }, select: { text: true } })).toEqual([{ text: 'A better question.' }]);
    await savePromptResponse(ctx, { promptId: world.prompts.p2, text: '' });
    expect(await db.promptResponse.count({ where: { promptId: world.prompts.p2 } })).toBe(0);
    const membership = await db.membership.findUniqueOrThrow({ where: { id: world.ada.membership.id }, select: { lastActivityAt: true } });
    expect(membership.lastActivityAt).toEqual(WEEK1);
  });

  it('refuses once the group’s meeting on the week has started, and a facilitator has no answers to give', async () => {
    const late = await world.as(world.ada, new Date(MEETING1.getTime() + 60_000));
    const closed = await caughtAppOrTRPCError(savePromptResponse(late, { promptId: world.prompts.p1, text: 'Too late' }));
    expect(closed.code).toBe('CONFLICT');
    expect(closed.message).toMatch(/meeting on this week has started/);
    // Week 2 has no meeting yet: still open.
    await expect(savePromptResponse(late, { promptId: world.prompts.p3, text: 'Still open' })).resolves.toMatchObject({ text: 'Still open' });
    const facilitator = await caughtAppOrTRPCError(savePromptResponse(await world.as(world.facilitator), { promptId: world.prompts.p1, text: 'Mine' }));
    expect(facilitator.code).toBe('FORBIDDEN');
  });

  it('shows the group’s answers only after answering, only from the same group', async () => {
    await savePromptResponse(await world.as(world.cleo), { promptId: world.prompts.p1, text: 'Cleo, group B' });
    const ben = await savePromptResponse(await world.as(world.ben), { promptId: world.prompts.p1, text: 'Ben, group A' });
    // Ada has not answered yet: Ben sees nobody; Cleo's answer is in another group.
    expect(ben.groupAnswers).toEqual([]);

    const before = await getCohortHome(await world.as(world.ada));
    const shownBefore = before.fellow!.thisWeek!.prompts.find((prompt) => prompt.id === world.prompts.p1)!;
    expect(shownBefore.groupAnswers).toBeNull();
    expect(before.fellow!.answersCloseAt).toEqual(MEETING1);

    const ada = await savePromptResponse(await world.as(world.ada), { promptId: world.prompts.p1, text: 'Ada, group A' });
    expect(ada.groupAnswers!.map((answer) => [answer.name, answer.text])).toEqual([['Ben', 'Ben, group A']]);
    const after = await getCohortHome(await world.as(world.ada));
    const shown = after.fellow!.thisWeek!.prompts.find((prompt) => prompt.id === world.prompts.p1)!;
    expect(shown.answer).toBe('Ada, group A');
    expect(shown.html).toContain('What surprised you?');
    expect(shown.groupAnswers!.map((answer) => answer.name)).toEqual(['Ben']);
  });

  it('keeps answers private to the fellow (and facilitators) where the cohort does not share them', async () => {
    await db.cohort.update({ where: { id: world.cohort.id }, data: { shareResponsesInGroup: false } });
    const result = await savePromptResponse(await world.as(world.ada), { promptId: world.prompts.p1, text: 'Ada again' });
    expect(result.groupAnswers).toBeNull();
    const home = await getCohortHome(await world.as(world.ada));
    expect(home.fellow!.thisWeek!.prompts.every((prompt) => prompt.groupAnswers === null)).toBe(true);
    await db.cohort.update({ where: { id: world.cohort.id }, data: { shareResponsesInGroup: true } });
  });

  it('counts answers in standing, and for completion where the cohort requires them', async () => {
    const after = new Date('2027-04-01T12:00:00Z');
    const progress = async () => (await loadCohortProgress(db, world.cohort.id, { now: after })).fellows;
    const ada = (fellows: Awaited<ReturnType<typeof progress>>) => fellows.find((fellow) => fellow.name === 'Ada')!;
    let fellows = await progress();
    expect([...ada(fellows).answered].sort()).toEqual([world.prompts.p1, world.prompts.p3].sort());
    expect(ada(fellows).standing.meetsCompletionRule).toBe(true);

    await db.cohort.update({ where: { id: world.cohort.id }, data: { promptsRequired: true, atRiskReadingPercent: 80 } });
    fellows = await progress();
    // Two of three prompts answered: not complete, and below 80% of the due ones.
    expect(ada(fellows).standing.meetsCompletionRule).toBe(false);
    expect(ada(fellows).standing.riskReasons).toContain('2 of 3 due prompts answered');
    // The third, answered before its meeting.
    await savePromptResponse(await world.as(world.ada), { promptId: world.prompts.p2, text: 'Written in time' });
    fellows = await progress();
    expect(ada(fellows).standing.meetsCompletionRule).toBe(true);
    expect(ada(fellows).standing.riskReasons).toEqual([]);
    await db.cohort.update({ where: { id: world.cohort.id }, data: { promptsRequired: false, atRiskReadingPercent: 50 } });
  });
});

describe('imported prompts', () => {
  it('reach the template, a cohort’s copy of it, and the closing section', async () => {
    const markdown = [
      '# Prompted',
      '',
      '## Week 1: Start',
      '',
      '- [A](https://example.org/a) (10 min)',
      '',
      'Discussion questions:',
      '',
      '1. Why?',
      '2. Why not?',
      '',
      '## Week 2: End',
      '',
      '- [B](https://example.org/b) (10 min)',
      '',
      '## Final Reflection',
      '',
      'Write what you will do next.',
      '',
    ].join('\n');
    await importSyllabus(asSystem(), { syllabus: parseSyllabusMarkdown(markdown, { slug: 'prompted' }) });
    const template = await db.curriculum.findUniqueOrThrow({ where: { slug: 'prompted' }, select: { id: true, closingTitle: true } });
    expect(template.closingTitle).toBe('Final Reflection');
    const cohort = await createCohortFromTemplate(asSystem(), { slug: 'prompted-q1', name: 'Prompted Q1', curriculum: 'prompted', startDate: '2027-03-01' });
    const copy = await db.cohort.findUniqueOrThrow({ where: { slug: cohort.slug }, select: { curriculum: { select: { id: true, closingTitle: true, weeks: { select: { _count: { select: { prompts: true } } } } } } } });
    expect(copy.curriculum.id).not.toBe(template.id);
    expect(copy.curriculum.closingTitle).toBe('Final Reflection');
    const prompts = await db.curriculumPrompt.findMany({ where: { curriculumId: copy.curriculum.id }, orderBy: [{ weekId: 'asc' }, { position: 'asc' }], select: { text: true, kind: true, weekId: true } });
    expect(prompts.map((prompt) => [prompt.text, prompt.kind, prompt.weekId === null])).toEqual(
      expect.arrayContaining([
        ['Why?', 'DISCUSSION', false],
        ['Why not?', 'DISCUSSION', false],
        ['Write what you will do next.', 'REFLECTION', true],
      ]),
    );
    expect(prompts).toHaveLength(3);
  });
});

describe('the prep sheet', () => {
  it('shows the facilitator each fellow’s answers and the prompts’ counts, and nobody outside the group', async () => {
    const meeting = await db.meeting.findFirstOrThrow({ where: { group: { name: 'A', cohortId: world.cohort.id }, weekPosition: 1 }, select: { id: true } });
    const prep = await getMeetingPrep(await world.as(world.facilitator), { meetingId: meeting.id });
    expect(prep.week?.title).toBe('One');
    expect(prep.fellows.map((fellow) => fellow.name)).toEqual(['Ada', 'Ben']);
    const ada = prep.fellows.find((fellow) => fellow.name === 'Ada')!;
    expect(ada.answers.map((answer) => answer?.text ?? null)).toEqual(['Ada again', 'Written in time']);
    expect(prep.prompts.map((prompt) => [prompt.text, prompt.answered])).toEqual([
      ['What surprised you?', 2],
      ['What would you ask the author?', 1],
    ]);
    // Cleo (group B) answered too, but is not on group A's sheet.
    expect(JSON.stringify(prep)).not.toContain('Cleo');
    const refused = await caughtAppOrTRPCError(getMeetingPrep(await world.as(world.ada), { meetingId: meeting.id }));
    expect(refused.code).toBe('NOT_FOUND');
  });
});

describe('the curriculum editor', () => {
  it('adds, changes, moves, deletes and restores a week’s prompts', async () => {
    const curriculum = await createCurriculum({ slug: 'editable-prompts', weeks: { create: [{ position: 1, number: 1, title: 'One' }] } });
    const week = await db.curriculumWeek.findFirstOrThrow({ where: { curriculumId: curriculum.id }, select: { id: true } });
    const ctx = asSystem();
    const first = (await addPrompt(ctx, addPromptInput.parse({ curriculum: 'editable-prompts', weekId: week.id, text: 'First?' }))).prompt;
    const second = (await addPrompt(ctx, addPromptInput.parse({ curriculum: 'editable-prompts', weekId: week.id, text: 'Second?', kind: 'REFLECTION' }))).prompt;
    await updatePrompt(ctx, updatePromptInput.parse({ curriculum: 'editable-prompts', promptId: first.id, text: 'First, reworded?' }));
    await movePrompt(ctx, movePromptInput.parse({ curriculum: 'editable-prompts', promptId: second.id, toPosition: 1 }));
    const listed = async () =>
      (await db.curriculumPrompt.findMany({ where: { weekId: week.id }, orderBy: { position: 'asc' }, select: { text: true, kind: true } })).map((prompt) => [prompt.text, prompt.kind]);
    expect(await listed()).toEqual([
      ['Second?', 'REFLECTION'],
      ['First, reworded?', 'DISCUSSION'],
    ]);
    const { deleted } = await deletePrompt(ctx, promptRefInput.parse({ curriculum: 'editable-prompts', promptId: second.id }));
    expect(await listed()).toEqual([['First, reworded?', 'DISCUSSION']]);
    await restorePrompt(ctx, restorePromptInput.parse({ curriculum: 'editable-prompts', weekId: deleted.weekId, prompt: deleted.prompt }));
    expect(await listed()).toEqual([
      ['Second?', 'REFLECTION'],
      ['First, reworded?', 'DISCUSSION'],
    ]);
    // Another curriculum's prompt is not reachable through this one.
    const missing = await caughtAppOrTRPCError(updatePrompt(ctx, updatePromptInput.parse({ curriculum: 'prompts-track', promptId: first.id, text: 'No' })));
    expect(missing.code).toBe('NOT_FOUND');
  });
});

describe('the overview’s trends', () => {
  it('count the prompts answered per group and week', async () => {
    const overview = await getCohortOverview(asCohortAdmin(world.cohort, WEEK1));
    const idOf = new Map(overview.groups.map((group) => [group.name, group.id]));
    const prompts = (name: string) => overview.trends.groups.find((group) => group.groupId === idOf.get(name))!.prompts.map((point) => point.value);
    // Group A (Ada, Ben): week 1 three answers of four; Group B (Cleo): one of two. Week 2 has not
    // begun (an answer given ahead is no trend yet).
    expect(prompts('A')).toEqual([0.75, null]);
    expect(prompts('B')).toEqual([0.5, null]);
    const later = await getCohortOverview(asCohortAdmin(world.cohort, new Date('2027-03-10T12:00:00Z')));
    const laterA = later.trends.groups.find((group) => group.groupId === idOf.get('A'))!.prompts.map((point) => point.value);
    expect(laterA).toEqual([0.75, 0.5]);
  });
});
