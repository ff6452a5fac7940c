import { createTRPCRouter, siteProcedure } from '@/server/api/trpc';
import {
  addGoalInput,
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
import { db } from '@/server/db/client';
import { checkReadingLinks } from '@/server/services/curricula/check-links';
import { addGoal, deleteGoal, moveGoal, restoreGoal, updateGoal } from '@/server/services/curriculum-editor/edit-goals';
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
  get: siteProcedure('curricula.manage').input(curriculumRefInput).query(({ input }) => getEditorCurriculum(input.curriculum)),

  updateCurriculum: siteProcedure('curricula.manage').input(updateCurriculumInput).mutation(({ input }) => updateCurriculumFields(input)),

  addWeek: siteProcedure('curricula.manage').input(addWeekInput).mutation(({ input }) => addWeek(input)),
  updateWeek: siteProcedure('curricula.manage').input(updateWeekInput).mutation(({ input }) => updateWeek(input)),
  deleteWeek: siteProcedure('curricula.manage').input(weekRefInput).mutation(({ input }) => deleteWeek(input)),
  restoreWeek: siteProcedure('curricula.manage').input(restoreWeekInput).mutation(({ input }) => restoreWeek(input)),
  moveWeek: siteProcedure('curricula.manage').input(moveWeekInput).mutation(({ input }) => moveWeek(input)),

  addSection: siteProcedure('curricula.manage').input(addSectionInput).mutation(({ input }) => addSection(input)),
  updateSection: siteProcedure('curricula.manage').input(updateSectionInput).mutation(({ input }) => updateSection(input)),
  deleteSection: siteProcedure('curricula.manage').input(sectionRefInput).mutation(({ input }) => deleteSection(input)),
  restoreSection: siteProcedure('curricula.manage').input(restoreSectionInput).mutation(({ input }) => restoreSection(input)),
  moveSection: siteProcedure('curricula.manage').input(moveSectionInput).mutation(({ input }) => moveSection(input)),

  addItem: siteProcedure('curricula.manage').input(addItemInput).mutation(({ input }) => addItem(input)),
  updateItem: siteProcedure('curricula.manage').input(updateItemInput).mutation(({ input }) => updateItem(input)),
  deleteItem: siteProcedure('curricula.manage').input(itemRefInput).mutation(({ input }) => deleteItem(input)),
  restoreItem: siteProcedure('curricula.manage').input(restoreItemInput).mutation(({ input }) => restoreItem(input)),
  moveItem: siteProcedure('curricula.manage').input(moveItemInput).mutation(({ input }) => moveItem(input)),

  addGoal: siteProcedure('curricula.manage').input(addGoalInput).mutation(({ input }) => addGoal(input)),
  updateGoal: siteProcedure('curricula.manage').input(updateGoalInput).mutation(({ input }) => updateGoal(input)),
  deleteGoal: siteProcedure('curricula.manage').input(goalRefInput).mutation(({ input }) => deleteGoal(input)),
  restoreGoal: siteProcedure('curricula.manage').input(restoreGoalInput).mutation(({ input }) => restoreGoal(input)),
  moveGoal: siteProcedure('curricula.manage').input(moveGoalInput).mutation(({ input }) => moveGoal(input)),

  /** Whether the readings' web links still answer (a mutation: it is an action, never cached). */
  checkLinks: siteProcedure('curricula.manage').input(checkLinksInput).mutation(({ input }) => checkReadingLinks(db, input.curriculum, input.itemIds)),

  /** What changed in the template since the cohort's copy was made or last updated. */
  templateChanges: siteProcedure('curricula.manage')
    .input(cohortTemplateInput)
    .query(({ input }) => compareCohortCopyWithTemplate(input.cohort)),

  applyTemplateChanges: siteProcedure('curricula.manage')
    .input(cohortTemplateInput)
    .mutation(({ input }) => applyTemplateToCohort(input.cohort)),
});
