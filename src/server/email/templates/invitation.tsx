import { Button, Text } from '@react-email/components';
import type { PayloadOf } from '../payloads';
import { formatEmailDay } from '../format';
import { button, EmailLayout, heading, mutedText, text, type EmailFrame } from './layout';

type Props = { frame: EmailFrame; payload: PayloadOf<'INVITATION'>; timeZone: string; email: string };

export function invitationSubject(payload: PayloadOf<'INVITATION'>): string {
  return `You're invited to ${payload.cohortName}`;
}

export function InvitationEmail({ frame, payload, timeZone, email }: Props) {
  const as = payload.role === 'FACILITATOR' ? 'a facilitator' : 'a fellow';
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>You&apos;re invited to {payload.cohortName}</Text>
      <Text style={text}>
        {payload.expiresAt
          ? `${payload.inviterName ? `${payload.inviterName} invited you` : 'You have been invited'} to join ${payload.cohortName} as ${as}`
          : `${payload.inviterName ? `${payload.inviterName} added you` : 'You have been added'} to ${payload.cohortName} as ${as}`}
        {payload.groupName ? `, in the group ${payload.groupName}` : ''}.
      </Text>
      <Text style={text}>
        Sign in with this address ({email}) to start: you will see the week&apos;s readings, your group and your meetings.
      </Text>
      <Button href={`${frame.siteUrl}/signin?callbackUrl=${encodeURIComponent(`/cohorts/${payload.cohortSlug}`)}`} style={button}>
        Sign in and join
      </Button>
      {payload.expiresAt ? (
        <Text style={{ ...mutedText, marginTop: '16px' }}>The invitation is open until {formatEmailDay(payload.expiresAt, timeZone)}.</Text>
      ) : (
        <Text style={{ ...mutedText, marginTop: '16px' }}>There is no password: each time, Fellowship emails you a sign-in link.</Text>
      )}
    </EmailLayout>
  );
}
