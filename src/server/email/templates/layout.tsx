// The frame every email shares: the app's colours and type, the cohort's name on top, and a
// footer that says why it came and how to stop it (for the kinds one can turn off).
import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

export const colors = {
  bg: '#fbfaf7',
  surface: '#ffffff',
  text: '#1d2226',
  muted: '#535b62',
  line: '#dedad2',
  accent: '#0f6b6b',
  accentSoft: '#e1f0ee',
  warning: '#8a4b08',
};

export const text = { fontSize: '15px', lineHeight: '24px', color: colors.text, margin: '0 0 14px' };
export const mutedText = { ...text, color: colors.muted, fontSize: '14px' };
export const heading = { fontSize: '22px', lineHeight: '30px', fontWeight: 700, color: colors.text, margin: '0 0 16px' };
export const subheading = { fontSize: '16px', lineHeight: '24px', fontWeight: 700, color: colors.text, margin: '22px 0 8px' };
export const link = { color: colors.accent, textDecoration: 'underline' };
export const button = {
  display: 'inline-block',
  backgroundColor: colors.accent,
  color: '#ffffff',
  padding: '10px 18px',
  borderRadius: '8px',
  fontSize: '15px',
  fontWeight: 600,
  textDecoration: 'none',
};

export type EmailFrame = {
  siteUrl: string;
  cohortName: string | null;
  /** One line shown by mail clients next to the subject. */
  preview: string;
  /** Why this person gets this email, in words. */
  reason: string;
  /** Present on every email one can turn off. */
  unsubscribeUrl: string | null;
};

export function EmailLayout({ frame, children }: { frame: EmailFrame; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{frame.preview}</Preview>
      <Body style={{ backgroundColor: colors.bg, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ maxWidth: '600px', margin: '0 auto', padding: '0 16px' }}>
          <Text style={{ ...mutedText, fontWeight: 600, margin: '0 0 12px' }}>
            Fellowship{frame.cohortName ? ` · ${frame.cohortName}` : ''}
          </Text>
          <Section style={{ backgroundColor: colors.surface, border: `1px solid ${colors.line}`, borderRadius: '12px', padding: '28px 28px 14px' }}>
            {children}
          </Section>
          <Hr style={{ borderColor: colors.line, margin: '20px 0 12px' }} />
          <Text style={{ ...mutedText, fontSize: '13px', lineHeight: '20px' }}>
            {frame.reason}{' '}
            {frame.unsubscribeUrl ? (
              <>
                <Link href={frame.unsubscribeUrl} style={link}>
                  Stop these emails
                </Link>{' '}
                or choose which you get on{' '}
                <Link href={`${frame.siteUrl}/account`} style={link}>
                  your account page
                </Link>
                .
              </>
            ) : null}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function MeetingBlock({ when, place, videoUrl }: { when: string; place: string | null; videoUrl: string | null }) {
  return (
    <Section style={{ backgroundColor: colors.accentSoft, borderRadius: '8px', padding: '12px 16px', margin: '0 0 16px' }}>
      <Text style={{ ...text, fontWeight: 600, margin: '0 0 4px' }}>{when}</Text>
      {place ? <Text style={{ ...text, margin: '0 0 4px' }}>Where: {place}</Text> : null}
      {videoUrl ? (
        <Text style={{ ...text, margin: 0 }}>
          Video call:{' '}
          <Link href={videoUrl} style={link}>
            {videoUrl}
          </Link>
        </Text>
      ) : null}
    </Section>
  );
}
