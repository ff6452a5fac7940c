-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "cohortId" TEXT,
    "action" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEvent_cohortId_at_idx" ON "AuditEvent"("cohortId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- Append-only: the log cannot be changed or emptied row by row, whoever asks. The function
-- body is an escape string with \073 for each semicolon: the migration runner (Prisma's pg
-- adapter) splits scripts at every semicolon, even inside quotes.
CREATE FUNCTION "AuditEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''The audit log is append-only: % is not allowed'', TG_OP\073 END\073';

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();
