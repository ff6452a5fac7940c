// The curriculum editor's mutations against a real database, called as an admin through the
// app router: positions stay dense and unique, targets of another curriculum are NOT_FOUND,
// bad links are field errors, a delete is undone by its restore, every saved edit bumps the
// curriculum's version and a refused one does not.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { appRouter, createCaller } from '@/server/api/root';
import { createTRPCContext } from '@/server/api/trpc';
import { db } from '@/server/db/client';
import { URL_MESSAGE } from '@/lib/schemas/curriculum-editor';
import { createSession } from '@/server/services/auth/sessions';
import { importSyllabus, loadCurriculumForExport } from '@/server/services/syllabus/import-syllabus';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { createCurriculum, createUser } from '../factories';

const diffusionText = readFileSync(path.join(process.cwd(), 'prisma/seed/diffusion-track.md'), 'utf8');

type Caller = ReturnType<typeof createCaller>;
let admin: Caller;

beforeAll(async () => {
  const user = await createUser({ isAdmin: true });
  const { sessionToken } = await createSession(db, user.id, { maxAgeMs: 86_400_000, idleMs: 86_400_000 });
  admin = createCaller(await createTRPCContext({ headers: new Headers({ cookie: `next-auth.session-token=${sessionToken}` }) }));
});

async function importDiffusion(slug: string) {
  await importSyllabus({ db, user: null }, { syllabus: parseSyllabusMarkdown(diffusionText, { slug }) });
  return db.curriculum.findUniqueOrThrow({ where: { slug } });
}

/** The curriculum's tree of ids, in position order. */
async function outline(slug: string) {
  return db.curriculum.findUniqueOrThrow({
    where: { slug },
    select: {
      version: true,
      weeks: {
        orderBy: { position: 'asc' },
        select: {
          id: true,
          number: true,
          title: true,
          sections: {
            orderBy: { position: 'asc' },
            select: { id: true, title: true, items: { orderBy: { position: 'asc' }, select: { id: true, title: true } } },
          },
          goals: { orderBy: { position: 'asc' }, select: { id: true, text: true } },
        },
      },
    },
  });
}

/** Every sibling list of the curriculum numbered 1…n, no gaps, no repeats. */
async function expectDensePositions(slug: string) {
  const curriculum = await db.curriculum.findUniqueOrThrow({
    where: { slug },
    select: {
      weeks: {
        select: {
          position: true,
          goals: { select: { position: true } },
          sections: { select: { position: true, items: { select: { position: true } } } },
        },
      },
    },
  });
  const dense = (positions: number[]) => expect([...positions].sort((a, b) => a - b)).toEqual(positions.map((_, index) => index + 1));
  dense(curriculum.weeks.map((week) => week.position));
  for (const week of curriculum.weeks) {
    dense(week.sections.map((section) => section.position));
    dense(week.goals.map((goal) => goal.position));
    for (const section of week.sections) dense(section.items.map((item) => item.position));
  }
}

async function versionOf(slug: string) {
  return (await db.curriculum.findUniqueOrThrow({ where: { slug }, select: { version: true } })).version;
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** The per-field messages the client gets, from the app's own error formatter. */
function fieldErrorsOf(error: TRPCError): Record<string, string[]> | null {
  const config = appRouter._def._config as unknown as {
    errorFormatter: (options: { shape: { message: string; data: object }; error: TRPCError }) => { data: { fieldErrors: Record<string, string[]> | null } };
  };
  return config.errorFormatter({ shape: { message: error.message, data: {} }, error }).data.fieldErrors;
}

describe('items (readings)', () => {
  const slug = 'editor-items';
  beforeAll(async () => {
    await importDiffusion(slug);
  });

  it('edits a reading’s title, link, minutes and note, and bumps the version once per save', async () => {
    const before = await outline(slug);
    const item = before.weeks[0]!.sections[0]!.items[0]!;
    const result = await admin.curriculumEditor.updateItem({
      curriculum: slug,
      itemId: item.id,
      title: 'A better title',
      url: 'https://example.org/better',
      minutes: 25,
      note: '(if unfamiliar)',
    });
    expect(result.item).toMatchObject({ id: item.id, title: 'A better title', url: 'https://example.org/better', minutes: 25, minutesText: null });
    expect(result.version).toBe(before.version + 1);
    expect(await versionOf(slug)).toBe(before.version + 1);

    // Blank means none.
    const cleared = await admin.curriculumEditor.updateItem({ curriculum: slug, itemId: item.id, url: '  ', minutes: null, note: '' });
    expect(cleared.item).toMatchObject({ url: null, minutes: null, note: null });
    expect(await versionOf(slug)).toBe(before.version + 2);
  });

  it('accepts mailto links and refuses other schemes with a field error, changing nothing', async () => {
    const item = (await outline(slug)).weeks[0]!.sections[0]!.items[1]!;
    const ok = await admin.curriculumEditor.updateItem({ curriculum: slug, itemId: item.id, url: 'mailto:tutor@example.org' });
    expect(ok.item.url).toBe('mailto:tutor@example.org');

    const version = await versionOf(slug);
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.org/x', 'example.org/page', '/relative', 'https://']) {
      const error = await rejection(admin.curriculumEditor.updateItem({ curriculum: slug, itemId: item.id, url }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.cause).toBeInstanceOf(ZodError);
      expect(fieldErrorsOf(error)).toEqual({ url: [URL_MESSAGE] });
    }
    const stored = await db.curriculumItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored.url).toBe('mailto:tutor@example.org');
    expect(await versionOf(slug)).toBe(version);
  });

  it('keeps minutes between 0 and 1000, or empty', async () => {
    const item = (await outline(slug)).weeks[0]!.sections[0]!.items[0]!;
    for (const minutes of [-1, 1001, 2.5]) {
      const error = await rejection(admin.curriculumEditor.updateItem({ curriculum: slug, itemId: item.id, minutes }));
      expect(Object.keys(fieldErrorsOf(error) ?? {})).toEqual(['minutes']);
    }
    expect((await admin.curriculumEditor.updateItem({ curriculum: slug, itemId: item.id, minutes: 1000 })).item.minutes).toBe(1000);
    expect((await admin.curriculumEditor.updateItem({ curriculum: slug, itemId: item.id, minutes: 0 })).item.minutes).toBe(0);
    const empty = await rejection(admin.curriculumEditor.updateItem({ curriculum: slug, itemId: item.id, title: '   ' }));
    expect(Object.keys(fieldErrorsOf(empty) ?? {})).toEqual(['title']);
  });

  it('adds readings at the end or at a position, keeping positions dense', async () => {
    const section = (await outline(slug)).weeks[1]!.sections[0]!;
    const count = section.items.length;
    const last = await admin.curriculumEditor.addItem({ curriculum: slug, sectionId: section.id, title: 'Appended', url: 'https://example.org/a', minutes: 5 });
    expect(last.item.position).toBe(count + 1);
    const first = await admin.curriculumEditor.addItem({ curriculum: slug, sectionId: section.id, position: 1, title: 'Prepended' });
    expect(first.item).toMatchObject({ position: 1, title: 'Prepended', url: null, minutes: null, optional: false, kind: 'READING' });
    const titles = (await outline(slug)).weeks[1]!.sections[0]!.items.map((item) => item.title);
    expect(titles[0]).toBe('Prepended');
    expect(titles.at(-1)).toBe('Appended');
    expect(titles).toHaveLength(count + 2);
    await expectDensePositions(slug);
  });

  it('moves a reading up and down within its section, and to another section', async () => {
    const week = (await outline(slug)).weeks[1]!;
    const [a, b, c] = week.sections[0]!.items;
    await admin.curriculumEditor.moveItem({ curriculum: slug, itemId: c!.id, toPosition: 1 });
    expect((await outline(slug)).weeks[1]!.sections[0]!.items.slice(0, 3).map((item) => item.id)).toEqual([c!.id, a!.id, b!.id]);
    await admin.curriculumEditor.moveItem({ curriculum: slug, itemId: c!.id, toPosition: 3 });
    expect((await outline(slug)).weeks[1]!.sections[0]!.items.slice(0, 3).map((item) => item.id)).toEqual([a!.id, b!.id, c!.id]);
    // Past the end means last.
    await admin.curriculumEditor.moveItem({ curriculum: slug, itemId: a!.id, toPosition: 999 });
    expect((await outline(slug)).weeks[1]!.sections[0]!.items.at(-1)!.id).toBe(a!.id);
    await expectDensePositions(slug);

    const target = week.sections[1]!;
    const moved = await admin.curriculumEditor.moveItem({ curriculum: slug, itemId: b!.id, toSectionId: target.id, toPosition: 2 });
    expect(moved.item).toEqual({ id: b!.id, sectionId: target.id, position: 2 });
    const after = (await outline(slug)).weeks[1]!;
    expect(after.sections[0]!.items.map((item) => item.id)).not.toContain(b!.id);
    expect(after.sections[1]!.items[1]!.id).toBe(b!.id);
    await expectDensePositions(slug);
  });

  it('keeps positions dense when several moves arrive at once', async () => {
    const section = (await outline(slug)).weeks[0]!.sections[0]!;
    const ids = section.items.map((item) => item.id);
    await Promise.all(ids.map((itemId, index) => admin.curriculumEditor.moveItem({ curriculum: slug, itemId, toPosition: ids.length - index })));
    await expectDensePositions(slug);
    expect((await outline(slug)).weeks[0]!.sections[0]!.items.map((item) => item.id).sort()).toEqual([...ids].sort());
  });

  it('deletes a reading and restores it with the same id, fields and position', async () => {
    const before = await loadCurriculumForExport({ db, user: null }, { slug });
    const item = (await outline(slug)).weeks[2]!.sections[0]!.items[1]!;
    const { deleted } = await admin.curriculumEditor.deleteItem({ curriculum: slug, itemId: item.id });
    expect(deleted.item).toMatchObject({ id: item.id, position: 2, title: item.title });
    expect(await db.curriculumItem.findUnique({ where: { id: item.id } })).toBeNull();
    await expectDensePositions(slug);

    const restored = await admin.curriculumEditor.restoreItem({ curriculum: slug, sectionId: deleted.sectionId, item: deleted.item });
    expect(restored.item.id).toBe(item.id);
    expect(await loadCurriculumForExport({ db, user: null }, { slug })).toEqual(before);
    await expectDensePositions(slug);

    // Undo pressed twice: the reading is already back.
    const again = await rejection(admin.curriculumEditor.restoreItem({ curriculum: slug, sectionId: deleted.sectionId, item: deleted.item }));
    expect(again.code).toBe('CONFLICT');
  });

  it('will not restore a reading with a link that could run script', async () => {
    const section = (await outline(slug)).weeks[0]!.sections[0]!;
    const error = await rejection(
      admin.curriculumEditor.restoreItem({
        curriculum: slug,
        sectionId: section.id,
        item: { id: 'smuggled', position: 1, kind: 'READING', title: 'x', url: 'javascript:alert(1)', minutes: null, minutesText: null, optional: false, note: null },
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(await db.curriculumItem.findUnique({ where: { id: 'smuggled' } })).toBeNull();
  });
});

describe('sections', () => {
  const slug = 'editor-sections';
  beforeAll(async () => {
    await importDiffusion(slug);
  });

  it('adds, renames, states a time for and regroups a section', async () => {
    const week = (await outline(slug)).weeks[0]!;
    const { section } = await admin.curriculumEditor.addSection({ curriculum: slug, weekId: week.id, position: 1, title: 'Warm-up', kind: 'PRACTICAL' });
    expect(section).toMatchObject({ position: 1, title: 'Warm-up', kind: 'PRACTICAL', items: [] });
    const updated = await admin.curriculumEditor.updateSection({ curriculum: slug, sectionId: section.id, title: 'Warm up', statedText: '< 90 mins', group: 'Core Content' });
    expect(updated.section).toMatchObject({ title: 'Warm up', statedText: '< 90 mins', statedMinutes: 90, group: 'Core Content' });
    const cleared = await admin.curriculumEditor.updateSection({ curriculum: slug, sectionId: section.id, statedText: '' });
    expect(cleared.section).toMatchObject({ statedText: null, statedMinutes: null });

    const error = await rejection(admin.curriculumEditor.updateSection({ curriculum: slug, sectionId: section.id, statedText: 'a while' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/70 min/);
    await expectDensePositions(slug);
  });

  it('moves a section within its week and to another week', async () => {
    const week = (await outline(slug)).weeks[1]!;
    const [first, second] = week.sections;
    await admin.curriculumEditor.moveSection({ curriculum: slug, sectionId: second!.id, toPosition: 1 });
    expect((await outline(slug)).weeks[1]!.sections.map((section) => section.id).slice(0, 2)).toEqual([second!.id, first!.id]);

    const other = (await outline(slug)).weeks[2]!;
    await admin.curriculumEditor.moveSection({ curriculum: slug, sectionId: first!.id, toWeekId: other.id, toPosition: 1 });
    const after = await outline(slug);
    expect(after.weeks[2]!.sections[0]!.id).toBe(first!.id);
    expect(after.weeks[2]!.sections[0]!.items.map((item) => item.id)).toEqual(first!.items.map((item) => item.id));
    await expectDensePositions(slug);
  });

  it('deletes a section with its readings and restores them all', async () => {
    const before = await loadCurriculumForExport({ db, user: null }, { slug });
    const beforeIds = await outline(slug);
    const section = beforeIds.weeks[3]!.sections[0]!;
    const { deleted } = await admin.curriculumEditor.deleteSection({ curriculum: slug, sectionId: section.id });
    expect(deleted.section.items.map((item) => item.id)).toEqual(section.items.map((item) => item.id));
    expect(await db.curriculumItem.count({ where: { id: { in: section.items.map((item) => item.id) } } })).toBe(0);
    await expectDensePositions(slug);

    await admin.curriculumEditor.restoreSection({ curriculum: slug, weekId: deleted.weekId, section: deleted.section });
    expect(await loadCurriculumForExport({ db, user: null }, { slug })).toEqual(before);
    expect(await outline(slug)).toEqual({ ...beforeIds, version: expect.any(Number) });
  });
});

describe('weeks, goals and the curriculum itself', () => {
  const slug = 'editor-weeks';
  beforeAll(async () => {
    await importDiffusion(slug);
  });

  it('edits the curriculum’s title, description and notes', async () => {
    const version = await versionOf(slug);
    const result = await admin.curriculumEditor.updateCurriculum({ curriculum: slug, title: 'Diffusion, revised', description: 'Six weeks', notes: 'Intro **notes**' });
    expect(result.curriculum).toMatchObject({ title: 'Diffusion, revised', description: 'Six weeks', notes: 'Intro **notes**' });
    expect(result.version).toBe(version + 1);
  });

  it('renumbers weeks that were in sequence when one moves', async () => {
    const before = await outline(slug);
    expect(before.weeks.map((week) => week.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const third = before.weeks[2]!;
    await admin.curriculumEditor.moveWeek({ curriculum: slug, weekId: third.id, toPosition: 1 });
    const after = await outline(slug);
    expect(after.weeks[0]!.id).toBe(third.id);
    expect(after.weeks.map((week) => week.number)).toEqual([1, 2, 3, 4, 5, 6]);
    await admin.curriculumEditor.moveWeek({ curriculum: slug, weekId: third.id, toPosition: 3 });
    expect((await outline(slug)).weeks.map((week) => week.id)).toEqual(before.weeks.map((week) => week.id));
    await expectDensePositions(slug);
  });

  it('adds a week, edits it and its goals, and moves goals', async () => {
    const { week } = await admin.curriculumEditor.addWeek({ curriculum: slug, title: 'Capstone' });
    expect(week).toMatchObject({ position: 7, number: 7, title: 'Capstone', span: 1, sections: [], goals: [] });
    const updated = await admin.curriculumEditor.updateWeek({ curriculum: slug, weekId: week.id, title: 'Capstone project', span: 2, notes: 'Bring a laptop.' });
    expect(updated.week).toMatchObject({ title: 'Capstone project', span: 2, notes: 'Bring a laptop.' });

    const g1 = await admin.curriculumEditor.addGoal({ curriculum: slug, weekId: week.id, text: 'Ship it', category: 'PRACTICAL' });
    const g2 = await admin.curriculumEditor.addGoal({ curriculum: slug, weekId: week.id, text: 'Explain it' });
    expect(g2.goal).toMatchObject({ position: 2, category: 'GENERAL' });
    await admin.curriculumEditor.updateGoal({ curriculum: slug, goalId: g2.goal.id, category: 'THEORETICAL', text: 'Explain it well' });
    await admin.curriculumEditor.moveGoal({ curriculum: slug, goalId: g2.goal.id, toPosition: 1 });
    const goals = (await outline(slug)).weeks[6]!.goals;
    expect(goals).toEqual([
      { id: g2.goal.id, text: 'Explain it well' },
      { id: g1.goal.id, text: 'Ship it' },
    ]);
    const { deleted } = await admin.curriculumEditor.deleteGoal({ curriculum: slug, goalId: g2.goal.id });
    expect((await outline(slug)).weeks[6]!.goals.map((goal) => goal.id)).toEqual([g1.goal.id]);
    await expectDensePositions(slug);
    await admin.curriculumEditor.restoreGoal({ curriculum: slug, weekId: deleted.weekId, goal: deleted.goal });
    expect((await outline(slug)).weeks[6]!.goals.map((goal) => goal.id)).toEqual([g2.goal.id, g1.goal.id]);
  });

  it('inserts a week in the middle and renumbers the weeks after it', async () => {
    const { week } = await admin.curriculumEditor.addWeek({ curriculum: slug, title: 'Review', position: 3 });
    const weeks = (await outline(slug)).weeks;
    expect(weeks[2]!.id).toBe(week.id);
    expect(weeks.map((row) => row.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await admin.curriculumEditor.deleteWeek({ curriculum: slug, weekId: week.id });
    expect((await outline(slug)).weeks.map((row) => row.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await expectDensePositions(slug);
  });

  it('deletes a whole week and restores it as it was', async () => {
    const before = await loadCurriculumForExport({ db, user: null }, { slug });
    const beforeIds = await outline(slug);
    const week = beforeIds.weeks[1]!;
    const { deleted } = await admin.curriculumEditor.deleteWeek({ curriculum: slug, weekId: week.id });
    const during = await outline(slug);
    expect(during.weeks).toHaveLength(beforeIds.weeks.length - 1);
    expect(during.weeks.map((row) => row.number)).toEqual([1, 2, 3, 4, 5, 6]);
    await expectDensePositions(slug);

    await admin.curriculumEditor.restoreWeek({ curriculum: slug, week: deleted.week });
    expect(await loadCurriculumForExport({ db, user: null }, { slug })).toEqual(before);
    expect(await outline(slug)).toEqual({ ...beforeIds, version: expect.any(Number) });
  });
});

describe('targets of another curriculum', () => {
  it('are NOT_FOUND, and change nothing in either curriculum', async () => {
    const mine = await createCurriculum({ slug: 'editor-mine' });
    const theirs = await createCurriculum({ slug: 'editor-theirs' });
    const tree = await outline('editor-theirs');
    const week = tree.weeks[0]!;
    const section = week.sections[0]!;
    const item = section.items[0]!;
    const goal = week.goals[0]!;
    const ownSection = (await outline('editor-mine')).weeks[0]!.sections[0]!;
    const ownItem = ownSection.items[0]!;
    const before = [await loadCurriculumForExport({ db, user: null }, { slug: 'editor-mine' }), await loadCurriculumForExport({ db, user: null }, { slug: 'editor-theirs' })];
    const versions = [mine.version, theirs.version];

    const c = 'editor-mine';
    const attempts: (() => Promise<unknown>)[] = [
      () => admin.curriculumEditor.updateItem({ curriculum: c, itemId: item.id, title: 'hijacked' }),
      () => admin.curriculumEditor.deleteItem({ curriculum: c, itemId: item.id }),
      () => admin.curriculumEditor.moveItem({ curriculum: c, itemId: item.id, toPosition: 1 }),
      () => admin.curriculumEditor.moveItem({ curriculum: c, itemId: ownItem.id, toSectionId: section.id, toPosition: 1 }),
      () => admin.curriculumEditor.addItem({ curriculum: c, sectionId: section.id, title: 'x' }),
      () => admin.curriculumEditor.restoreItem({
        curriculum: c,
        sectionId: section.id,
        item: { id: 'new-one', position: 1, kind: 'READING', title: 'x', url: null, minutes: null, minutesText: null, optional: false, note: null },
      }),
      () => admin.curriculumEditor.updateSection({ curriculum: c, sectionId: section.id, title: 'hijacked' }),
      () => admin.curriculumEditor.deleteSection({ curriculum: c, sectionId: section.id }),
      () => admin.curriculumEditor.moveSection({ curriculum: c, sectionId: section.id, toPosition: 1 }),
      () => admin.curriculumEditor.moveSection({ curriculum: c, sectionId: ownSection.id, toWeekId: week.id, toPosition: 1 }),
      () => admin.curriculumEditor.addSection({ curriculum: c, weekId: week.id, title: 'x' }),
      () => admin.curriculumEditor.updateWeek({ curriculum: c, weekId: week.id, title: 'hijacked' }),
      () => admin.curriculumEditor.deleteWeek({ curriculum: c, weekId: week.id }),
      () => admin.curriculumEditor.moveWeek({ curriculum: c, weekId: week.id, toPosition: 1 }),
      () => admin.curriculumEditor.addGoal({ curriculum: c, weekId: week.id, text: 'x' }),
      () => admin.curriculumEditor.updateGoal({ curriculum: c, goalId: goal.id, text: 'hijacked' }),
      () => admin.curriculumEditor.deleteGoal({ curriculum: c, goalId: goal.id }),
      () => admin.curriculumEditor.moveGoal({ curriculum: c, goalId: goal.id, toPosition: 1 }),
      () => admin.curriculumEditor.updateItem({ curriculum: 'no-such-curriculum', itemId: ownItem.id, title: 'x' }),
    ];
    for (const attempt of attempts) {
      expect((await rejection(attempt())).code).toBe('NOT_FOUND');
    }
    expect([await loadCurriculumForExport({ db, user: null }, { slug: 'editor-mine' }), await loadCurriculumForExport({ db, user: null }, { slug: 'editor-theirs' })]).toEqual(before);
    expect([await versionOf('editor-mine'), await versionOf('editor-theirs')]).toEqual(versions);
  });
});

describe('the editor view', () => {
  it('shows a template with the cohorts whose copies are behind, and a copy with its template', async () => {
    const template = await createCurriculum({ slug: 'editor-view-template', version: 4 });
    const copy = await createCurriculum({ slug: 'editor-view-copy', source: { connect: { id: template.id } }, sourceVersion: 3 });
    await db.cohort.create({
      data: { slug: 'editor-view-cohort', name: 'Spring', startDate: new Date('2027-01-04'), curriculumId: copy.id },
    });
    const view = await admin.curriculumEditor.get({ curriculum: 'editor-view-template' });
    expect(view.kind).toBe('template');
    expect(view.cohortsBehind).toEqual([expect.objectContaining({ slug: 'editor-view-cohort', name: 'Spring', sourceVersion: 3 })]);
    expect(view.weeks[0]!.sections[0]!.items).toHaveLength(2);

    const copyView = await admin.curriculumEditor.get({ curriculum: 'editor-view-copy' });
    expect(copyView.kind).toBe('copy');
    expect(copyView.source).toEqual({ slug: 'editor-view-template', title: 'Test curriculum', version: 4, behind: true });
    expect(copyView.cohorts.map((cohort) => cohort.slug)).toEqual(['editor-view-cohort']);
    expect((await rejection(admin.curriculumEditor.get({ curriculum: 'nope' }))).code).toBe('NOT_FOUND');
  });
});
