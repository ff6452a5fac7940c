// Closing a quarter: certificates (admins list who qualifies, issue in bulk or by hand, revoke;
// a member lists their own) and the feedback fellows gave. The public verification page and the PDF are route handlers that
// need no session (src/app/certificates).
import { issueCertificatesInput, revokeCertificateInput } from '@/lib/schemas/certificates';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { issueCertificates, listCohortCertificates, listMyCertificates, revokeCertificate } from '@/server/services/certificates/certificates';
import { getFeedbackResults } from '@/server/services/feedback/feedback-results';

export const certificatesRouter = createTRPCRouter({
  list: cohortProcedure('certificates.manage').query(({ ctx }) => listCohortCertificates(ctx)),

  issue: cohortProcedure('certificates.manage').input(issueCertificatesInput).mutation(({ ctx, input }) => issueCertificates(ctx, input)),

  revoke: cohortProcedure('certificates.manage').input(revokeCertificateInput).mutation(({ ctx, input }) => revokeCertificate(ctx, input)),

  mine: cohortProcedure('cohort.view').query(({ ctx }) => listMyCertificates(ctx)),
});

/** What fellows said about each week, for admins. */
export const feedbackRouter = createTRPCRouter({
  results: cohortProcedure('feedback.view').query(({ ctx }) => getFeedbackResults(ctx)),
});
