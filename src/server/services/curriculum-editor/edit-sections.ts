// A week's sections ("Core Readings (70 mins)"): add, change, delete with their readings
// (returning what undo needs), restore, and move within a week or to another week.
import type { z } from 'zod';
import type {
  addSectionInput,
  moveSectionInput,
  restoreSectionInput,
  sectionRefInput,
  updateSectionInput,
} from '@/lib/schemas/curriculum-editor';
import { AppError } from '@/server/errors';
import { parseDuration } from '@/lib/syllabus/durations';
import { editCurriculum, targetNotFound, type Tx } from './edit-transaction';
import { findWeek } from './find-targets';
import { clampPosition, moveInList, writeOrder } from './positions';
import { sectionSelect } from './selects';

const { items: _items, ...sectionFields } = sectionSelect;

async function findSection(tx: Tx, curriculumId: string, sectionId: string) {
  const section = await tx.curriculumSection.findFirst({
    where: { id: sectionId, week: { curriculumId } },
    select: { ...sectionSelect, weekId: true },
  });
  if (!section) throw targetNotFound('section');
  return section;
}

function siblings(tx: Tx, weekId: string) {
  return tx.curriculumSection.findMany({ where: { weekId }, orderBy: { position: 'asc' }, select: { id: true, position: true } });
}

/** "70 mins" → 70, "< 200 mins" → 200; a text that is no time is the admin's mistake to fix. */
function statedMinutesOf(statedText: string | null): number | null {
  if (statedText === null) return null;
  const duration = parseDuration(statedText);
  if (!duration) {
    const message = 'Write a time such as "70 min", "1h 30 min" or "< 200 mins", or leave it empty.';
    throw new AppError('BAD_REQUEST', message, [{ path: 'statedText', message }]);
  }
  return duration.minutes;
}

export function addSection(input: z.output<typeof addSectionInput>) {
  return editCurriculum(input.curriculum, async ({ tx, curriculumId }) => {
    await findWeek(tx, curriculumId, input.weekId);
    const rows = await siblings(tx, input.weekId);
    const position = clampPosition(input.position, rows.length);
    await writeOrder(tx, 'CurriculumSection', rows, rows.map((row) => row.id), position);
    const section = await tx.curriculumSection.create({
      data: { weekId: input.weekId, position, title: input.title, kind: input.kind },
      select: sectionSelect,
    });
    return { weekId: input.weekId, section };
  });
}

export function updateSection(input: z.output<typeof updateSectionInput>) {
  return editCurriculum(input.curriculum, async ({ tx, curriculumId }) => {
    const { weekId } = await findSection(tx, curriculumId, input.sectionId);
    const section = await tx.curriculumSection.update({
      where: { id: input.sectionId },
      data: {
        title: input.title,
        kind: input.kind,
        group: input.group,
        ...(input.statedText === undefined
          ? {}
          : { statedText: input.statedText, statedMinutes: statedMinutesOf(input.statedText) }),
      },
      select: sectionFields,
    });
    return { weekId, section };
  });
}

export function deleteSection(input: z.output<typeof sectionRefInput>) {
  return editCurriculum(input.curriculum, async ({ tx, curriculumId }) => {
    const { weekId, ...section } = await findSection(tx, curriculumId, input.sectionId);
    // Its readings go with it (ON DELETE CASCADE) and come back with a restore.
    await tx.curriculumSection.delete({ where: { id: section.id } });
    const rest = await siblings(tx, weekId);
    await writeOrder(tx, 'CurriculumSection', rest, rest.map((row) => row.id));
    return { deleted: { weekId, section } };
  });
}

export function restoreSection(input: z.output<typeof restoreSectionInput>) {
  return editCurriculum(input.curriculum, async ({ tx, curriculumId }) => {
    await findWeek(tx, curriculumId, input.weekId);
    const rows = await siblings(tx, input.weekId);
    const position = clampPosition(input.section.position, rows.length);
    await writeOrder(tx, 'CurriculumSection', rows, rows.map((row) => row.id), position);
    const { items, ...fields } = input.section;
    const section = await tx.curriculumSection.create({
      data: { ...fields, weekId: input.weekId, position, items: { createMany: { data: items } } },
      select: sectionSelect,
    });
    return { weekId: input.weekId, section };
  });
}

export function moveSection(input: z.output<typeof moveSectionInput>) {
  return editCurriculum(input.curriculum, async ({ tx, curriculumId }) => {
    const section = await findSection(tx, curriculumId, input.sectionId);
    const toWeekId = input.toWeekId ?? section.weekId;

    if (toWeekId === section.weekId) {
      const rows = await siblings(tx, section.weekId);
      await writeOrder(tx, 'CurriculumSection', rows, moveInList(rows.map((row) => row.id), section.id, input.toPosition));
    } else {
      await findWeek(tx, curriculumId, toWeekId);
      await tx.curriculumSection.update({ where: { id: section.id }, data: { weekId: toWeekId, position: -1 } });
      const left = await siblings(tx, section.weekId);
      await writeOrder(tx, 'CurriculumSection', left, left.map((row) => row.id));
      const rows = await siblings(tx, toWeekId);
      await writeOrder(tx, 'CurriculumSection', rows, moveInList(rows.map((row) => row.id), section.id, input.toPosition));
    }
    const moved = await tx.curriculumSection.findUniqueOrThrow({
      where: { id: section.id },
      select: { id: true, position: true, weekId: true },
    });
    return { fromWeekId: section.weekId, section: moved };
  });
}
