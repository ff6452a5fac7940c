-- CreateEnum
CREATE TYPE "SyllabusVisibility" AS ENUM ('PUBLIC', 'MEMBERS');

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "clonedFromId" TEXT,
ADD COLUMN     "meetingCadenceWeeks" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "skippedWeeks" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "syllabusVisibility" "SyllabusVisibility" NOT NULL DEFAULT 'MEMBERS';

-- AlterTable
ALTER TABLE "Curriculum" ADD COLUMN     "sourceId" TEXT,
ADD COLUMN     "sourceVersion" INTEGER,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "Curriculum_sourceId_idx" ON "Curriculum"("sourceId");

-- AddForeignKey
ALTER TABLE "Curriculum" ADD CONSTRAINT "Curriculum_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Curriculum"("id") ON DELETE SET NULL ON UPDATE CASCADE;
