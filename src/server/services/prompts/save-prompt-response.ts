// A fellow's answer to one of the week's prompts (markdown): saved over the last one as they
// type, deleted when emptied, refused once their group's meeting on that week has started.
// Only the caller's own fellow membership is written, so no input can name another fellow.
import type { SavePromptResponseInput } from '@/lib/schemas/progress';
import { AppError, outOfReach } from '@/server/errors';
import { assertCohortWritable } from '@/server/services/cohorts/cohort-guard';
import { nowOf, type CohortContext } from '@/server/services/context';
import { requireFellowMembership } from '@/server/services/progress/fellow-membership';
import { listGroupAnswers, type GroupAnswer } from './group-answers';
import { findAnswersCloseAt } from './prompt-window';

export type PromptResponseResult = {
  promptId: string;
  text: string;
  updatedAt: Date | null;
  /** The rest of the group's answers, when the cohort shares them and this one is saved. */
  groupAnswers: GroupAnswer[] | null;
};

export async function savePromptResponse(ctx: CohortContext, input: SavePromptResponseInput): Promise<PromptResponseResult> {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  return db.$transaction(async (tx) => {
    await assertCohortWritable(tx, access.cohortId);
    const membershipId = await requireFellowMembership(tx, access);
    const prompt = await tx.curriculumPrompt.findFirst({
      where: { id: input.promptId, curriculum: { cohorts: { some: { id: access.cohortId } } } },
      select: { id: true, week: { select: { position: true, number: true, label: true } } },
    });
    if (!prompt) throw outOfReach('This cohort’s syllabus has no such prompt. Reload the page to see the current prompts.');

    const membership = await tx.membership.findUniqueOrThrow({
      where: { id: membershipId },
      select: { groupId: true, cohort: { select: { shareResponsesInGroup: true } } },
    });
    const closesAt = await findAnswersCloseAt(tx, membership.groupId, prompt.week?.position ?? null);
    if (closesAt && closesAt.getTime() <= now.getTime()) {
      throw new AppError(
        'CONFLICT',
        'Your group’s meeting on this week has started, so its answers are closed. Bring your thoughts to the discussion.',
      );
    }

    const text = input.text;
    let updatedAt: Date | null = null;
    if (text === '') {
      await tx.promptResponse.deleteMany({ where: { membershipId, promptId: prompt.id } });
    } else {
      const saved = await tx.promptResponse.upsert({
        where: { membershipId_promptId: { membershipId, promptId: prompt.id } },
        create: { membershipId, promptId: prompt.id, text },
        update: { text },
        select: { updatedAt: true },
      });
      updatedAt = saved.updatedAt;
    }
    await tx.membership.update({ where: { id: membershipId }, data: { lastActivityAt: now } });
    const groupAnswers =
      membership.cohort.shareResponsesInGroup && text !== '' && membership.groupId
        ? ((await listGroupAnswers(tx, { groupId: membership.groupId, exceptMembershipId: membershipId, promptIds: [prompt.id] })).get(prompt.id) ?? [])
        : null;
    return { promptId: prompt.id, text, updatedAt, groupAnswers };
  });
}
