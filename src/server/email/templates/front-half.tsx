// Emails of a quarter's front half: an application's decision, the request to paint
// availability, the group one was placed in, and group switches.
import { Link, Text } from '@react-email/components';
import type { PayloadOf } from '../payloads';
import { formatEmailDay, formatMeetingWhen } from '../format';
import { button, EmailLayout, heading, link, MeetingBlock, mutedText, text, type EmailFrame } from './layout';

function Paragraphs({ body }: { body: string }) {
  return (
    <>
      {body
        .split(/\n{2,}/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph, index) => (
          <Text key={index} style={{ ...text, whiteSpace: 'pre-line' }}>
            {paragraph}
          </Text>
        ))}
    </>
  );
}

export function applicationDecisionSubject(payload: PayloadOf<'APPLICATION_DECISION'>): string {
  return payload.subject;
}

export function ApplicationDecisionEmail({ frame, payload }: { frame: EmailFrame; payload: PayloadOf<'APPLICATION_DECISION'> }) {
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>{payload.subject}</Text>
      <Paragraphs body={payload.body} />
      {payload.decision === 'ACCEPTED' ? (
        <Text style={text}>
          <Link href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}/availability`} style={button}>
            Tell us when you are free
          </Link>
        </Text>
      ) : (
        <Text style={mutedText}>
          You can see your application at{' '}
          <Link href={`${frame.siteUrl}/apply/${payload.cohortSlug}`} style={link}>
            {`${frame.siteUrl}/apply/${payload.cohortSlug}`}
          </Link>
          .
        </Text>
      )}
    </EmailLayout>
  );
}

export function availabilityRequestSubject(payload: PayloadOf<'AVAILABILITY_REQUEST'>): string {
  return payload.reminder ? `Reminder: when are you free for ${payload.cohortName}?` : `When are you free for ${payload.cohortName}?`;
}

export function AvailabilityRequestEmail({ frame, payload, timeZone }: { frame: EmailFrame; payload: PayloadOf<'AVAILABILITY_REQUEST'>; timeZone: string }) {
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>{payload.reminder ? 'We still need your free times' : 'When are you free each week?'}</Text>
      <Text style={text}>
        Groups of {payload.cohortName} are formed from everyone&apos;s weekly availability. Mark the times you could meet, in your own time zone: it takes two
        minutes, on a computer or a phone.
      </Text>
      {payload.deadline ? <Text style={text}>Please do it by {formatEmailDay(payload.deadline, timeZone)}.</Text> : null}
      <Text style={text}>
        <Link href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}/availability`} style={button}>
          Mark when you are free
        </Link>
      </Text>
    </EmailLayout>
  );
}

export function groupAssignedSubject(payload: PayloadOf<'GROUP_ASSIGNED'>): string {
  return payload.role === 'FACILITATOR' ? `You lead ${payload.groupName} in ${payload.cohortName}` : `Your group in ${payload.cohortName}: ${payload.groupName}`;
}

export function GroupAssignedEmail({ frame, payload, timeZone }: { frame: EmailFrame; payload: PayloadOf<'GROUP_ASSIGNED'>; timeZone: string }) {
  const meeting = payload.firstMeeting;
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>{payload.role === 'FACILITATOR' ? `You lead ${payload.groupName}` : `You are in ${payload.groupName}`}</Text>
      <Text style={text}>
        {payload.role === 'FACILITATOR'
          ? `${payload.memberCount} fellows are in your group.`
          : `${payload.groupName} has ${payload.memberCount} fellows${payload.facilitatorNames.length ? `, led by ${payload.facilitatorNames.join(' and ')}` : ''}.`}
      </Text>
      {meeting ? (
        <>
          <Text style={text}>Your first meeting (the calendar file attached adds it):</Text>
          <MeetingBlock when={formatMeetingWhen(meeting.startsAt, meeting.minutes, timeZone)} place={meeting.location} videoUrl={meeting.videoUrl} />
        </>
      ) : null}
      <Text style={text}>
        <Link href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}`} style={button}>
          Open your cohort
        </Link>
      </Text>
    </EmailLayout>
  );
}

export function groupSwitchSubject(payload: PayloadOf<'GROUP_SWITCH'>): string {
  const when = payload.scope === 'ONE_WEEK' ? 'for one meeting' : 'for good';
  if (payload.event === 'requested') return `${payload.fellowName} asks to join ${payload.toGroupName} ${when}`;
  return payload.event === 'approved' ? `You are joining ${payload.toGroupName} ${when}` : `Your request to join ${payload.toGroupName} was declined`;
}

export function GroupSwitchEmail({ frame, payload, timeZone }: { frame: EmailFrame; payload: PayloadOf<'GROUP_SWITCH'>; timeZone: string }) {
  const meeting = payload.meeting;
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>{groupSwitchSubject(payload)}</Text>
      {payload.event === 'requested' ? (
        <Text style={text}>
          {payload.fellowName}
          {payload.fromGroupName ? ` (${payload.fromGroupName})` : ''} asked to join your group {payload.scope === 'ONE_WEEK' ? 'for one meeting' : 'from now on'}.{' '}
          <Link href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}/switches`} style={link}>
            Approve or decline
          </Link>
          .
        </Text>
      ) : payload.event === 'approved' ? (
        <Text style={text}>{payload.scope === 'ONE_WEEK' ? 'You join this meeting of ' + payload.toGroupName + ' as a guest.' : `From now on you are in ${payload.toGroupName}.`}</Text>
      ) : (
        <Text style={text}>The group has no room then, or its facilitator could not take you. You stay in {payload.fromGroupName ?? 'your group'}; you can ask for another group.</Text>
      )}
      {meeting && payload.event !== 'declined' ? <MeetingBlock when={formatMeetingWhen(meeting.startsAt, meeting.minutes, timeZone)} place={meeting.location} videoUrl={meeting.videoUrl} /> : null}
    </EmailLayout>
  );
}

export function certificateIssuedSubject(payload: PayloadOf<'CERTIFICATE_ISSUED'>): string {
  return payload.kind === 'FACILITATION' ? `Your certificate of facilitation for ${payload.cohortName}` : `Your certificate for ${payload.cohortName}`;
}

export function CertificateIssuedEmail({ frame, payload }: { frame: EmailFrame; payload: PayloadOf<'CERTIFICATE_ISSUED'> }) {
  const page = `${frame.siteUrl}/certificates/${payload.certificateId}`;
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>{payload.kind === 'FACILITATION' ? 'Thank you for leading a group' : 'Congratulations, you completed the fellowship'}</Text>
      <Text style={text}>
        Your certificate of {payload.kind === 'FACILITATION' ? 'facilitation' : 'completion'} of {payload.programme} ({payload.cohortName}) is ready, in the name{' '}
        {payload.holderName}.
      </Text>
      <Text style={text}>
        <Link href={`${page}/pdf`} style={button}>
          Download the PDF
        </Link>
      </Text>
      <Text style={mutedText}>
        Anyone you share it with can check it at <Link href={page} style={link}>{page}</Link>.
      </Text>
    </EmailLayout>
  );
}
