// The weekly check-in: a fellow says how useful a week was (1–5) and, if they like, why. One per
// fellow and week, changed as often as they like. Admins read them all (feedback-results.ts).
import { saveCheckInInput, type SaveCheckInInput } from '@/lib/schemas/progress';
import { outOfReach } from '@/server/errors';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { nowOf, type CohortContext } from '@/server/services/context';
import { requireFellowMembership } from '@/server/services/progress/fellow-membership';

export async function saveWeekCheckIn(ctx: CohortContext, rawInput: SaveCheckInInput) {
  const input = saveCheckInInput.parse(rawInput);
  const { db, access } = ctx;
  const now = nowOf(ctx);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const membershipId = await requireFellowMembership(tx, access);
    const week = await tx.curriculumWeek.findFirst({
      where: { id: input.weekId, curriculum: { cohorts: { some: { id: access.cohortId } } } },
      select: { id: true },
    });
    if (!week) throw outOfReach('This cohort’s syllabus has no such week. Reload the page to see the current weeks.');
    const saved = await tx.weekCheckIn.upsert({
      where: { membershipId_weekId: { membershipId, weekId: week.id } },
      create: { membershipId, weekId: week.id, rating: input.rating, comment: input.comment },
      update: { rating: input.rating, comment: input.comment },
      select: { weekId: true, rating: true, comment: true, updatedAt: true },
    });
    await tx.membership.update({ where: { id: membershipId }, data: { lastActivityAt: now } });
    return saved;
  });
}
