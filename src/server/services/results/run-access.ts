// Who may open which run in the web UI. A fellow: their own runs. A facilitator: their own and
// those of the fellows in the groups they lead. An admin: every run of the cohort. Anyone else
// (and any run outside these) gets NOT_FOUND, never a hint that it exists. Leaderboards show
// other fellows' best results without opening their runs (see leaderboard.ts).
import type { Prisma } from '@/generated/prisma/client';
import { reachOf } from '@/lib/permissions';
import { AppError, outOfReach } from '@/server/errors';
import type { MemberContext } from '@/server/services/context';

/** The caller's runs.view reach as a where clause: the cohort, their groups' fellows, or their own. */
export function visibleRunsWhere(ctx: Pick<MemberContext, 'access' | 'user'>): Prisma.RunWhereInput {
  const { access } = ctx;
  const userId = ctx.user.id;
  const reach = reachOf(access, 'runs.view');
  if (reach === 'cohort') return { cohortId: access.cohortId };
  if (reach === 'groups') {
    return {
      cohortId: access.cohortId,
      OR: [
        { userId },
        { user: { memberships: { some: { cohortId: access.cohortId, role: 'FELLOW', groupId: { in: access.groupIds } } } } },
      ],
    };
  }
  return { cohortId: access.cohortId, userId };
}

export function runNotVisible(): AppError {
  return outOfReach('No such run in this cohort, or it is not one you can see.');
}

/** The run's id if the caller may open it; NOT_FOUND otherwise. */
export async function assertRunVisible(ctx: MemberContext, runId: string): Promise<string> {
  const run = await ctx.db.run.findFirst({ where: { AND: [{ id: runId }, visibleRunsWhere(ctx)] }, select: { id: true } });
  if (!run) throw runNotVisible();
  return run.id;
}

/** What every run page and list shows of a run: who sent it, for which exercise, and how it went. */
export const runSummarySelect = {
  id: true,
  name: true,
  status: true,
  createdAt: true,
  lastDataAt: true,
  finishedAt: true,
  userId: true,
  user: { select: { name: true, email: true } },
  exercise: { select: { exerciseSlug: true, title: true, primaryMetric: true, higherIsBetter: true } },
} as const satisfies Prisma.RunSelect;
