-- AlterTable
ALTER TABLE "MetricSeries" ADD COLUMN     "rollupValidBelow" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "MetricRollup" (
    "seriesId" INTEGER NOT NULL,
    "bucket" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "firstStep" INTEGER NOT NULL,
    "firstValue" DOUBLE PRECISION NOT NULL,
    "lastStep" INTEGER NOT NULL,
    "lastValue" DOUBLE PRECISION NOT NULL,
    "lowStep" INTEGER NOT NULL,
    "lowValue" DOUBLE PRECISION NOT NULL,
    "highStep" INTEGER NOT NULL,
    "highValue" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricRollup_pkey" PRIMARY KEY ("seriesId","bucket")
);

-- AddForeignKey
ALTER TABLE "MetricRollup" ADD CONSTRAINT "MetricRollup_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MetricSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
