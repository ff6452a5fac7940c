import { Button, Row, Column, Section, Text } from '@react-email/components';
import type { PayloadOf } from '../payloads';
import { formatMeetingWhen } from '../format';
import { button, colors, EmailLayout, heading, MeetingBlock, mutedText, subheading, text, type EmailFrame } from './layout';

type Props = { frame: EmailFrame; payload: PayloadOf<'PREP_NOTE'>; timeZone: string };

export function prepNoteSubject(payload: PayloadOf<'PREP_NOTE'>): string {
  return `Prep for tomorrow: ${payload.meeting.groupName}${payload.meeting.about ? `, ${payload.meeting.about}` : ''}`;
}

export function PrepNoteEmail({ frame, payload, timeZone }: Props) {
  const { meeting } = payload;
  const atRisk = payload.fellows.filter((fellow) => fellow.atRisk);
  const missed = payload.fellows.filter((fellow) => fellow.missedLast);
  const cell = { ...text, fontSize: '14px', margin: 0, padding: '6px 0', borderBottom: `1px solid ${colors.line}` };
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>Prep for {meeting.groupName}</Text>
      <MeetingBlock when={formatMeetingWhen(meeting.startsAt, meeting.minutes, timeZone)} place={meeting.location} videoUrl={meeting.videoUrl} />
      <Text style={text}>
        {meeting.about ? `The meeting discusses ${meeting.about}, with ${payload.readings.length} core readings. ` : ''}
        {atRisk.length ? `${atRisk.length} of ${payload.fellows.length} fellows are at risk.` : `None of the ${payload.fellows.length} fellows is at risk.`}{' '}
        {missed.length ? `${missed.length} missed the last meeting.` : ''}
      </Text>
      <Text style={subheading}>Who has read what</Text>
      <Section>
        {payload.fellows.map((fellow, index) => (
          <Row key={index}>
            <Column style={{ ...cell, width: '55%' }}>
              {fellow.name}
              {fellow.atRisk ? <span style={{ color: colors.warning, fontWeight: 600 }}> · at risk</span> : null}
              {fellow.missedLast ? <span style={{ color: colors.muted }}> · missed last time</span> : null}
              {fellow.reasons.length ? <span style={{ display: 'block', color: colors.muted, fontSize: '13px' }}>{fellow.reasons.join('; ')}</span> : null}
              {fellow.notRead?.length && fellow.notRead.length < payload.readings.length ? (
                <span style={{ display: 'block', color: colors.muted, fontSize: '13px' }}>Not yet: {fellow.notRead.join(', ')}</span>
              ) : null}
            </Column>
            <Column style={{ ...cell, textAlign: 'right' }}>
              {fellow.readingsDone} of {payload.readings.length} read
            </Column>
          </Row>
        ))}
      </Section>
      {payload.fellows.length === 0 ? <Text style={mutedText}>No fellows in this group yet.</Text> : null}
      <Section style={{ margin: '20px 0 14px' }}>
        <Button href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}/meetings/${payload.meeting.id}/prep`} style={button}>
          Open the prep sheet
        </Button>
      </Section>
    </EmailLayout>
  );
}
