import { Link, Section, Text } from '@react-email/components';
import type { EmailReading, PayloadOf } from '../payloads';
import { formatMeetingWhen, formatReadingMinutes } from '../format';
import { EmailLayout, heading, link, MeetingBlock, mutedText, subheading, text, type EmailFrame } from './layout';

type Props = { frame: EmailFrame; payload: PayloadOf<'WEEKLY_DIGEST'>; timeZone: string; name: string };

export function weeklyDigestSubject(payload: PayloadOf<'WEEKLY_DIGEST'>): string {
  return `${payload.weekLabel}: ${payload.weekTitle}`;
}

function ReadingList({ readings }: { readings: EmailReading[] }) {
  return (
    <Section>
      {readings.map((reading, index) => {
        const minutes = formatReadingMinutes(reading.minutes);
        const details = [reading.weekLabel, minutes, reading.core ? null : 'optional'].filter(Boolean).join(' · ');
        return (
          <Text key={index} style={{ ...text, margin: '0 0 8px' }}>
            •{' '}
            {reading.url ? (
              <Link href={reading.url} style={link}>
                {reading.title}
              </Link>
            ) : (
              reading.title
            )}
            {details ? <span style={{ color: '#535b62' }}> ({details})</span> : null}
          </Text>
        );
      })}
    </Section>
  );
}

export function WeeklyDigestEmail({ frame, payload, timeZone, name }: Props) {
  const total = payload.readings.filter((reading) => reading.core).reduce((sum, reading) => sum + (reading.minutes ?? 0), 0);
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>
        {payload.weekLabel}: {payload.weekTitle}
      </Text>
      <Text style={text}>
        Hello {name}, a new week of {payload.cohortName} starts today.
        {total ? ` The core readings take about ${formatReadingMinutes(total)}.` : ''}
      </Text>
      <Text style={subheading}>This week&apos;s readings</Text>
      {payload.readings.length ? <ReadingList readings={payload.readings} /> : <Text style={mutedText}>No readings this week.</Text>}
      {payload.stillOpen.length ? (
        <>
          <Text style={subheading}>Still open from earlier weeks</Text>
          <ReadingList readings={payload.stillOpen} />
        </>
      ) : null}
      <Text style={subheading}>Your next meeting</Text>
      {payload.nextMeeting ? (
        <>
          <MeetingBlock
            when={formatMeetingWhen(payload.nextMeeting.startsAt, payload.nextMeeting.minutes, timeZone)}
            place={payload.nextMeeting.location}
            videoUrl={payload.nextMeeting.videoUrl}
          />
          <Text style={mutedText}>The meeting is attached as a calendar file.</Text>
        </>
      ) : (
        <Text style={mutedText}>No meeting is scheduled for your group yet.</Text>
      )}
      {payload.facilitatorNames.length ? (
        <Text style={text}>Your facilitator: {payload.facilitatorNames.join(' and ')}.</Text>
      ) : null}
      <Text style={text}>
        <Link href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}`} style={link}>
          Open this week in Fellowship
        </Link>{' '}
        to tick off what you have read.
      </Text>
    </EmailLayout>
  );
}
