import { createTRPCRouter, siteProcedure } from '@/server/api/trpc';
import {
  addGoalInput,
  addPromptInput,
  movePromptInput,
  promptRefInput,
  restorePromptInput,
  updatePromptInput,
  addItemInput,
  addSectionInput,
  addWeekInput,
  checkLinksInput,
  cohortTemplateInput,
  curriculumRefInput,
  goalRefInput,
  itemRefInput,
  moveGoalInput,
  moveItemInput,
  moveSectionInput,
  moveWeekInput,
  restoreGoalInput,
  restoreItemInput,
  restoreSectionInput,
  restoreWeekInput,
  sectionRefInput,
  updateCurriculumInput,
  updateGoalInput,
  updateItemInput,
  updateSectionInput,
  updateWeekInput,
  weekRefInput,
} from '@/lib/schemas/curriculum-editor';
import { checkReadingLinks } from '@/server/services/curricula/check-links';
import { addGoal, deleteGoal, moveGoal, restoreGoal, updateGoal } from '@/server/services/curriculum-editor/edit-goals';
import { addPrompt, deletePrompt, movePrompt, restorePrompt, updatePrompt } from '@/server/services/curriculum-editor/edit-prompts';
import { addItem, deleteItem, moveItem, restoreItem, updateItem } from '@/server/services/curriculum-editor/edit-items';
import {
  addSection,
  deleteSection,
  moveSection,
  restoreSection,
  updateSection,
} from '@/server/services/curriculum-editor/edit-sections';
import {
  addWeek,
  deleteWeek,
  moveWeek,
  restoreWeek,
  updateCurriculumFields,
  updateWeek,
} from '@/server/services/curriculum-editor/edit-weeks';
import { getEditorCurriculum } from '@/server/services/curriculum-editor/get-editor-curriculum';
import { applyTemplateToCohort, compareCohortCopyWithTemplate } from '@/server/services/curriculum-editor/template-changes';

// Admins edit templates and cohorts' copies alike; every mutation names the curriculum by
// slug, saves in one transaction, bumps the curriculum's version and expires cached pages.
// Deletes return what the matching restore takes, for "Undo".
export const curriculumEditorRouter = createTRPCRouter({
  get: siteProcedure('curricula.manage').input(curriculumRefInput).query(({ ctx, input }) => getEditorCurriculum(ctx, input)),

  updateCurriculum: siteProcedure('curricula.manage').input(updateCurriculumInput).mutation(({ ctx, input }) => updateCurriculumFields(ctx, input)),

  addWeek: siteProcedure('curricula.manage').input(addWeekInput).mutation(({ ctx, input }) => addWeek(ctx, input)),
  updateWeek: siteProcedure('curricula.manage').input(updateWeekInput).mutation(({ ctx, input }) => updateWeek(ctx, input)),
  deleteWeek: siteProcedure('curricula.manage').input(weekRefInput).mutation(({ ctx, input }) => deleteWeek(ctx, input)),
  restoreWeek: siteProcedure('curricula.manage').input(restoreWeekInput).mutation(({ ctx, input }) => restoreWeek(ctx, input)),
  moveWeek: siteProcedure('curricula.manage').input(moveWeekInput).mutation(({ ctx, input }) => moveWeek(ctx, input)),

  addSection: siteProcedure('curricula.manage').input(addSectionInput).mutation(({ ctx, input }) => addSection(ctx, input)),
  updateSection: siteProcedure('curricula.manage').input(updateSectionInput).mutation(({ ctx, input }) => updateSection(ctx, input)),
  deleteSection: siteProcedure('curricula.manage').input(sectionRefInput).mutation(({ ctx, input }) => deleteSection(ctx, input)),
  restoreSection: siteProcedure('curricula.manage').input(restoreSectionInput).mutation(({ ctx, input }) => restoreSection(ctx, input)),
  moveSection: siteProcedure('curricula.manage').input(moveSectionInput).mutation(({ ctx, input }) => moveSection(ctx, input)),

  addItem: siteProcedure('curricula.manage').input(addItemInput).mutation(({ ctx, input }) => addItem(ctx, input)),
  updateItem: siteProcedure('curricula.manage').input(updateItemInput).mutation(({ ctx, input }) => updateItem(ctx, input)),
  deleteItem: siteProcedure('curricula.manage').input(itemRefInput).mutation(({ ctx, input }) => deleteItem(ctx, input)),
  restoreItem: siteProcedure('curricula.manage').input(restoreItemInput).mutation(({ ctx, input }) => restoreItem(ctx, input)),
  moveItem: siteProcedure('curricula.manage').input(moveItemInput).mutation(({ ctx, input }) => moveItem(ctx, input)),

  addGoal: siteProcedure('curricula.manage').input(addGoalInput).mutation(({ ctx, input }) => addGoal(ctx, input)),
  updateGoal: siteProcedure('curricula.manage').input(updateGoalInput).mutation(({ ctx, input }) => updateGoal(ctx, input)),
  deleteGoal: siteProcedure('curricula.manage').input(goalRefInput).mutation(({ ctx, input }) => deleteGoal(ctx, input)),
  restoreGoal: siteProcedure('curricula.manage').input(restoreGoalInput).mutation(({ ctx, input }) => restoreGoal(ctx, input)),
  moveGoal: siteProcedure('curricula.manage').input(moveGoalInput).mutation(({ ctx, input }) => moveGoal(ctx, input)),

  addPrompt: siteProcedure('curricula.manage').input(addPromptInput).mutation(({ ctx, input }) => addPrompt(ctx, input)),
  updatePrompt: siteProcedure('curricula.manage').input(updatePromptInput).mutation(({ ctx, input }) => updatePrompt(ctx, input)),
  deletePrompt: siteProcedure('curricula.manage').input(promptRefInput).mutation(({ ctx, input }) => deletePrompt(ctx, input)),
  restorePrompt: siteProcedure('curricula.manage').input(restorePromptInput).mutation(({ ctx, input }) => restorePrompt(ctx, input)),
  movePrompt: siteProcedure('curricula.manage').input(movePromptInput).mutation(({ ctx, input }) => movePrompt(ctx, input)),

  /** Whether the readings' web links still answer (a mutation: it is an action, never cached). */
  checkLinks: siteProcedure('curricula.manage').input(checkLinksInput).mutation(({ ctx, input }) => checkReadingLinks(ctx, input)),

  /** What changed in the template since the cohort's copy was made or last updated. */
  templateChanges: siteProcedure('curricula.manage')
    .input(cohortTemplateInput)
    .query(({ ctx, input }) => compareCohortCopyWithTemplate(ctx, input)),

  applyTemplateChanges: siteProcedure('curricula.manage')
    .input(cohortTemplateInput)
    .mutation(({ ctx, input }) => applyTemplateToCohort(ctx, input)),
});
