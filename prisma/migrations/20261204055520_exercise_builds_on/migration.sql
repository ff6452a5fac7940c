-- AlterTable
ALTER TABLE "CurriculumItem" ADD COLUMN     "buildsOn" TEXT[] DEFAULT ARRAY[]::TEXT[];
