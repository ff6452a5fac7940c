// A fellow's private note on one week of the syllabus: saved over the last one, and deleted
// when emptied. Nobody else reads it (no other service selects WeekReflection).
import { outOfReach } from '@/server/errors';
import type { SaveReflectionInput } from '@/lib/schemas/progress';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { requireFellowMembership } from './fellow-membership';
import { nowOf, type CohortContext } from '@/server/services/context';

export type ReflectionResult = { weekId: string; text: string; updatedAt: Date | null };

export async function saveWeekReflection(ctx: CohortContext, input: SaveReflectionInput): Promise<ReflectionResult> {
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

    const text = input.text.trim();
    let updatedAt: Date | null = null;
    const key = { membershipId_weekId: { membershipId, weekId: week.id } };
    if (text === '') {
      await tx.weekReflection.deleteMany({ where: { membershipId, weekId: week.id } });
    } else {
      const saved = await tx.weekReflection.upsert({
        where: key,
        create: { membershipId, weekId: week.id, text },
        update: { text },
        select: { updatedAt: true },
      });
      updatedAt = saved.updatedAt;
    }
    await tx.membership.update({ where: { id: membershipId }, data: { lastActivityAt: now } });
    return { weekId: week.id, text, updatedAt };
  });
}
