// The pure parts of notifications: the one rule of who gets what, dates in emails across a
// daylight-saving change, and unsubscribe tokens.
import { describe, expect, it } from 'vitest';
import { formatMeetingWhen } from '@/server/email/format';
import { skipReasonOf, type RecipientFacts } from '@/server/services/notifications/recipients';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '@/server/services/notifications/unsubscribe-token';

const reachable: RecipientFacts = { kind: 'WEEKLY_DIGEST', inCohort: true, cohortArchived: false, userId: 'u1', disabled: false, topicChoice: null, member: true, bouncing: false };

describe('who gets what', () => {
  it('sends to a member who made no choice, and skips for each reason in turn', () => {
    expect(skipReasonOf(reachable)).toBeNull();
    expect(skipReasonOf({ ...reachable, cohortArchived: true })).toBe('cohort-archived');
    expect(skipReasonOf({ ...reachable, disabled: true })).toBe('disabled');
    expect(skipReasonOf({ ...reachable, topicChoice: false })).toBe('opted-out');
    expect(skipReasonOf({ ...reachable, member: false })).toBe('not-in-cohort');
    expect(skipReasonOf({ ...reachable, bouncing: true })).toBe('bouncing');
  });

  it('run alerts go only to those who turned them on; invitations cannot be turned off and go to non-members', () => {
    expect(skipReasonOf({ ...reachable, kind: 'RUN_ALERT' })).toBe('opted-out');
    expect(skipReasonOf({ ...reachable, kind: 'RUN_ALERT', topicChoice: true })).toBeNull();
    expect(skipReasonOf({ ...reachable, kind: 'INVITATION', topicChoice: false, member: false, userId: null })).toBeNull();
    expect(skipReasonOf({ ...reachable, kind: 'INVITATION', bouncing: true })).toBe('bouncing');
  });
});

describe('dates in emails', () => {
  it('name the weekday, the times and the zone, on either side of a change to daylight time', () => {
    expect(formatMeetingWhen('2027-03-11T02:00:00Z', 90, 'America/Los_Angeles')).toBe('Wednesday 10 March, 18:00–19:30 (America/Los_Angeles, GMT-8)');
    expect(formatMeetingWhen('2027-03-18T01:00:00Z', 90, 'America/Los_Angeles')).toBe('Wednesday 17 March, 18:00–19:30 (America/Los_Angeles, GMT-7)');
    expect(formatMeetingWhen('2027-03-17T09:00:00Z', 60, 'Asia/Tokyo')).toBe('Wednesday 17 March, 18:00–19:00 (Asia/Tokyo, GMT+9)');
    expect(formatMeetingWhen('2027-01-06T18:00:00Z', 90, 'UTC')).toBe('Wednesday 6 January, 18:00–19:30 (UTC)');
  });
});

describe('unsubscribe tokens', () => {
  const secret = 'a-secret-of-at-least-32-characters-long';
  it('name one person and topic, and refuse any change', () => {
    const token = signUnsubscribeToken(secret, 'user-1', 'DIGEST');
    expect(verifyUnsubscribeToken(secret, token)).toEqual({ userId: 'user-1', topic: 'DIGEST' });
    expect(verifyUnsubscribeToken('another-secret-of-at-least-32-characters', token)).toBeNull();
    const [, sig] = token.split('.');
    expect(verifyUnsubscribeToken(secret, `${Buffer.from('user-2:DIGEST').toString('base64url')}.${sig}`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${Buffer.from('user-1:NOT_A_TOPIC').toString('base64url')}.${sig}`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, 'garbage')).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${token}.extra`)).toBeNull();
  });
});
