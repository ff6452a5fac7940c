// Who may do what: the one table of permissions. Procedures (cohortProcedure('attendance.mark'),
// siteProcedure('users.manage')), pages, route handlers and services ask `can(...)` or
// `reachOf(...)` here instead of comparing roles, so adding a role (reviewers) or changing what
// one may do is a change to these tables alone. Pure: server and client components share it.
// See docs/decisions/0015-permissions.md.

/**
 * A person's place in one cohort. Site admins hold ADMIN in every cohort. REVIEWER is someone
 * an admin asked to review applications who is not a member: they reach applications only.
 * A member who also reviews keeps their role and carries `reviews` (see `reachOf`).
 */
export type CohortRole = 'ADMIN' | 'FACILITATOR' | 'FELLOW' | 'REVIEWER';

/**
 * How far a permission reaches for a role: the whole cohort, the groups the person leads (or
 * belongs to), or only their own things. Services turn a reach into a where clause.
 */
export type Reach = 'cohort' | 'groups' | 'self';

type Grants = Partial<Record<CohortRole, Reach>>;

const everyMember: Grants = { FELLOW: 'cohort', FACILITATOR: 'cohort', ADMIN: 'cohort' };
const leadersAndAdmins: Grants = { FACILITATOR: 'groups', ADMIN: 'cohort' };
const adminsOnly: Grants = { ADMIN: 'cohort' };

export const COHORT_PERMISSIONS = {
  /** The cohort's home, syllabus copy, own attendance record, leaderboards. */
  'cohort.view': everyMember,
  /** Settings, dates, archive; the template changes of its syllabus copy. */
  'cohort.manage': adminsOnly,
  /** The people of the groups one leads (facilitators) or of the whole cohort (admins). */
  'members.view': leadersAndAdmins,
  /** Invitations, roles, group moves, removal. */
  'members.manage': adminsOnly,
  'groups.manage': adminsOnly,
  'roster.import': adminsOnly,
  /** A group's meetings: move, cancel, restore, add. */
  'meetings.manage': leadersAndAdmins,
  /** A meeting's sheet and its change log. */
  'attendance.mark': leadersAndAdmins,
  /** A group's grid of readings, attendance and standing, and its CSV exports. */
  'standing.viewGroup': leadersAndAdmins,
  /** The whole cohort's overview and exports. */
  'standing.viewCohort': adminsOnly,
  /** Opening runs: one's own, one's groups' fellows' (facilitators, with their own), all (admins). */
  'runs.view': { FELLOW: 'self', FACILITATOR: 'groups', ADMIN: 'cohort' },
  /** Leaderboard names a cohort hides from fellows; who in one's groups has not submitted. */
  'exercises.viewGroups': leadersAndAdmins,
  /** Announcements: to the whole cohort (admins) or to one's groups (facilitators). */
  'announcements.send': leadersAndAdmins,
  /** The audit log: the cohort's (admins), or their groups' attendance changes (facilitators). */
  'audit.view': leadersAndAdmins,
  /** Reading the cohort's applications, scoring and commenting on them. */
  'applications.review': { REVIEWER: 'cohort', ADMIN: 'cohort' },
  /** The application form, decisions, reviewers, the CSV export, deferrals. */
  'applications.manage': adminsOnly,
  /** Painting one's own availability for the cohort (accepted fellows and facilitators). */
  'availability.edit': { FELLOW: 'self', FACILITATOR: 'self', ADMIN: 'self' },
  /** Everyone's availability, group proposals, publishing groups. */
  'grouping.manage': adminsOnly,
  /** Asking to switch group, dropping out, deferring. */
  'membership.self': { FELLOW: 'self' },
  /** What fellows said in their weekly check-ins, per week, group and facilitator. */
  'feedback.view': adminsOnly,
  /** Issuing and revoking the cohort's certificates. */
  'certificates.manage': adminsOnly,
  /** Deciding switch requests into the groups one leads (facilitators) or any (admins). */
  'switches.decide': leadersAndAdmins,
} as const satisfies Record<string, Grants>;

export type CohortPermission = keyof typeof COHORT_PERMISSIONS;

/** What every site-wide (not cohort-scoped) permission needs. */
export type SiteRole = 'ADMIN' | 'MEMBER';

export const SITE_PERMISSIONS = {
  'users.manage': ['ADMIN'],
  /** Erasing a person: their personal data removed for good, the cohorts' figures kept (ADR 0030). */
  'users.erase': ['ADMIN'],
  /** Curriculum templates: list, import, edit, export, check links. */
  'curricula.manage': ['ADMIN'],
  /** Every cohort: list, create, clone. */
  'cohorts.manage': ['ADMIN'],
  /** A syllabus page's stated-versus-computed time warnings. */
  'syllabus.review': ['ADMIN'],
  /** The whole audit log, its CSV and `fellowship audit`. */
  'audit.view': ['ADMIN'],
  /** Sent and failed emails, bouncing addresses, retries, template previews. */
  'notifications.manage': ['ADMIN'],
} as const satisfies Record<string, readonly SiteRole[]>;

export type SitePermission = keyof typeof SITE_PERMISSIONS;

/** The part of a cohort access the rules read. `reviews`: a member an admin also asked to review applications. */
export type RoleHolder = { role: CohortRole; reviews?: boolean };
export type GroupHolder = RoleHolder & { groupIds: readonly string[] };

export function reachOf(access: RoleHolder, permission: CohortPermission): Reach | null {
  const grants: Grants = COHORT_PERMISSIONS[permission];
  return grants[access.role] ?? (access.reviews ? grants.REVIEWER : undefined) ?? null;
}

export function can(access: RoleHolder | null | undefined, permission: CohortPermission): boolean {
  return access ? reachOf(access, permission) !== null : false;
}

/** Whether the permission reaches one group: the whole cohort, or a group one leads or is in. */
export function canInGroup(access: GroupHolder, permission: CohortPermission, groupId: string): boolean {
  const reach = reachOf(access, permission);
  return reach === 'cohort' || (reach === 'groups' && access.groupIds.includes(groupId));
}

export function siteRoleOf(user: { isAdmin: boolean }): SiteRole {
  return user.isAdmin ? 'ADMIN' : 'MEMBER';
}

export function canOnSite(user: { isAdmin: boolean } | null | undefined, permission: SitePermission): boolean {
  if (!user) return false;
  const roles: readonly SiteRole[] = SITE_PERMISSIONS[permission];
  return roles.includes(siteRoleOf(user));
}

const ROLE_NOUNS: Record<CohortRole, string> = { ADMIN: 'admins', FACILITATOR: 'facilitators', FELLOW: 'fellows', REVIEWER: 'reviewers' };

/** "Only facilitators of this cohort can do this.": named by the least role the permission admits. */
export function deniedMessage(permission: CohortPermission): string {
  const grants: Grants = COHORT_PERMISSIONS[permission];
  const least = (['FELLOW', 'REVIEWER', 'FACILITATOR', 'ADMIN'] as const).find((role) => grants[role]) ?? 'ADMIN';
  return `Only ${ROLE_NOUNS[least]} of this cohort can do this.`;
}
