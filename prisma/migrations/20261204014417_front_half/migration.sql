-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('UNCONFIRMED', 'SUBMITTED', 'ACCEPTED', 'WAITLISTED', 'REJECTED', 'WITHDRAWN', 'DEFERRED');

-- CreateEnum
CREATE TYPE "QuestionKind" AS ENUM ('SHORT_TEXT', 'LONG_TEXT', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'LINK', 'YES_NO');

-- CreateEnum
CREATE TYPE "GroupingStatus" AS ENUM ('RUNNING', 'READY', 'FAILED', 'PUBLISHED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "SwitchScope" AS ENUM ('ONE_WEEK', 'PERMANENT');

-- CreateEnum
CREATE TYPE "SwitchStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED', 'CANCELLED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'APPLICATION_DECISION';
ALTER TYPE "NotificationKind" ADD VALUE 'AVAILABILITY_REQUEST';
ALTER TYPE "NotificationKind" ADD VALUE 'GROUP_ASSIGNED';
ALTER TYPE "NotificationKind" ADD VALUE 'GROUP_SWITCH';

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "autoApproveSwitches" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "DiscussionGroup" ADD COLUMN     "capacity" INTEGER;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "handedToId" TEXT;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "deferredToCohortId" TEXT,
ADD COLUMN     "leftAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ApplicationForm" (
    "cohortId" TEXT NOT NULL,
    "isOpen" BOOLEAN NOT NULL DEFAULT false,
    "deadline" TIMESTAMP(3),
    "intro" TEXT NOT NULL DEFAULT '',
    "acceptFacilitators" BOOLEAN NOT NULL DEFAULT true,
    "decisionTemplates" JSONB NOT NULL DEFAULT '{}',
    "availabilityDeadline" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApplicationForm_pkey" PRIMARY KEY ("cohortId")
);

-- CreateTable
CREATE TABLE "ApplicationQuestion" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "QuestionKind" NOT NULL,
    "label" TEXT NOT NULL,
    "help" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "options" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "forRole" "MembershipRole",

    CONSTRAINT "ApplicationQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "role" "MembershipRole" NOT NULL DEFAULT 'FELLOW',
    "status" "ApplicationStatus" NOT NULL DEFAULT 'UNCONFIRMED',
    "answers" JSONB NOT NULL DEFAULT '{}',
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "deferredFromId" TEXT,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationReview" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApplicationReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CohortReviewer" (
    "cohortId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CohortReviewer_pkey" PRIMARY KEY ("cohortId","userId")
);

-- CreateTable
CREATE TABLE "Availability" (
    "cohortId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "slots" INTEGER[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Availability_pkey" PRIMARY KEY ("cohortId","userId")
);

-- CreateTable
CREATE TABLE "GroupingProposal" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "status" "GroupingStatus" NOT NULL DEFAULT 'RUNNING',
    "settings" JSONB NOT NULL,
    "proposal" JSONB,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "GroupingProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupSwitchRequest" (
    "id" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "fromGroupId" TEXT,
    "toGroupId" TEXT NOT NULL,
    "scope" "SwitchScope" NOT NULL,
    "meetingId" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "status" "SwitchStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "GroupSwitchRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationQuestion_cohortId_position_key" ON "ApplicationQuestion"("cohortId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Application_deferredFromId_key" ON "Application"("deferredFromId");

-- CreateIndex
CREATE INDEX "Application_userId_idx" ON "Application"("userId");

-- CreateIndex
CREATE INDEX "Application_cohortId_status_idx" ON "Application"("cohortId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Application_cohortId_email_key" ON "Application"("cohortId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationReview_applicationId_reviewerId_key" ON "ApplicationReview"("applicationId", "reviewerId");

-- CreateIndex
CREATE INDEX "CohortReviewer_userId_idx" ON "CohortReviewer"("userId");

-- CreateIndex
CREATE INDEX "GroupingProposal_cohortId_createdAt_idx" ON "GroupingProposal"("cohortId", "createdAt");

-- CreateIndex
CREATE INDEX "GroupSwitchRequest_membershipId_idx" ON "GroupSwitchRequest"("membershipId");

-- CreateIndex
CREATE INDEX "GroupSwitchRequest_toGroupId_status_idx" ON "GroupSwitchRequest"("toGroupId", "status");

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_handedToId_fkey" FOREIGN KEY ("handedToId") REFERENCES "Membership"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationForm" ADD CONSTRAINT "ApplicationForm_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationQuestion" ADD CONSTRAINT "ApplicationQuestion_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "ApplicationForm"("cohortId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_deferredFromId_fkey" FOREIGN KEY ("deferredFromId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationReview" ADD CONSTRAINT "ApplicationReview_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationReview" ADD CONSTRAINT "ApplicationReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortReviewer" ADD CONSTRAINT "CohortReviewer_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortReviewer" ADD CONSTRAINT "CohortReviewer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Availability" ADD CONSTRAINT "Availability_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Availability" ADD CONSTRAINT "Availability_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupingProposal" ADD CONSTRAINT "GroupingProposal_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupingProposal" ADD CONSTRAINT "GroupingProposal_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupSwitchRequest" ADD CONSTRAINT "GroupSwitchRequest_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupSwitchRequest" ADD CONSTRAINT "GroupSwitchRequest_toGroupId_fkey" FOREIGN KEY ("toGroupId") REFERENCES "DiscussionGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupSwitchRequest" ADD CONSTRAINT "GroupSwitchRequest_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupSwitchRequest" ADD CONSTRAINT "GroupSwitchRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
