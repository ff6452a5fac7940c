// Certificates of a cohort: admins list who qualifies, issue (in bulk or by hand) and revoke;
// a member lists their own. The public verification page and the PDF are route handlers that
// need no session (src/app/certificates).
import { issueCertificatesInput, revokeCertificateInput } from '@/lib/schemas/certificates';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { issueCertificates, listCohortCertificates, listMyCertificates, revokeCertificate } from '@/server/services/certificates/certificates';

export const certificatesRouter = createTRPCRouter({
  list: cohortProcedure('certificates.manage').query(({ ctx }) => listCohortCertificates(ctx)),

  issue: cohortProcedure('certificates.manage').input(issueCertificatesInput).mutation(({ ctx, input }) => issueCertificates(ctx, input)),

  revoke: cohortProcedure('certificates.manage').input(revokeCertificateInput).mutation(({ ctx, input }) => revokeCertificate(ctx, input)),

  mine: cohortProcedure('cohort.view').query(({ ctx }) => listMyCertificates(ctx)),
});
