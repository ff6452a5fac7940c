// Weeks and the curriculum's own fields. Week numbers follow the order while they are
// sequential (1, 2, 3, or 2 after a week that spans two): moving, adding or deleting a week
// renumbers the rest, as an admin who reorders "Week 3" before "Week 2" expects. A syllabus
// numbered some other way (an unnumbered introduction) keeps the numbers the admin set.
import type { z } from 'zod';
import type {
  addWeekInput,
  moveWeekInput,
  restoreWeekInput,
  updateCurriculumInput,
  updateWeekInput,
  weekRefInput,
} from '@/lib/schemas/curriculum-editor';
import { editCurriculum, targetNotFound, type Tx } from './edit-transaction';
import { clampPosition, moveInList, writeOrder } from './positions';
import { weekSelect } from './selects';
import type { ServiceContext } from '@/server/services/context';

const { sections: _sections, goals: _goals, prompts: _prompts, ...weekFields } = weekSelect;

type Numbered = { id: string; position: number; number: number | null; span: number };

function listWeeks(tx: Tx, curriculumId: string): Promise<Numbered[]> {
  return tx.curriculumWeek.findMany({
    where: { curriculumId },
    orderBy: { position: 'asc' },
    select: { id: true, position: true, number: true, span: true },
  });
}

/** The first week's number when every week is numbered in sequence, otherwise null. */
function sequenceStart(weeks: Numbered[]): number | null {
  if (weeks.length === 0) return 1;
  for (const [index, week] of weeks.entries()) {
    if (week.number === null) return null;
    const previous = weeks[index - 1];
    if (previous && week.number !== previous.number! + previous.span) return null;
  }
  return weeks[0]!.number;
}

async function renumberFrom(tx: Tx, curriculumId: string, start: number | null) {
  if (start === null) return;
  let number = start;
  for (const week of await listWeeks(tx, curriculumId)) {
    // A label as written ("Week 2 and 3") would now say the wrong numbers.
    if (week.number !== number) await tx.curriculumWeek.update({ where: { id: week.id }, data: { number, label: null } });
    number += week.span;
  }
}

async function findWeek(tx: Tx, curriculumId: string, weekId: string) {
  const week = await tx.curriculumWeek.findFirst({ where: { id: weekId, curriculumId }, select: weekSelect });
  if (!week) throw targetNotFound('week');
  return week;
}

export function updateCurriculumFields(ctx: ServiceContext, input: z.output<typeof updateCurriculumInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const curriculum = await tx.curriculum.update({
      where: { id: curriculumId },
      data: { title: input.title, description: input.description, notes: input.notes },
      select: { id: true, slug: true, title: true, description: true, notes: true },
    });
    return { curriculum };
  });
}

export function addWeek(ctx: ServiceContext, input: z.output<typeof addWeekInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const weeks = await listWeeks(tx, curriculumId);
    const start = sequenceStart(weeks);
    const position = clampPosition(input.position, weeks.length);
    const previous = weeks[position - 2];
    const number =
      input.number !== undefined ? input.number : previous ? (previous.number === null ? null : previous.number + previous.span) : (start ?? 1);
    await writeOrder(tx, 'CurriculumWeek', weeks, weeks.map((week) => week.id), position);
    const created = await tx.curriculumWeek.create({
      data: { curriculumId, position, title: input.title, number, span: input.span ?? 1 },
      select: { id: true },
    });
    if (input.number === undefined) await renumberFrom(tx, curriculumId, start);
    return { week: await findWeek(tx, curriculumId, created.id) };
  });
}

export function updateWeek(ctx: ServiceContext, input: z.output<typeof updateWeekInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    await findWeek(tx, curriculumId, input.weekId);
    const start = input.span !== undefined && input.number === undefined ? sequenceStart(await listWeeks(tx, curriculumId)) : null;
    const week = await tx.curriculumWeek.update({
      where: { id: input.weekId },
      data: { title: input.title, label: input.label, number: input.number, span: input.span, part: input.part, notes: input.notes },
      select: weekFields,
    });
    // A longer or shorter unit moves the numbers of the weeks after it.
    await renumberFrom(tx, curriculumId, start);
    const renumbered = await listWeeks(tx, curriculumId);
    return { week, numbers: renumbered.map(({ id, number }) => ({ id, number })) };
  });
}

export function deleteWeek(ctx: ServiceContext, input: z.output<typeof weekRefInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const week = await findWeek(tx, curriculumId, input.weekId);
    const start = sequenceStart(await listWeeks(tx, curriculumId));
    await tx.curriculumWeek.delete({ where: { id: week.id } });
    const rest = await listWeeks(tx, curriculumId);
    await writeOrder(tx, 'CurriculumWeek', rest, rest.map((row) => row.id));
    await renumberFrom(tx, curriculumId, start);
    return { deleted: { week } };
  });
}

export function restoreWeek(ctx: ServiceContext, input: z.output<typeof restoreWeekInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const weeks = await listWeeks(tx, curriculumId);
    const start = sequenceStart(weeks);
    const position = clampPosition(input.week.position, weeks.length);
    await writeOrder(tx, 'CurriculumWeek', weeks, weeks.map((week) => week.id), position);
    const { sections, goals, prompts, ...fields } = input.week;
    await tx.curriculumWeek.create({
      data: {
        ...fields,
        curriculumId,
        position,
        sections: {
          create: sections.map(({ items, ...section }) => ({ ...section, items: { createMany: { data: items } } })),
        },
        goals: { createMany: { data: goals } },
        prompts: { createMany: { data: prompts.map((prompt) => ({ ...prompt, curriculumId })) } },
      },
      select: { id: true },
    });
    await renumberFrom(tx, curriculumId, start);
    return { week: await findWeek(tx, curriculumId, input.week.id) };
  });
}

export function moveWeek(ctx: ServiceContext, input: z.output<typeof moveWeekInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    await findWeek(tx, curriculumId, input.weekId);
    const weeks = await listWeeks(tx, curriculumId);
    const start = sequenceStart(weeks);
    await writeOrder(tx, 'CurriculumWeek', weeks, moveInList(weeks.map((week) => week.id), input.weekId, input.toPosition));
    await renumberFrom(tx, curriculumId, start);
    const moved = await listWeeks(tx, curriculumId);
    return { weeks: moved.map(({ id, position, number }) => ({ id, position, number })) };
  });
}
