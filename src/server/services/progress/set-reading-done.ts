// A fellow ticks or unticks a reading of their cohort's syllabus. Idempotent both ways:
// ticking again keeps the first completedAt, unticking a reading not done changes nothing.
//
// The tick is the commonest write of a programme's evening, so it is two statements in its
// transaction: one check (the cohort writable, the caller a fellow of it, the reading in its
// syllabus) and one write (the tick and the fellow's last activity). The checks and their
// messages are those of assertCohortWritable and requireFellowMembership, which every other
// fellow write uses.
import { notPermitted, outOfReach } from '@/server/errors';
import type { SetReadingDoneInput } from '@/lib/schemas/progress';
import { assertWritableStatus } from '@/server/services/cohorts/cohort-guard';
import { NOT_A_FELLOW_MESSAGE } from './fellow-membership';
import { nowOf, type CohortContext } from '@/server/services/context';

export type ReadingDoneResult = { itemId: string; done: boolean; completedAt: Date | null };

type TickCheck = { status: string; isFellow: boolean; hasItem: boolean };

export async function setReadingDone(ctx: CohortContext, input: SetReadingDoneInput): Promise<ReadingDoneResult> {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  // No membership (an admin who is not a member here) matches no fellow below: the same answers,
  // in the same order, as the other fellow writes give.
  const membershipId = access.membershipId ?? null;
  return db.$transaction(async (tx) => {
    // FOR SHARE on the cohort's row, as assertCohortWritable takes it: an archive waits for this
    // tick, and a tick after an archive sees it.
    const [check] = await tx.$queryRaw<TickCheck[]>`
      SELECT c."status"::text AS status,
        EXISTS (SELECT 1 FROM "Membership" m
                WHERE m."id" = ${membershipId} AND m."cohortId" = c."id" AND m."role" = 'FELLOW') AS "isFellow",
        EXISTS (SELECT 1 FROM "CurriculumItem" i
                JOIN "CurriculumSection" s ON s."id" = i."sectionId"
                JOIN "CurriculumWeek" w ON w."id" = s."weekId"
                WHERE i."id" = ${input.itemId} AND w."curriculumId" = c."curriculumId") AS "hasItem"
      FROM "Cohort" c WHERE c."id" = ${access.cohortId} FOR SHARE OF c`;
    assertWritableStatus(check?.status);
    if (!check?.isFellow) throw notPermitted(NOT_A_FELLOW_MESSAGE);
    // Only readings of this cohort's own syllabus; any other id reads as missing.
    if (!check.hasItem) throw outOfReach('This cohort’s syllabus has no such reading. Reload the page to see the current readings.');

    if (input.done) {
      // One statement that always returns the row: a tick racing an untick of the same reading
      // (two tabs, a double click) cannot find the row gone between an insert and a read.
      const rows = await tx.$queryRaw<{ completedAt: Date }[]>`
        WITH touched AS (UPDATE "Membership" SET "lastActivityAt" = ${now} WHERE "id" = ${membershipId})
        INSERT INTO "ReadingProgress" ("membershipId", "itemId", "completedAt") VALUES (${membershipId}, ${input.itemId}, ${now})
        ON CONFLICT ("membershipId", "itemId") DO UPDATE SET "completedAt" = "ReadingProgress"."completedAt"
        RETURNING "completedAt"`;
      return { itemId: input.itemId, done: true, completedAt: rows[0]!.completedAt };
    }
    await tx.$executeRaw`
      WITH touched AS (UPDATE "Membership" SET "lastActivityAt" = ${now} WHERE "id" = ${membershipId})
      DELETE FROM "ReadingProgress" WHERE "membershipId" = ${membershipId} AND "itemId" = ${input.itemId}`;
    return { itemId: input.itemId, done: false, completedAt: null };
  });
}
