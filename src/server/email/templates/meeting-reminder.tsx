import { Link, Text } from '@react-email/components';
import type { PayloadOf } from '../payloads';
import { formatMeetingWhen } from '../format';
import { EmailLayout, heading, link, MeetingBlock, text, type EmailFrame } from './layout';

type Props = { frame: EmailFrame; payload: PayloadOf<'MEETING_REMINDER'>; timeZone: string };

export function meetingReminderSubject(payload: PayloadOf<'MEETING_REMINDER'>, timeZone: string): string {
  return `Reminder: ${payload.meeting.groupName} meets ${formatMeetingWhen(payload.meeting.startsAt, payload.meeting.minutes, timeZone).split(',')[0]}`;
}

export function MeetingReminderEmail({ frame, payload, timeZone }: Props) {
  const { meeting } = payload;
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>Your group meets soon</Text>
      <Text style={text}>
        {meeting.groupName} meets next{meeting.about ? ` to discuss ${meeting.about}` : ''}.
      </Text>
      <MeetingBlock when={formatMeetingWhen(meeting.startsAt, meeting.minutes, timeZone)} place={meeting.location} videoUrl={meeting.videoUrl} />
      <Text style={text}>
        <Link href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}`} style={link}>
          See the week&apos;s readings
        </Link>{' '}
        before you go.
      </Text>
    </EmailLayout>
  );
}
