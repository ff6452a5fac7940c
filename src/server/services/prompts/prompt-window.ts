// Until when a fellow may answer a week's prompts: until their group's meeting on that week
// starts (the discussion has begun), or, without such a meeting, until the cohort is archived.
// Closing prompts stay open while the cohort is. One rule for the page and the save.
import type { Prisma } from '@/generated/prisma/client';

/** When the answers to week `weekPosition` close for a fellow of `groupId`; null: not before the cohort is archived. */
export async function findAnswersCloseAt(
  tx: Prisma.TransactionClient,
  groupId: string | null,
  weekPosition: number | null,
): Promise<Date | null> {
  if (!groupId || weekPosition === null) return null;
  const meeting = await tx.meeting.findFirst({
    where: { groupId, weekPosition, cancelledAt: null },
    orderBy: { startsAt: 'asc' },
    select: { startsAt: true },
  });
  return meeting?.startsAt ?? null;
}
