// Who may read a cohort's syllabus page: anyone when the cohort made it public; otherwise its
// members and admins. Everyone else gets the 404 page, as for a cohort that does not exist.
import type { SyllabusVisibility } from '@/generated/prisma/enums';
import { canOnSite } from '@/lib/permissions';
import type { ServiceContext } from '@/server/services/context';

export async function canReadCohortSyllabus(
  ctx: ServiceContext,
  cohort: { slug: string; visibility: SyllabusVisibility },
): Promise<boolean> {
  const { user } = ctx;
  if (cohort.visibility === 'PUBLIC') return true;
  if (!user) return false;
  // Site admins see every cohort (ADR 0015).
  if (canOnSite(user, 'cohorts.manage')) return true;
  // The one query a members-only page costs on a cache hit (besides reading the session).
  // By slug against the live tables, never by an id from the cache: a cache that outlived a
  // database reset or restore must not let anyone in.
  const membership = await ctx.db.membership.findFirst({ where: { userId: user.id, cohort: { slug: cohort.slug } }, select: { id: true } });
  return membership !== null;
}
