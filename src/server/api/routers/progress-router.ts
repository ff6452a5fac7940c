// A fellow's own progress: ticking readings and writing a private note per week. Members who
// are not fellows here (admins, facilitators) pass the cohort check and are then refused by
// the services with FORBIDDEN, since they have no readings to tick (see ADR 0015: the rule is
// about a fellow membership, not a role).
import { saveCheckInInput, savePromptResponseInput, saveReflectionInput, setReadingDoneInput } from '@/lib/schemas/progress';
import { saveWeekCheckIn } from '@/server/services/feedback/check-ins';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { saveWeekReflection } from '@/server/services/progress/save-week-reflection';
import { setReadingDone } from '@/server/services/progress/set-reading-done';
import { savePromptResponse } from '@/server/services/prompts/save-prompt-response';

export const progressRouter = createTRPCRouter({
  setReadingDone: cohortProcedure('cohort.view').input(setReadingDoneInput).mutation(({ ctx, input }) => setReadingDone(ctx, input)),

  saveReflection: cohortProcedure('cohort.view').input(saveReflectionInput).mutation(({ ctx, input }) => saveWeekReflection(ctx, input)),

  saveResponse: cohortProcedure('cohort.view').input(savePromptResponseInput).mutation(({ ctx, input }) => savePromptResponse(ctx, input)),

  saveCheckIn: cohortProcedure('cohort.view').input(saveCheckInInput).mutation(({ ctx, input }) => saveWeekCheckIn(ctx, input)),
});
