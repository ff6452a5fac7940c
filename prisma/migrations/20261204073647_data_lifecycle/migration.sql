-- AlterTable
ALTER TABLE "User" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt");

-- CreateIndex
CREATE INDEX "Session_expires_idx" ON "Session"("expires");

-- CreateIndex
CREATE INDEX "VerificationToken_expires_idx" ON "VerificationToken"("expires");

-- The audit log stays append-only, with one exception for erasure (ADR 0030): a transaction
-- that sets fellowship.audit_redaction to 'on' (set_config(..., true): for that transaction
-- only) may rewrite the words of an entry (actorName, summary, before, after) to drop an
-- erased person's name and email. Who, when, what kind and about what stay fixed, and rows
-- are never deleted. Semicolons in the body are \073 (see 20261203175519_audit_log).
CREATE OR REPLACE FUNCTION "AuditEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN
    IF TG_OP = ''UPDATE''
       AND current_setting(''fellowship.audit_redaction'', true) = ''on''
       AND NEW."id" = OLD."id" AND NEW."at" = OLD."at" AND NEW."action" = OLD."action"
       AND NEW."actorId" IS NOT DISTINCT FROM OLD."actorId"
       AND NEW."cohortId" IS NOT DISTINCT FROM OLD."cohortId"
       AND NEW."subjectType" IS NOT DISTINCT FROM OLD."subjectType"
       AND NEW."subjectId" IS NOT DISTINCT FROM OLD."subjectId" THEN
      RETURN NEW\073
    END IF\073
    RAISE EXCEPTION ''The audit log is append-only: % is not allowed'', TG_OP\073
  END\073';
