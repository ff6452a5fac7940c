// One notification's email, rendered: subject, HTML and plain text from the kind's React
// template (@react-email/render), plus a calendar file for the kinds about a meeting.
import { render, toPlainText } from '@react-email/render';
import type { ReactElement } from 'react';
import type { NotificationKind } from '@/lib/notification-kinds';
import type { EmailMeeting, NotificationPayloads } from './payloads';
import { meetingInvite } from './meeting-invite';
import type { EmailFrame } from './templates/layout';
import { AnnouncementEmail, announcementSubject } from './templates/announcement';
import {
  ApplicationDecisionEmail,
  applicationDecisionSubject,
  AvailabilityRequestEmail,
  availabilityRequestSubject,
  CertificateIssuedEmail,
  certificateIssuedSubject,
  GroupAssignedEmail,
  groupAssignedSubject,
  GroupSwitchEmail,
  groupSwitchSubject,
} from './templates/front-half';
import { AtRiskAlertEmail, atRiskAlertSubject, AtRiskNudgeEmail, atRiskNudgeSubject } from './templates/at-risk';
import { InvitationEmail, invitationSubject } from './templates/invitation';
import { MeetingChangeEmail, meetingChangeSubject } from './templates/meeting-change';
import { MeetingReminderEmail, meetingReminderSubject } from './templates/meeting-reminder';
import { PrepNoteEmail, prepNoteSubject } from './templates/prep-note';
import { RunAlertEmail, runAlertSubject } from './templates/run-alert';
import { WeeklyDigestEmail, weeklyDigestSubject } from './templates/weekly-digest';

export type Recipient = { email: string; name: string; timeZone: string };

export type RenderedEmail = {
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content: string; contentType: string }[];
  /** The page a reader would open, for the dev mailbox's button. */
  url: string;
};

type Composed = { subject: string; element: (frame: EmailFrame) => ReactElement; preview: string; meeting?: { id: string; data: EmailMeeting; cancelled: boolean }; path: string };

function compose<K extends NotificationKind>(kind: K, payload: NotificationPayloads[K], recipient: Recipient): Composed {
  const tz = recipient.timeZone;
  const p = payload as never;
  switch (kind) {
    case 'INVITATION': {
      const data = payload as NotificationPayloads['INVITATION'];
      return { subject: invitationSubject(data), preview: `Sign in with ${recipient.email} to join.`, element: (frame) => <InvitationEmail frame={frame} payload={p} timeZone={tz} email={recipient.email} />, path: `/cohorts/${data.cohortSlug}` };
    }
    case 'WEEKLY_DIGEST': {
      const data = payload as NotificationPayloads['WEEKLY_DIGEST'];
      return {
        subject: weeklyDigestSubject(data),
        preview: `${data.readings.length} readings this week${data.nextMeeting ? ', and your next meeting' : ''}.`,
        element: (frame) => <WeeklyDigestEmail frame={frame} payload={p} timeZone={tz} name={recipient.name} />,
        meeting: data.nextMeeting ? { id: data.nextMeeting.id, data: data.nextMeeting, cancelled: false } : undefined,
        path: `/cohorts/${data.cohortSlug}`,
      };
    }
    case 'MEETING_REMINDER': {
      const data = payload as NotificationPayloads['MEETING_REMINDER'];
      return { subject: meetingReminderSubject(data, tz), preview: `${data.meeting.groupName} meets soon.`, element: (frame) => <MeetingReminderEmail frame={frame} payload={p} timeZone={tz} />, meeting: { id: data.meeting.id, data: data.meeting, cancelled: false }, path: `/cohorts/${data.cohortSlug}` };
    }
    case 'MEETING_CHANGE': {
      const data = payload as NotificationPayloads['MEETING_CHANGE'];
      return { subject: meetingChangeSubject(data), preview: meetingChangeSubject(data), element: (frame) => <MeetingChangeEmail frame={frame} payload={p} timeZone={tz} />, meeting: { id: data.meeting.id, data: data.meeting, cancelled: data.change === 'cancelled' }, path: `/cohorts/${data.cohortSlug}` };
    }
    case 'PREP_NOTE': {
      const data = payload as NotificationPayloads['PREP_NOTE'];
      return { subject: prepNoteSubject(data), preview: `${data.fellows.filter((f) => f.atRisk).length} at risk, ${data.fellows.filter((f) => f.missedLast).length} missed last time.`, element: (frame) => <PrepNoteEmail frame={frame} payload={p} timeZone={tz} />, path: `/cohorts/${data.cohortSlug}/meetings/${data.meeting.id}/prep` };
    }
    case 'AT_RISK_ALERT': {
      const data = payload as NotificationPayloads['AT_RISK_ALERT'];
      return { subject: atRiskAlertSubject(data), preview: data.reasons.join('; '), element: (frame) => <AtRiskAlertEmail frame={frame} payload={p} />, path: `/cohorts/${data.cohortSlug}/progress` };
    }
    case 'AT_RISK_NUDGE': {
      const data = payload as NotificationPayloads['AT_RISK_NUDGE'];
      return { subject: atRiskNudgeSubject(data), preview: 'This week is a fine place to start again.', element: (frame) => <AtRiskNudgeEmail frame={frame} payload={p} name={recipient.name} />, path: `/cohorts/${data.cohortSlug}` };
    }
    case 'ANNOUNCEMENT': {
      const data = payload as NotificationPayloads['ANNOUNCEMENT'];
      return { subject: announcementSubject(data), preview: data.body.slice(0, 120), element: (frame) => <AnnouncementEmail frame={frame} payload={p} />, path: `/cohorts/${data.cohortSlug}` };
    }
    case 'RUN_ALERT': {
      const data = payload as NotificationPayloads['RUN_ALERT'];
      return { subject: runAlertSubject(data), preview: data.detail, element: (frame) => <RunAlertEmail frame={frame} payload={p} />, path: `/cohorts/${data.cohortSlug}/runs/${data.runId}` };
    }
    case 'APPLICATION_DECISION': {
      const data = payload as NotificationPayloads['APPLICATION_DECISION'];
      return { subject: applicationDecisionSubject(data), preview: data.body.slice(0, 120), element: (frame) => <ApplicationDecisionEmail frame={frame} payload={p} />, path: `/apply/${data.cohortSlug}` };
    }
    case 'AVAILABILITY_REQUEST': {
      const data = payload as NotificationPayloads['AVAILABILITY_REQUEST'];
      return { subject: availabilityRequestSubject(data), preview: 'Mark the times you could meet each week.', element: (frame) => <AvailabilityRequestEmail frame={frame} payload={p} timeZone={tz} />, path: `/cohorts/${data.cohortSlug}/availability` };
    }
    case 'GROUP_ASSIGNED': {
      const data = payload as NotificationPayloads['GROUP_ASSIGNED'];
      return {
        subject: groupAssignedSubject(data),
        preview: `${data.groupName}, ${data.memberCount} fellows.`,
        element: (frame) => <GroupAssignedEmail frame={frame} payload={p} timeZone={tz} />,
        meeting: data.firstMeeting ? { id: data.firstMeeting.id, data: data.firstMeeting, cancelled: false } : undefined,
        path: `/cohorts/${data.cohortSlug}`,
      };
    }
    case 'CERTIFICATE_ISSUED': {
      const data = payload as NotificationPayloads['CERTIFICATE_ISSUED'];
      return {
        subject: certificateIssuedSubject(data),
        preview: `${data.programme}, in the name ${data.holderName}.`,
        element: (frame) => <CertificateIssuedEmail frame={frame} payload={p} />,
        path: `/certificates/${data.certificateId}`,
      };
    }
    case 'GROUP_SWITCH': {
      const data = payload as NotificationPayloads['GROUP_SWITCH'];
      return {
        subject: groupSwitchSubject(data),
        preview: groupSwitchSubject(data),
        element: (frame) => <GroupSwitchEmail frame={frame} payload={p} timeZone={tz} />,
        meeting: data.meeting && data.event === 'approved' ? { id: data.meeting.id, data: data.meeting, cancelled: false } : undefined,
        path: `/cohorts/${data.cohortSlug}`,
      };
    }
  }
  throw new Error(`Unknown notification kind: ${String(kind)}`);
}

const REASONS: Record<NotificationKind, string> = {
  INVITATION: 'You get this email because an organiser invited this address.',
  WEEKLY_DIGEST: 'You get this digest as a fellow of this cohort.',
  MEETING_REMINDER: 'You get meeting reminders as a member of this group.',
  MEETING_CHANGE: 'You get meeting notices as a member of this group.',
  PREP_NOTE: 'You get prep notes as a facilitator of this group.',
  AT_RISK_ALERT: 'You get at-risk alerts as a facilitator of this group.',
  AT_RISK_NUDGE: 'Your cohort sends a note when someone falls behind.',
  ANNOUNCEMENT: 'You get announcements as a member of this cohort.',
  RUN_ALERT: 'You turned on alerts for your training runs.',
  APPLICATION_DECISION: 'You get this email because you applied with this address.',
  AVAILABILITY_REQUEST: 'You get this email because you were accepted into this cohort.',
  GROUP_ASSIGNED: 'You get this email as a member of this cohort.',
  GROUP_SWITCH: 'You get this email about a request to switch groups.',
  CERTIFICATE_ISSUED: 'You get this email because a certificate was issued to you.',
};

export async function renderNotificationEmail<K extends NotificationKind>(
  kind: K,
  payload: NotificationPayloads[K],
  recipient: Recipient,
  site: { siteUrl: string; unsubscribeUrl: string | null; messageId: string },
): Promise<RenderedEmail> {
  const cohortName = (payload as { cohortName?: string }).cohortName ?? null;
  const frameBase = { siteUrl: site.siteUrl, cohortName, reason: REASONS[kind], unsubscribeUrl: site.unsubscribeUrl };
  const composed = compose(kind, payload, recipient);
  const element = composed.element({ ...frameBase, preview: composed.preview });
  // One React render: the plain text is converted from the HTML (as render's plainText option does, without rendering twice).
  const html = await render(element);
  const text = toPlainText(html);
  const attachments = composed.meeting
    ? [{ filename: 'meeting.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: meetingInvite(composed.meeting, cohortName ?? 'Fellowship', site.siteUrl) }]
    : [];
  return { subject: composed.subject, html, text, attachments, url: `${site.siteUrl}${composed.path}` };
}
