// A week's learning goals: add, change, delete (returning what undo needs), restore, move.
import type { z } from 'zod';
import type {
  addGoalInput,
  goalRefInput,
  moveGoalInput,
  restoreGoalInput,
  updateGoalInput,
} from '@/lib/schemas/curriculum-editor';
import { editCurriculum, targetNotFound, type Tx } from './edit-transaction';
import { findWeek } from './find-targets';
import { clampPosition, moveInList, writeOrder } from './positions';
import { goalSelect } from './selects';
import type { ServiceContext } from '@/server/services/context';

async function findGoal(tx: Tx, curriculumId: string, goalId: string) {
  const goal = await tx.learningGoal.findFirst({
    where: { id: goalId, week: { curriculumId } },
    select: { ...goalSelect, weekId: true },
  });
  if (!goal) throw targetNotFound('learning goal');
  return goal;
}

function siblings(tx: Tx, weekId: string) {
  return tx.learningGoal.findMany({ where: { weekId }, orderBy: { position: 'asc' }, select: { id: true, position: true } });
}

export function addGoal(ctx: ServiceContext, input: z.output<typeof addGoalInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    await findWeek(tx, curriculumId, input.weekId);
    const rows = await siblings(tx, input.weekId);
    const position = clampPosition(input.position, rows.length);
    await writeOrder(tx, 'LearningGoal', rows, rows.map((row) => row.id), position);
    const goal = await tx.learningGoal.create({
      data: { weekId: input.weekId, position, text: input.text, category: input.category },
      select: goalSelect,
    });
    return { weekId: input.weekId, goal };
  });
}

export function updateGoal(ctx: ServiceContext, input: z.output<typeof updateGoalInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const { weekId } = await findGoal(tx, curriculumId, input.goalId);
    const goal = await tx.learningGoal.update({
      where: { id: input.goalId },
      data: { text: input.text, category: input.category },
      select: goalSelect,
    });
    return { weekId, goal };
  });
}

export function deleteGoal(ctx: ServiceContext, input: z.output<typeof goalRefInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const { weekId, ...goal } = await findGoal(tx, curriculumId, input.goalId);
    await tx.learningGoal.delete({ where: { id: goal.id } });
    const rest = await siblings(tx, weekId);
    await writeOrder(tx, 'LearningGoal', rest, rest.map((row) => row.id));
    return { deleted: { weekId, goal } };
  });
}

export function restoreGoal(ctx: ServiceContext, input: z.output<typeof restoreGoalInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    await findWeek(tx, curriculumId, input.weekId);
    const rows = await siblings(tx, input.weekId);
    const position = clampPosition(input.goal.position, rows.length);
    await writeOrder(tx, 'LearningGoal', rows, rows.map((row) => row.id), position);
    const goal = await tx.learningGoal.create({
      data: { ...input.goal, weekId: input.weekId, position },
      select: goalSelect,
    });
    return { weekId: input.weekId, goal };
  });
}

export function moveGoal(ctx: ServiceContext, input: z.output<typeof moveGoalInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const goal = await findGoal(tx, curriculumId, input.goalId);
    const rows = await siblings(tx, goal.weekId);
    await writeOrder(tx, 'LearningGoal', rows, moveInList(rows.map((row) => row.id), goal.id, input.toPosition));
    const moved = await tx.learningGoal.findUniqueOrThrow({ where: { id: goal.id }, select: { id: true, position: true, weekId: true } });
    return { goal: moved };
  });
}
