// Who may see and change a group's meetings and attendance: the facilitators who lead that
// group, and admins. Everyone else (a facilitator of another group, an id from another cohort)
// gets NOT_FOUND, the same answer as for an id that does not exist.
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { canInGroup, reachOf } from '@/lib/permissions';
import { outOfReach } from '@/server/errors';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';

type Reader = PrismaClient | Prisma.TransactionClient;

export const GROUP_NOT_FOUND = 'No such group among the ones you lead in this cohort. Reload the page to see your groups.';
export const MEETING_NOT_FOUND = 'No such meeting in your groups. Reload the page to see the current meetings.';
export const CANCELLED_MESSAGE = 'This meeting is cancelled, so it takes no attendance. Restore it first if it did happen.';

export function canManageGroup(access: CohortAccess, groupId: string): boolean {
  return canInGroup(access, 'meetings.manage', groupId);
}

/**
 * The groups the caller manages, as a where clause: those they lead, and those with a meeting
 * handed over to them (whose other meetings they only see).
 */
export function managedGroupsWhere(access: CohortAccess): Prisma.DiscussionGroupWhereInput {
  const reach = reachOf(access, 'meetings.manage');
  if (reach === 'cohort') return { cohortId: access.cohortId };
  if (reach === 'groups') {
    const handed = access.membershipId ? [{ meetings: { some: { handedToId: access.membershipId } } }] : [];
    return { cohortId: access.cohortId, OR: [{ id: { in: access.groupIds } }, ...handed] };
  }
  return { cohortId: access.cohortId, id: { in: [] } };
}

/**
 * A group the caller leads (or any, for admins). `toRead`: also a group with a meeting handed
 * over to them, to list its meetings; changing the group itself stays its facilitators'.
 */
export async function findManagedGroup(client: Reader, access: CohortAccess, groupId: string, options: { toRead?: boolean } = {}) {
  const group = await client.discussionGroup.findFirst({
    where: options.toRead ? { AND: [{ id: groupId }, managedGroupsWhere(access)] } : { id: groupId, cohortId: access.cohortId },
    select: { id: true, name: true, meetingDay: true, meetingTime: true },
  });
  if (!group || !(options.toRead || canManageGroup(access, group.id))) throw outOfReach(GROUP_NOT_FOUND);
  return group;
}

export const managedMeetingSelect = { id: true, groupId: true, startsAt: true, minutes: true, location: true, videoUrl: true, cancelledAt: true, handedToId: true } as const;

export async function findManagedMeeting(client: Reader, access: CohortAccess, meetingId: string) {
  const meeting = await client.meeting.findFirst({ where: { id: meetingId, group: { cohortId: access.cohortId } }, select: managedMeetingSelect });
  return assertManagesMeeting(access, meeting);
}

/** The meeting, when the caller runs it (read by the caller with what else it needs: one statement). */
export function assertManagesMeeting<M extends { groupId: string; handedToId: string | null }>(access: CohortAccess, meeting: M | null): M {
  // A meeting handed over to a facilitator of another group is theirs to run too.
  const handedToCaller = meeting?.handedToId != null && meeting.handedToId === access.membershipId;
  if (!meeting || !(canManageGroup(access, meeting.groupId) || handedToCaller)) throw outOfReach(MEETING_NOT_FOUND);
  return meeting;
}
