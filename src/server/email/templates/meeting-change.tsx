import { Link, Text } from '@react-email/components';
import type { PayloadOf } from '../payloads';
import { formatMeetingWhen } from '../format';
import { EmailLayout, heading, link, MeetingBlock, text, type EmailFrame } from './layout';

type Props = { frame: EmailFrame; payload: PayloadOf<'MEETING_CHANGE'>; timeZone: string };

const TITLES = { moved: 'A meeting has moved', cancelled: 'A meeting is cancelled', added: 'A meeting was added', restored: 'A cancelled meeting is back on' };

export function meetingChangeSubject(payload: PayloadOf<'MEETING_CHANGE'>): string {
  return `${TITLES[payload.change]}: ${payload.meeting.groupName}`;
}

export function MeetingChangeEmail({ frame, payload, timeZone }: Props) {
  const { meeting } = payload;
  const when = formatMeetingWhen(meeting.startsAt, meeting.minutes, timeZone);
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>{TITLES[payload.change]}</Text>
      {payload.change === 'moved' && payload.previousStartsAt ? (
        <Text style={text}>
          {meeting.groupName}&apos;s meeting{meeting.about ? ` on ${meeting.about}` : ''} was moved from{' '}
          <s>{formatMeetingWhen(payload.previousStartsAt, meeting.minutes, timeZone)}</s> to:
        </Text>
      ) : payload.change === 'cancelled' ? (
        <Text style={text}>
          {meeting.groupName}&apos;s meeting{meeting.about ? ` on ${meeting.about}` : ''} will not take place:
        </Text>
      ) : (
        <Text style={text}>
          {meeting.groupName} meets{meeting.about ? ` to discuss ${meeting.about}` : ''}:
        </Text>
      )}
      <MeetingBlock when={payload.change === 'cancelled' ? `Cancelled: ${when}` : when} place={payload.change === 'cancelled' ? null : meeting.location} videoUrl={payload.change === 'cancelled' ? null : meeting.videoUrl} />
      <Text style={text}>
        The attached calendar file updates the event in your calendar.{' '}
        <Link href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}`} style={link}>
          Open your cohort
        </Link>
        .
      </Text>
    </EmailLayout>
  );
}
