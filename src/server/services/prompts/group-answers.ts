// The answers of a fellow's group to prompts, for a cohort that shares them: shown to a fellow
// only for the prompts they have answered themselves (the callers check that), never across
// groups, and only from fellows still in the group.
import type { Prisma } from '@/generated/prisma/client';
import { displayName } from '@/lib/format';

export type GroupAnswer = { name: string; text: string; updatedAt: Date };

export async function listGroupAnswers(
  tx: Prisma.TransactionClient,
  input: { groupId: string; exceptMembershipId: string; promptIds: string[] },
): Promise<Map<string, GroupAnswer[]>> {
  if (input.promptIds.length === 0) return new Map();
  const rows = await tx.promptResponse.findMany({
    where: {
      promptId: { in: input.promptIds },
      // An erased person's answers stay counted but have no words (ADR 0030): nothing to show.
      text: { not: '' },
      membership: { groupId: input.groupId, role: 'FELLOW', leftAt: null, id: { not: input.exceptMembershipId } },
    },
    orderBy: { createdAt: 'asc' },
    select: { promptId: true, text: true, updatedAt: true, membership: { select: { user: { select: { name: true, email: true } } } } },
  });
  const answers = new Map<string, GroupAnswer[]>();
  for (const row of rows) {
    const list = answers.get(row.promptId) ?? [];
    list.push({ name: displayName(row.membership.user), text: row.text, updatedAt: row.updatedAt });
    answers.set(row.promptId, list);
  }
  return answers;
}
