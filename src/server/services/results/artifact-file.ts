// An uploaded image for the browser: only for someone who may open its run (the run page's
// rules), looked up by run and artifact together so an id from elsewhere finds nothing.
import { can } from '@/lib/permissions';
import { resolveCohortAccess } from '@/server/services/cohorts/cohort-access';
import { visibleRunsWhere } from './run-access';
import type { UserContext } from '@/server/services/context';

export async function readArtifactFile(ctx: UserContext, input: { runId: string; artifactId: string }) {
  const { db, user } = ctx;
  const { runId, artifactId } = input;
  const run = await db.run.findUnique({ where: { id: runId }, select: { cohort: { select: { slug: true } } } });
  if (!run) return null;
  const access = await resolveCohortAccess(db, run.cohort.slug, user);
  if (!access || !can(access, 'runs.view')) return null;
  return db.runArtifact.findFirst({
    where: { id: artifactId, run: { AND: [{ id: runId }, visibleRunsWhere({ access, user })] } },
    select: { contentType: true, data: true, size: true },
  });
}
