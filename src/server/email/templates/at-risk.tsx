import { Button, Link, Text } from '@react-email/components';
import type { PayloadOf } from '../payloads';
import { button, EmailLayout, heading, link, text, type EmailFrame } from './layout';

export function atRiskAlertSubject(payload: PayloadOf<'AT_RISK_ALERT'>): string {
  return `${payload.fellowName} may need a hand`;
}

export function AtRiskAlertEmail({ frame, payload }: { frame: EmailFrame; payload: PayloadOf<'AT_RISK_ALERT'> }) {
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>{payload.fellowName} may need a hand</Text>
      <Text style={text}>
        {payload.fellowName}
        {payload.groupName ? ` (${payload.groupName})` : ''} is now at risk of not completing {payload.cohortName}:
      </Text>
      {payload.reasons.map((reason, index) => (
        <Text key={index} style={{ ...text, margin: '0 0 6px' }}>
          • {reason}
        </Text>
      ))}
      <Text style={{ ...text, marginTop: '14px' }}>A short personal message often helps more than anything else. You are told once; the grid shows how they are doing.</Text>
      <Button href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}/progress${payload.groupId ? `?group=${payload.groupId}` : ''}`} style={button}>
        Open the grid
      </Button>
    </EmailLayout>
  );
}

export function atRiskNudgeSubject(payload: PayloadOf<'AT_RISK_NUDGE'>): string {
  return `Catching up in ${payload.cohortName}`;
}

export function AtRiskNudgeEmail({ frame, payload, name }: { frame: EmailFrame; payload: PayloadOf<'AT_RISK_NUDGE'>; name: string }) {
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>We&apos;d love to see you back, {name}</Text>
      <Text style={text}>Weeks get busy. It looks like {payload.cohortName} slipped a little:</Text>
      {payload.reasons.map((reason, index) => (
        <Text key={index} style={{ ...text, margin: '0 0 6px' }}>
          • {reason}
        </Text>
      ))}
      <Text style={{ ...text, marginTop: '14px' }}>
        You don&apos;t have to catch up on everything: this week&apos;s core readings and the next meeting are a fine place to start.{' '}
        <Link href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}`} style={link}>
          See this week
        </Link>
        , or just reply to your facilitator.
      </Text>
    </EmailLayout>
  );
}
