// Applications: the public form and sending one (signed out), the applicant's own, and the
// organisers' review table, scores, decisions, form settings and reviewers.
import { z } from 'zod';
import { decideApplicationsInput, listApplicationsInput, reviewApplicationInput, reviewerInput, saveApplicationFormInput } from '@/lib/schemas/applications';
import { cohortProcedure, createTRPCRouter, protectedProcedure, publicProcedure } from '@/server/api/trpc';
import { getPublicApplicationForm, submitApplication, withdrawApplication } from '@/server/services/applications/apply';
import {
  addReviewer,
  decideApplications,
  getApplicationFormSettings,
  listApplications,
  listReviewAssignments,
  listReviewers,
  removeReviewer,
  reviewApplication,
  saveApplicationForm,
} from '@/server/services/applications/review';

const cohortSlug = z.object({ cohort: z.string().min(1).max(64) });

export const applicationsRouter = createTRPCRouter({
  publicForm: publicProcedure.input(cohortSlug).query(({ ctx, input }) => getPublicApplicationForm(ctx, input)),
  submit: publicProcedure.input(z.unknown()).mutation(({ ctx, input }) => submitApplication(ctx, input)),
  toReview: protectedProcedure.query(({ ctx }) => listReviewAssignments(ctx)),
  withdraw: protectedProcedure.input(z.object({ applicationId: z.string().min(1).max(64) })).mutation(({ ctx, input }) => withdrawApplication(ctx, input)),

  formSettings: cohortProcedure('applications.manage').query(({ ctx }) => getApplicationFormSettings(ctx)),
  saveForm: cohortProcedure('applications.manage').input(saveApplicationFormInput).mutation(({ ctx, input }) => saveApplicationForm(ctx, input)),
  list: cohortProcedure('applications.review').input(listApplicationsInput).query(({ ctx, input }) => listApplications(ctx, input)),
  review: cohortProcedure('applications.review').input(reviewApplicationInput).mutation(({ ctx, input }) => reviewApplication(ctx, input)),
  decide: cohortProcedure('applications.manage').input(decideApplicationsInput).mutation(({ ctx, input }) => decideApplications(ctx, input)),
  reviewers: cohortProcedure('applications.manage').query(({ ctx }) => listReviewers(ctx)),
  addReviewer: cohortProcedure('applications.manage').input(reviewerInput).mutation(({ ctx, input }) => addReviewer(ctx, input)),
  removeReviewer: cohortProcedure('applications.manage').input(z.object({ userId: z.string().min(1).max(64) })).mutation(({ ctx, input }) => removeReviewer(ctx, input)),
});
