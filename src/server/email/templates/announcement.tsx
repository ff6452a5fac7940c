import { Link, Text } from '@react-email/components';
import type { PayloadOf } from '../payloads';
import { EmailLayout, heading, link, mutedText, text, type EmailFrame } from './layout';

export function announcementSubject(payload: PayloadOf<'ANNOUNCEMENT'>): string {
  return payload.subject;
}

export function AnnouncementEmail({ frame, payload }: { frame: EmailFrame; payload: PayloadOf<'ANNOUNCEMENT'> }) {
  const paragraphs = payload.body.split(/\n{2,}/).map((paragraph) => paragraph.trim()).filter(Boolean);
  return (
    <EmailLayout frame={frame}>
      <Text style={heading}>{payload.subject}</Text>
      {paragraphs.map((paragraph, index) => (
        <Text key={index} style={{ ...text, whiteSpace: 'pre-line' }}>
          {paragraph}
        </Text>
      ))}
      <Text style={mutedText}>
        From {payload.authorName}
        {payload.groupName ? ` to ${payload.groupName}` : ` to everyone in ${payload.cohortName}`}.{' '}
        <Link href={`${frame.siteUrl}/cohorts/${payload.cohortSlug}`} style={link}>
          Also on your cohort page
        </Link>
        .
      </Text>
    </EmailLayout>
  );
}
