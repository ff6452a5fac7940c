// The audit log: the whole of it for site admins; a cohort's as its admins and facilitators may see it.
import { auditFilterInput } from '@/lib/schemas/audit';
import { cohortProcedure, createTRPCRouter, siteProcedure } from '@/server/api/trpc';
import { listAuditLog, listCohortAuditLog } from '@/server/services/audit/list-audit';

export const auditRouter = createTRPCRouter({
  list: siteProcedure('audit.view').input(auditFilterInput).query(({ ctx, input }) => listAuditLog(ctx, input)),

  cohort: cohortProcedure('audit.view')
    .input(auditFilterInput.omit({ cohort: true }))
    .query(({ ctx, input }) => listCohortAuditLog(ctx, input)),
});
