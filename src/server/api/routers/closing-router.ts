// Closing a quarter: certificates (admins list who qualifies, issue in bulk or by hand, revoke;
// a member lists their own) and the feedback fellows gave. The public verification page and the PDF are route handlers that
// need no session (src/app/certificates).
import { issueCertificatesInput, revokeCertificateInput } from '@/lib/schemas/certificates';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { issueCertificates, listCohortCertificates, listMyCertificates, revokeCertificate } from '@/server/services/certificates/certificates';
import { getFeedbackResults } from '@/server/services/feedback/feedback-results';
import { getMySurvey, getSurveyResults, saveSurveyQuestions, submitSurvey } from '@/server/services/feedback/survey';
import { saveSurveyQuestionsInput, submitSurveyInput } from '@/lib/schemas/survey';

export const certificatesRouter = createTRPCRouter({
  list: cohortProcedure('certificates.manage').query(({ ctx }) => listCohortCertificates(ctx)),

  issue: cohortProcedure('certificates.manage').input(issueCertificatesInput).mutation(({ ctx, input }) => issueCertificates(ctx, input)),

  revoke: cohortProcedure('certificates.manage').input(revokeCertificateInput).mutation(({ ctx, input }) => revokeCertificate(ctx, input)),

  mine: cohortProcedure('cohort.view').query(({ ctx }) => listMyCertificates(ctx)),
});

/** What fellows said about each week, for admins. */
export const feedbackRouter = createTRPCRouter({
  results: cohortProcedure('feedback.view').query(({ ctx }) => getFeedbackResults(ctx)),

  /** The end-of-course survey's results. */
  surveyResults: cohortProcedure('feedback.view').query(({ ctx }) => getSurveyResults(ctx)),

  /** Writing the survey's questions is part of the cohort's settings. */
  saveSurveyQuestions: cohortProcedure('cohort.manage').input(saveSurveyQuestionsInput).mutation(({ ctx, input }) => saveSurveyQuestions(ctx, input)),

  /** A member's view of the survey; a fellow answers it. */
  mySurvey: cohortProcedure('cohort.view').query(({ ctx }) => getMySurvey(ctx)),

  submitSurvey: cohortProcedure('cohort.view').input(submitSurveyInput).mutation(({ ctx, input }) => submitSurvey(ctx, input)),
});
