-- CreateTable
CREATE TABLE "WeekCheckIn" (
    "membershipId" TEXT NOT NULL,
    "weekId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WeekCheckIn_pkey" PRIMARY KEY ("membershipId","weekId")
);

-- CreateIndex
CREATE INDEX "WeekCheckIn_weekId_idx" ON "WeekCheckIn"("weekId");

-- AddForeignKey
ALTER TABLE "WeekCheckIn" ADD CONSTRAINT "WeekCheckIn_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeekCheckIn" ADD CONSTRAINT "WeekCheckIn_weekId_fkey" FOREIGN KEY ("weekId") REFERENCES "CurriculumWeek"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WeekCheckIn" ADD CONSTRAINT "WeekCheckIn_rating_check" CHECK ("rating" BETWEEN 1 AND 5);
