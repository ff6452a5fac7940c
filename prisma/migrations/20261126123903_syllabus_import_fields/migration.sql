-- AlterTable
ALTER TABLE "Curriculum" ADD COLUMN     "notes" TEXT;

-- AlterTable
ALTER TABLE "CurriculumItem" ADD COLUMN     "minutesText" TEXT;

-- AlterTable
ALTER TABLE "CurriculumSection" ADD COLUMN     "group" TEXT,
ADD COLUMN     "statedText" TEXT;

-- AlterTable
ALTER TABLE "CurriculumWeek" ADD COLUMN     "label" TEXT,
ADD COLUMN     "part" TEXT,
ADD COLUMN     "partNotes" TEXT;
