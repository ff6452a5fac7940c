// Who may open which run in the web UI. A fellow: their own runs. A facilitator: their own and
// those of the fellows in the groups they lead. An admin: every run of the cohort. Anyone else
// (and any run outside these) gets NOT_FOUND, never a hint that it exists. Leaderboards show
// other fellows' best results without opening their runs (see leaderboard.ts).
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { AppError, outOfReach } from '@/server/errors';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';

export type Viewer = { access: CohortAccess; userId: string };

export function visibleRunsWhere(viewer: Viewer): Prisma.RunWhereInput {
  const { access, userId } = viewer;
  if (access.role === 'ADMIN') return { cohortId: access.cohortId };
  if (access.role === 'FACILITATOR') {
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

/** The run's id if the viewer may open it; NOT_FOUND otherwise. */
export async function assertRunVisible(db: PrismaClient, viewer: Viewer, runId: string): Promise<string> {
  const run = await db.run.findFirst({ where: { AND: [{ id: runId }, visibleRunsWhere(viewer)] }, select: { id: true } });
  if (!run) throw runNotVisible();
  return run.id;
}
