-- CreateEnum
CREATE TYPE "CertificateKind" AS ENUM ('COMPLETION', 'FACILITATION');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'CERTIFICATE_ISSUED';

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "certificatesNeedSurvey" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "certificateName" TEXT;

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "membershipId" TEXT,
    "kind" "CertificateKind" NOT NULL,
    "holderName" TEXT NOT NULL,
    "programme" TEXT NOT NULL,
    "cohortName" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "readingMinutes" INTEGER NOT NULL DEFAULT 0,
    "meetings" INTEGER NOT NULL DEFAULT 0,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "pdf" BYTEA NOT NULL,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Certificate_cohortId_idx" ON "Certificate"("cohortId");

-- CreateIndex
CREATE INDEX "Certificate_membershipId_idx" ON "Certificate"("membershipId");

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE SET NULL ON UPDATE CASCADE;
