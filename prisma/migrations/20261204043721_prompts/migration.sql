-- CreateEnum
CREATE TYPE "PromptKind" AS ENUM ('DISCUSSION', 'REFLECTION');

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "promptsRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "shareResponsesInGroup" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Curriculum" ADD COLUMN     "closingNotes" TEXT,
ADD COLUMN     "closingPromptsTitle" TEXT,
ADD COLUMN     "closingTitle" TEXT;

-- AlterTable
ALTER TABLE "CurriculumWeek" ADD COLUMN     "promptsTitle" TEXT;

-- CreateTable
CREATE TABLE "CurriculumPrompt" (
    "id" TEXT NOT NULL,
    "curriculumId" TEXT NOT NULL,
    "weekId" TEXT,
    "position" INTEGER NOT NULL,
    "kind" "PromptKind" NOT NULL DEFAULT 'DISCUSSION',
    "text" TEXT NOT NULL,

    CONSTRAINT "CurriculumPrompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptResponse" (
    "membershipId" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PromptResponse_pkey" PRIMARY KEY ("membershipId","promptId")
);

-- CreateIndex
CREATE INDEX "CurriculumPrompt_curriculumId_idx" ON "CurriculumPrompt"("curriculumId");

-- CreateIndex
CREATE INDEX "CurriculumPrompt_weekId_idx" ON "CurriculumPrompt"("weekId");

-- CreateIndex
CREATE INDEX "PromptResponse_promptId_idx" ON "PromptResponse"("promptId");

-- AddForeignKey
ALTER TABLE "CurriculumPrompt" ADD CONSTRAINT "CurriculumPrompt_curriculumId_fkey" FOREIGN KEY ("curriculumId") REFERENCES "Curriculum"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurriculumPrompt" ADD CONSTRAINT "CurriculumPrompt_weekId_fkey" FOREIGN KEY ("weekId") REFERENCES "CurriculumWeek"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptResponse" ADD CONSTRAINT "PromptResponse_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptResponse" ADD CONSTRAINT "PromptResponse_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "CurriculumPrompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
