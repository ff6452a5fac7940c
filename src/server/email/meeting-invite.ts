// The .ics attached to emails about one meeting. Its UID is the meeting's, so opening a later
// notice (moved, cancelled) updates the event the earlier one added instead of adding another.
import { createEvent } from 'ics';
import { toSingleLine } from '@/lib/schemas/text';
import type { EmailMeeting } from './payloads';

export function meetingInvite(meeting: { id: string; data: EmailMeeting; cancelled: boolean }, cohortName: string, siteUrl: string): string {
  const start = new Date(meeting.data.startsAt).getTime();
  const where = toSingleLine([meeting.data.location, meeting.data.videoUrl].filter(Boolean).join(' · '));
  const { error, value } = createEvent({
    uid: `meeting-${meeting.id}@fellowship`,
    title: toSingleLine(`${cohortName}, ${meeting.data.groupName}${meeting.data.about ? `: ${meeting.data.about}` : ''}`),
    description: `Discussion meeting of ${meeting.data.groupName}.${meeting.data.videoUrl ? `\nVideo call: ${meeting.data.videoUrl}` : ''}\n${siteUrl}`,
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: start + meeting.data.minutes * 60_000,
    endInputType: 'utc',
    endOutputType: 'utc',
    ...(where ? { location: where } : {}),
    ...(meeting.cancelled ? { status: 'CANCELLED' as const } : {}),
    // Later notices must outrank earlier ones; seconds since 2026 grow and fit the field.
    sequence: Math.max(0, Math.floor((Date.now() - Date.UTC(2026, 0, 1)) / 1000)),
  });
  if (error || !value) throw new Error(`Could not build the calendar file: ${error?.message ?? 'unknown error'}`);
  return value;
}
