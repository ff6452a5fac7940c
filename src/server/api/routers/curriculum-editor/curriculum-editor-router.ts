import { adminProcedure, createTRPCRouter } from '@/server/api/trpc';
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
  get: adminProcedure.input(curriculumRefInput).query(({ input }) => getEditorCurriculum(input.curriculum)),

  updateCurriculum: adminProcedure.input(updateCurriculumInput).mutation(({ input }) => updateCurriculumFields(input)),

  addWeek: adminProcedure.input(addWeekInput).mutation(({ input }) => addWeek(input)),
  updateWeek: adminProcedure.input(updateWeekInput).mutation(({ input }) => updateWeek(input)),
  deleteWeek: adminProcedure.input(weekRefInput).mutation(({ input }) => deleteWeek(input)),
  restoreWeek: adminProcedure.input(restoreWeekInput).mutation(({ input }) => restoreWeek(input)),
  moveWeek: adminProcedure.input(moveWeekInput).mutation(({ input }) => moveWeek(input)),

  addSection: adminProcedure.input(addSectionInput).mutation(({ input }) => addSection(input)),
  updateSection: adminProcedure.input(updateSectionInput).mutation(({ input }) => updateSection(input)),
  deleteSection: adminProcedure.input(sectionRefInput).mutation(({ input }) => deleteSection(input)),
  restoreSection: adminProcedure.input(restoreSectionInput).mutation(({ input }) => restoreSection(input)),
  moveSection: adminProcedure.input(moveSectionInput).mutation(({ input }) => moveSection(input)),

  addItem: adminProcedure.input(addItemInput).mutation(({ input }) => addItem(input)),
  updateItem: adminProcedure.input(updateItemInput).mutation(({ input }) => updateItem(input)),
  deleteItem: adminProcedure.input(itemRefInput).mutation(({ input }) => deleteItem(input)),
  restoreItem: adminProcedure.input(restoreItemInput).mutation(({ input }) => restoreItem(input)),
  moveItem: adminProcedure.input(moveItemInput).mutation(({ input }) => moveItem(input)),

  addGoal: adminProcedure.input(addGoalInput).mutation(({ input }) => addGoal(input)),
  updateGoal: adminProcedure.input(updateGoalInput).mutation(({ input }) => updateGoal(input)),
  deleteGoal: adminProcedure.input(goalRefInput).mutation(({ input }) => deleteGoal(input)),
  restoreGoal: adminProcedure.input(restoreGoalInput).mutation(({ input }) => restoreGoal(input)),
  moveGoal: adminProcedure.input(moveGoalInput).mutation(({ input }) => moveGoal(input)),

  /** Whether the readings' web links still answer (a mutation: it is an action, never cached). */
  checkLinks: adminProcedure.input(checkLinksInput).mutation(({ input }) => checkReadingLinks(db, input.curriculum, input.itemIds)),

  /** What changed in the template since the cohort's copy was made or last updated. */
  templateChanges: adminProcedure
    .input(cohortTemplateInput)
    .query(({ input }) => compareCohortCopyWithTemplate(input.cohort)),

  applyTemplateChanges: adminProcedure
    .input(cohortTemplateInput)
    .mutation(({ input }) => applyTemplateToCohort(input.cohort)),
});
