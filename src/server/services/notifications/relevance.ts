// A queued notification whose reason went away before it was sent: an invitation accepted or
// revoked, a reminder for a meeting since cancelled or moved. Such a one is skipped, not sent.
import type { NotificationKind } from '@/lib/notification-kinds';
import type { Db } from '@/server/services/context';

export async function whyNoLongerRelevant(
  db: Db,
  input: { kind: NotificationKind; subjectId: string | null; payload: unknown; now: Date },
): Promise<string | null> {
  const { kind, subjectId } = input;
  if (!subjectId) return null;
  if (kind === 'INVITATION') {
    const invitation = await db.invitation.findUnique({ where: { id: subjectId }, select: { acceptedAt: true, revokedAt: true, expiresAt: true } });
    if (!invitation) {
      // A roster import's welcome: it is about a membership, which must still exist.
      const membership = await db.membership.findUnique({ where: { id: subjectId }, select: { id: true } });
      return membership ? null : 'They are no longer in the cohort.';
    }
    if (invitation.acceptedAt) return 'The invitation was accepted.';
    if (invitation.revokedAt) return 'The invitation was revoked or replaced.';
    if (invitation.expiresAt <= input.now) return 'The invitation expired.';
    return null;
  }
  if (kind === 'MEETING_REMINDER' || kind === 'PREP_NOTE') {
    const meeting = await db.meeting.findUnique({ where: { id: subjectId }, select: { startsAt: true, cancelledAt: true } });
    const planned = (input.payload as { meeting?: { startsAt?: string } }).meeting?.startsAt;
    if (!meeting || meeting.cancelledAt) return 'The meeting was cancelled.';
    if (planned && meeting.startsAt.toISOString() !== planned) return 'The meeting moved; a new reminder follows.';
    if (meeting.startsAt <= input.now) return 'The meeting has begun.';
  }
  return null;
}
