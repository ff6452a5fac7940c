import { Button, Text } from '@react-email/components';
import type { PayloadOf } from '../payloads';
import { button, EmailLayout, heading, text, type EmailFrame } from './layout';

const WHAT = { failed: 'failed', nan: 'produced NaN', stale: 'has gone quiet' };

export function runAlertSubject(payload: PayloadOf<'RUN_ALERT'>): string {
  return `Your run ${payload.runName} ${WHAT[payload.problem]}`;
}

export function RunAlertEmail({ frame, payload }: { frame: EmailFrame; payload: PayloadOf<'RUN_ALERT'> }) {
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>
        {payload.runName} {WHAT[payload.problem]}
      </Text>
      <Text style={text}>
        Your training run for {payload.exerciseTitle}: {payload.detail}
      </Text>
      <Button href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}/runs/${payload.runId}`} style={button}>
        Open the run
      </Button>
    </EmailLayout>
  );
}
