// A fellow ticks or unticks a reading of their cohort's syllabus. Idempotent both ways:
// ticking again keeps the first completedAt, unticking a reading not done changes nothing.
import { outOfReach } from '@/server/errors';
import type { SetReadingDoneInput } from '@/lib/schemas/progress';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { requireFellowMembership } from './fellow-membership';
import { nowOf, type CohortContext } from '@/server/services/context';

export type ReadingDoneResult = { itemId: string; done: boolean; completedAt: Date | null };

export async function setReadingDone(ctx: CohortContext, input: SetReadingDoneInput): Promise<ReadingDoneResult> {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const membershipId = await requireFellowMembership(tx, access);
    // Only readings of this cohort's own syllabus; any other id reads as missing.
    const item = await tx.curriculumItem.findFirst({
      where: { id: input.itemId, section: { week: { curriculum: { cohorts: { some: { id: access.cohortId } } } } } },
      select: { id: true },
    });
    if (!item) throw outOfReach('This cohort’s syllabus has no such reading. Reload the page to see the current readings.');

    let completedAt: Date | null = null;
    if (input.done) {
      // One statement that always returns the row: a tick racing an untick of the same reading
      // (two tabs, a double click) cannot find the row gone between an insert and a read.
      const rows = await tx.$queryRaw<{ completedAt: Date }[]>`
        INSERT INTO "ReadingProgress" ("membershipId", "itemId", "completedAt") VALUES (${membershipId}, ${item.id}, ${now})
        ON CONFLICT ("membershipId", "itemId") DO UPDATE SET "completedAt" = "ReadingProgress"."completedAt"
        RETURNING "completedAt"`;
      completedAt = rows[0]!.completedAt;
    } else {
      await tx.readingProgress.deleteMany({ where: { membershipId, itemId: item.id } });
    }
    await tx.membership.update({ where: { id: membershipId }, data: { lastActivityAt: now } });
    return { itemId: item.id, done: input.done, completedAt };
  });
}
