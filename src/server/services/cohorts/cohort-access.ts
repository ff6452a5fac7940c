// What the caller may do in one cohort. Admins see every cohort; members see theirs; anyone
// else gets null, which callers turn into NOT_FOUND (never a hint that the cohort exists).
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import type { CohortRole } from '@/lib/permissions';
import type { SessionUser } from '@/server/auth/session-types';

export type { CohortRole };

export type CohortAccess = {
  cohortId: string;
  cohortSlug: string;
  /** The strongest of: global admin, facilitator membership, fellow membership; REVIEWER for a reviewer who is none of them. */
  role: CohortRole;
  /** An admin asked them to review this cohort's applications. */
  reviews?: boolean;
  membershipId: string | null;
  /** The caller's membership role (null: not a member). Absent where an access is built by hand. */
  membershipRole?: 'FELLOW' | 'FACILITATOR' | null;
  /** Groups the caller leads (facilitators) or belongs to (fellows). */
  groupIds: string[];
  /**
   * The cohort's settings as read with the access (the same statement), so a page's loaders
   * need not read the cohort row again (ADR 0033). Absent where an access is built by hand.
   */
  cohort?: CohortSettings;
};

/** The cohort's fields that its pages share, read with the caller's access. */
export const cohortSettingsSelect = {
  name: true,
  term: true,
  status: true,
  startDate: true,
  timeZone: true,
  skippedWeeks: true,
  meetingCadenceWeeks: true,
  shareResponsesInGroup: true,
  curriculum: { select: { id: true, version: true } },
} as const;

export type CohortSettings = Prisma.CohortGetPayload<{ select: typeof cohortSettingsSelect }>;

/** The cohort's settings: those read with the access, else (an access built by hand) read now. */
export async function cohortSettingsOf(db: PrismaClient, access: CohortAccess): Promise<CohortSettings | null> {
  return access.cohort ?? db.cohort.findUnique({ where: { id: access.cohortId }, select: cohortSettingsSelect });
}

export async function resolveCohortAccess(
  db: PrismaClient,
  cohortSlug: string,
  user: SessionUser,
): Promise<CohortAccess | null> {
  const cohort = await db.cohort.findUnique({
    where: { slug: cohortSlug },
    select: {
      id: true,
      slug: true,
      ...cohortSettingsSelect,
      memberships: {
        where: { userId: user.id },
        select: { id: true, role: true, groupId: true, leadsGroups: { select: { groupId: true } } },
      },
      reviewers: { where: { userId: user.id }, select: { userId: true } },
    },
  });
  if (!cohort) return null;
  const membership = cohort.memberships[0];
  const { id, slug, memberships: _memberships, reviewers: _reviewers, ...settings } = cohort;
  const reviews = cohort.reviewers.length > 0;
  if (!membership && !user.isAdmin) {
    return reviews
      ? { cohortId: id, cohortSlug: slug, role: 'REVIEWER', reviews, membershipId: null, membershipRole: null, groupIds: [], cohort: settings }
      : null;
  }
  const groupIds = membership
    ? membership.role === 'FACILITATOR'
      ? membership.leadsGroups.map((lead) => lead.groupId)
      : membership.groupId
        ? [membership.groupId]
        : []
    : [];
  return {
    cohortId: id,
    cohortSlug: slug,
    role: user.isAdmin ? 'ADMIN' : membership!.role,
    reviews,
    membershipId: membership?.id ?? null,
    membershipRole: membership?.role ?? null,
    groupIds,
    cohort: settings,
  };
}
