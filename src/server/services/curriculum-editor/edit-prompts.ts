// A week's discussion prompts and reflection tasks: add, change, delete (returning what undo
// needs), restore, move. A prompt's answers go with it when it is deleted.
import type { z } from 'zod';
import type {
  addPromptInput,
  promptRefInput,
  movePromptInput,
  restorePromptInput,
  updatePromptInput,
} from '@/lib/schemas/curriculum-editor';
import { editCurriculum, targetNotFound, type Tx } from './edit-transaction';
import { findWeek } from './find-targets';
import { clampPosition, moveInList, writeOrder } from './positions';
import { promptSelect } from './selects';
import type { ServiceContext } from '@/server/services/context';

async function findPrompt(tx: Tx, curriculumId: string, promptId: string) {
  const prompt = await tx.curriculumPrompt.findFirst({
    where: { id: promptId, curriculumId, weekId: { not: null } },
    select: { ...promptSelect, weekId: true },
  });
  if (!prompt) throw targetNotFound('prompt');
  return { ...prompt, weekId: prompt.weekId! };
}

function siblings(tx: Tx, weekId: string) {
  return tx.curriculumPrompt.findMany({ where: { weekId }, orderBy: { position: 'asc' }, select: { id: true, position: true } });
}

export function addPrompt(ctx: ServiceContext, input: z.output<typeof addPromptInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    await findWeek(tx, curriculumId, input.weekId);
    const rows = await siblings(tx, input.weekId);
    const position = clampPosition(input.position, rows.length);
    await writeOrder(tx, 'CurriculumPrompt', rows, rows.map((row) => row.id), position);
    const prompt = await tx.curriculumPrompt.create({
      data: { curriculumId, weekId: input.weekId, position, text: input.text, kind: input.kind },
      select: promptSelect,
    });
    return { weekId: input.weekId, prompt };
  });
}

export function updatePrompt(ctx: ServiceContext, input: z.output<typeof updatePromptInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const { weekId } = await findPrompt(tx, curriculumId, input.promptId);
    const prompt = await tx.curriculumPrompt.update({
      where: { id: input.promptId },
      data: { text: input.text, kind: input.kind },
      select: promptSelect,
    });
    return { weekId, prompt };
  });
}

export function deletePrompt(ctx: ServiceContext, input: z.output<typeof promptRefInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const { weekId, ...prompt } = await findPrompt(tx, curriculumId, input.promptId);
    await tx.curriculumPrompt.delete({ where: { id: prompt.id } });
    const rest = await siblings(tx, weekId);
    await writeOrder(tx, 'CurriculumPrompt', rest, rest.map((row) => row.id));
    return { deleted: { weekId, prompt } };
  });
}

export function restorePrompt(ctx: ServiceContext, input: z.output<typeof restorePromptInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    await findWeek(tx, curriculumId, input.weekId);
    const rows = await siblings(tx, input.weekId);
    const position = clampPosition(input.prompt.position, rows.length);
    await writeOrder(tx, 'CurriculumPrompt', rows, rows.map((row) => row.id), position);
    const prompt = await tx.curriculumPrompt.create({
      data: { ...input.prompt, curriculumId, weekId: input.weekId, position },
      select: promptSelect,
    });
    return { weekId: input.weekId, prompt };
  });
}

export function movePrompt(ctx: ServiceContext, input: z.output<typeof movePromptInput>) {
  return editCurriculum(ctx.db, input.curriculum, async ({ tx, curriculumId }) => {
    const prompt = await findPrompt(tx, curriculumId, input.promptId);
    const rows = await siblings(tx, prompt.weekId);
    await writeOrder(tx, 'CurriculumPrompt', rows, moveInList(rows.map((row) => row.id), prompt.id, input.toPosition));
    const moved = await tx.curriculumPrompt.findUniqueOrThrow({ where: { id: prompt.id }, select: { id: true, position: true, weekId: true } });
    return { prompt: moved };
  });
}
