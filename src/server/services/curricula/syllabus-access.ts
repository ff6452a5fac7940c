// Who may read a cohort's syllabus page: anyone when the cohort made it public; otherwise its
// members and admins. Everyone else gets the 404 page, as for a cohort that does not exist.
import type { SyllabusVisibility } from '@/generated/prisma/enums';
import type { SessionUser } from '@/server/auth/session';
import { db } from '@/server/db/client';

export async function canReadCohortSyllabus(
  cohort: { slug: string; visibility: SyllabusVisibility },
  user: SessionUser | null,
): Promise<boolean> {
  if (cohort.visibility === 'PUBLIC') return true;
  if (!user) return false;
  if (user.isAdmin) return true;
  // The one query a members-only page costs on a cache hit (besides reading the session).
  // By slug against the live tables, never by an id from the cache: a cache that outlived a
  // database reset or restore must not let anyone in.
  const membership = await db.membership.findFirst({ where: { userId: user.id, cohort: { slug: cohort.slug } }, select: { id: true } });
  return membership !== null;
}
