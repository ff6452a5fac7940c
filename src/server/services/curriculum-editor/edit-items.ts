// Readings: add, change, delete (returning what undo needs), restore, and move within a
// section or to another section of the same curriculum.
import type { z } from 'zod';
import type {
  addItemInput,
  itemRefInput,
  moveItemInput,
  restoreItemInput,
  updateItemInput,
} from '@/lib/schemas/curriculum-editor';
import { editCurriculum, targetNotFound, type Tx } from './edit-transaction';
import { findSectionId } from './find-targets';
import { clampPosition, moveInList, writeOrder } from './positions';
import { itemSelect } from './selects';
import type { ServiceContext } from '@/server/services/context';
import { AppError } from '@/server/errors';

async function findItem(tx: Tx, curriculumId: string, itemId: string) {
  const item = await tx.curriculumItem.findFirst({
    where: { id: itemId, section: { week: { curriculumId } } },
    select: { ...itemSelect, sectionId: true },
  });
  if (!item) throw targetNotFound('reading');
  return item;
}

function siblings(tx: Tx, sectionId: string) {
  return tx.curriculumItem.findMany({ where: { sectionId }, orderBy: { position: 'asc' }, select: { id: true, position: true } });
}

export function addItem(ctx: ServiceContext, input: z.output<typeof addItemInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    await findSectionId(tx, curriculumId, input.sectionId);
    const rows = await siblings(tx, input.sectionId);
    const position = clampPosition(input.position, rows.length);
    await writeOrder(tx, 'CurriculumItem', rows, rows.map((row) => row.id), position);
    const item = await tx.curriculumItem.create({
      data: {
        sectionId: input.sectionId,
        position,
        title: input.title,
        url: input.url ?? null,
        minutes: input.minutes ?? null,
        optional: input.optional ?? false,
        note: input.note ?? null,
        kind: input.kind ?? 'READING',
      },
      select: itemSelect,
    });
    return { sectionId: input.sectionId, item };
  });
}

export function updateItem(ctx: ServiceContext, input: z.output<typeof updateItemInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const { sectionId } = await findItem(tx, curriculumId, input.itemId);
    if (input.exerciseSlug) {
      const taken = await tx.curriculumItem.findFirst({
        where: { exerciseSlug: input.exerciseSlug, id: { not: input.itemId }, section: { week: { curriculumId } } },
        select: { title: true },
      });
      if (taken) throw new AppError('CONFLICT', `“${taken.title}” already uses the exercise name "${input.exerciseSlug}": choose another.`, [{ path: 'exerciseSlug', message: 'Already used in this curriculum.' }]);
    }
    const item = await tx.curriculumItem.update({
      where: { id: input.itemId },
      data: {
        title: input.title,
        url: input.url,
        minutes: input.minutes,
        // The estimate as written no longer says what the new number says.
        minutesText: input.minutes === undefined ? undefined : null,
        optional: input.optional,
        note: input.note,
        kind: input.kind,
        exerciseSlug: input.exerciseSlug,
        primaryMetric: input.primaryMetric,
        higherIsBetter: input.higherIsBetter,
        buildsOn: input.buildsOn,
      },
      select: itemSelect,
    });
    return { sectionId, item };
  });
}

export function deleteItem(ctx: ServiceContext, input: z.output<typeof itemRefInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const { sectionId, ...item } = await findItem(tx, curriculumId, input.itemId);
    await tx.curriculumItem.delete({ where: { id: item.id } });
    const rest = await siblings(tx, sectionId);
    await writeOrder(tx, 'CurriculumItem', rest, rest.map((row) => row.id));
    return { deleted: { sectionId, item } };
  });
}

export function restoreItem(ctx: ServiceContext, input: z.output<typeof restoreItemInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    await findSectionId(tx, curriculumId, input.sectionId);
    const rows = await siblings(tx, input.sectionId);
    const position = clampPosition(input.item.position, rows.length);
    await writeOrder(tx, 'CurriculumItem', rows, rows.map((row) => row.id), position);
    const item = await tx.curriculumItem.create({
      data: { ...input.item, sectionId: input.sectionId, position },
      select: itemSelect,
    });
    return { sectionId: input.sectionId, item };
  });
}

export function moveItem(ctx: ServiceContext, input: z.output<typeof moveItemInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const item = await findItem(tx, curriculumId, input.itemId);
    const toSectionId = input.toSectionId ?? item.sectionId;

    if (toSectionId === item.sectionId) {
      const rows = await siblings(tx, item.sectionId);
      await writeOrder(tx, 'CurriculumItem', rows, moveInList(rows.map((row) => row.id), item.id, input.toPosition));
    } else {
      await findSectionId(tx, curriculumId, toSectionId);
      // Parked at -1 in the new section (writeOrder never parks there), then put in place.
      await tx.curriculumItem.update({ where: { id: item.id }, data: { sectionId: toSectionId, position: -1 } });
      const left = await siblings(tx, item.sectionId);
      await writeOrder(tx, 'CurriculumItem', left, left.map((row) => row.id));
      const rows = await siblings(tx, toSectionId);
      await writeOrder(tx, 'CurriculumItem', rows, moveInList(rows.map((row) => row.id), item.id, input.toPosition));
    }
    const moved = await tx.curriculumItem.findUniqueOrThrow({ where: { id: item.id }, select: { id: true, position: true, sectionId: true } });
    return { fromSectionId: item.sectionId, item: moved };
  });
}
