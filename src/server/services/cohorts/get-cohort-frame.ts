// What every page under /cohorts/<slug> needs to know about the cohort and the caller: its name,
// dates, status and time zone, and the caller's role and groups. All of it comes with the
// caller's access (one statement), so a page that is not the cohort home pays for no more
// (ADR 0033); the home's week, meetings and ticks are getCohortHome's.
import { cohortNotFound } from '@/server/errors';
import type { CohortContext } from '@/server/services/context';
import { cohortSettingsOf } from '@/server/services/cohorts/cohort-access';

export async function getCohortFrame(ctx: CohortContext) {
  const { db, access } = ctx;
  const settings = await cohortSettingsOf(db, access);
  if (!settings) throw cohortNotFound();
  return {
    name: settings.name,
    slug: access.cohortSlug,
    term: settings.term,
    status: settings.status,
    startDate: settings.startDate,
    timeZone: settings.timeZone,
    /** ADMIN, FACILITATOR or FELLOW: what the caller may do here. */
    role: access.role,
    /** The caller's membership role, null for an admin who is not a member. */
    membershipRole: access.membershipId ? (access.membershipRole ?? null) : null,
    /** The groups the caller leads (a facilitator) or is in (a fellow). */
    groupIds: access.groupIds,
  };
}

export type CohortFrame = Awaited<ReturnType<typeof getCohortFrame>>;

/** The caller's own groups by name (a facilitator's, or a fellow's one), for pickers. */
export async function listOwnGroups(ctx: CohortContext): Promise<{ id: string; name: string }[]> {
  const { db, access } = ctx;
  if (access.groupIds.length === 0) return [];
  return db.discussionGroup.findMany({ where: { cohortId: access.cohortId, id: { in: access.groupIds } }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}
