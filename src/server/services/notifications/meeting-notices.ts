// The notice that a meeting moved, was cancelled, is back on, or was added: queued in the
// transaction that changes it, to the group's fellows and facilitators, for meetings still to
// come in an active cohort. One notice per change per person.
import type { Prisma } from '@/generated/prisma/client';
import { formatWeekLabel } from '@/lib/format';
import type { PayloadOf } from '@/server/email/payloads';
import type { Db } from '@/server/services/context';
import { queueDeliverable, type NotificationDraft } from './queue-notifications';

type Client = Db | Prisma.TransactionClient;

export async function queueMeetingChangeNotices(
  tx: Client,
  input: { meetingId: string; change: PayloadOf<'MEETING_CHANGE'>['change']; previousStartsAt: Date | null; now: Date },
): Promise<number> {
  const meeting = await tx.meeting.findUnique({
    where: { id: input.meetingId },
    select: {
      id: true,
      startsAt: true,
      minutes: true,
      location: true,
      videoUrl: true,
      weekPosition: true,
      group: {
        select: {
          id: true,
          name: true,
          location: true,
          videoUrl: true,
          cohort: {
            select: { id: true, slug: true, name: true, timeZone: true, status: true, curriculum: { select: { weeks: { select: { position: true, number: true, span: true, title: true } } } } },
          },
          members: { where: { role: 'FELLOW' }, select: { userId: true, user: { select: { email: true } } } },
          facilitators: { select: { membership: { select: { userId: true, user: { select: { email: true } } } } } },
        },
      },
    },
  });
  if (!meeting) return 0;
  const { group } = meeting;
  const { cohort } = group;
  // Nobody needs a notice about a meeting already over (the earlier time, for a move), or in a draft.
  const stillAhead = Math.max(meeting.startsAt.getTime(), input.previousStartsAt?.getTime() ?? 0) > input.now.getTime();
  if (cohort.status !== 'ACTIVE' || !stillAhead) return 0;
  const unit = meeting.weekPosition !== null ? cohort.curriculum.weeks.find((week) => week.position === meeting.weekPosition) : undefined;
  const recipients = [
    ...group.members.map((member) => ({ userId: member.userId, email: member.user.email })),
    ...group.facilitators.map(({ membership }) => ({ userId: membership.userId, email: membership.user.email })),
  ];
  const drafts: NotificationDraft<'MEETING_CHANGE'>[] = recipients.map((recipient) => ({
    kind: 'MEETING_CHANGE',
    dedupeKey: `meeting-change:${meeting.id}:${input.change}:${input.now.toISOString()}:${recipient.userId}`,
    toEmail: recipient.email,
    userId: recipient.userId,
    cohortId: cohort.id,
    subjectId: meeting.id,
    payload: {
      cohortName: cohort.name,
      cohortSlug: cohort.slug,
      cohortTimeZone: cohort.timeZone,
      change: input.change,
      previousStartsAt: input.previousStartsAt && input.previousStartsAt.getTime() !== meeting.startsAt.getTime() ? input.previousStartsAt.toISOString() : null,
      meeting: {
        id: meeting.id,
        startsAt: meeting.startsAt.toISOString(),
        minutes: meeting.minutes,
        location: meeting.location ?? group.location,
        videoUrl: meeting.videoUrl ?? group.videoUrl,
        groupName: group.name,
        about: unit ? `${formatWeekLabel(unit) ?? 'Week'}: ${unit.title}` : null,
      },
    },
  }));
  return queueDeliverable(tx, 'MEETING_CHANGE', cohort.id, drafts);
}
