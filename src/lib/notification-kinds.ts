// The kinds of email Fellowship sends besides the sign-in link, and the topics a person can
// turn off. Pure data, shared by the account page, the admin pages and the services.

export const NOTIFICATION_KINDS = [
  'INVITATION',
  'WEEKLY_DIGEST',
  'MEETING_REMINDER',
  'MEETING_CHANGE',
  'PREP_NOTE',
  'AT_RISK_ALERT',
  'AT_RISK_NUDGE',
  'ANNOUNCEMENT',
  'RUN_ALERT',
  'APPLICATION_DECISION',
  'AVAILABILITY_REQUEST',
  'GROUP_ASSIGNED',
  'GROUP_SWITCH',
  'CERTIFICATE_ISSUED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EMAIL_TOPICS = ['DIGEST', 'MEETINGS', 'PREP_NOTES', 'AT_RISK', 'ANNOUNCEMENTS', 'RUN_ALERTS'] as const;
export type EmailTopic = (typeof EMAIL_TOPICS)[number];

/** The topic each kind belongs to; null for transactional kinds nobody can turn off. */
export const KIND_TOPIC: Record<NotificationKind, EmailTopic | null> = {
  INVITATION: null,
  WEEKLY_DIGEST: 'DIGEST',
  MEETING_REMINDER: 'MEETINGS',
  MEETING_CHANGE: 'MEETINGS',
  PREP_NOTE: 'PREP_NOTES',
  AT_RISK_ALERT: 'AT_RISK',
  AT_RISK_NUDGE: 'AT_RISK',
  ANNOUNCEMENT: 'ANNOUNCEMENTS',
  RUN_ALERT: 'RUN_ALERTS',
  // About the person's own place in a cohort: nobody can turn these off.
  APPLICATION_DECISION: null,
  AVAILABILITY_REQUEST: null,
  GROUP_ASSIGNED: null,
  GROUP_SWITCH: null,
  CERTIFICATE_ISSUED: null,
};

/** Kinds that go to people who are not (or not yet) in the cohort: the rest stop when someone leaves. */
export const KINDS_FOR_NON_MEMBERS: readonly NotificationKind[] = ['INVITATION', 'APPLICATION_DECISION'];

/** Kinds that still go out once a cohort is archived: certificates are often issued after the close. */
export const KINDS_AFTER_ARCHIVE: readonly NotificationKind[] = ['CERTIFICATE_ISSUED'];

export const KIND_LABELS: Record<NotificationKind, string> = {
  INVITATION: 'Invitation',
  WEEKLY_DIGEST: 'Weekly digest',
  MEETING_REMINDER: 'Meeting reminder',
  MEETING_CHANGE: 'Meeting changed',
  PREP_NOTE: 'Facilitator prep note',
  AT_RISK_ALERT: 'At-risk alert (facilitator)',
  AT_RISK_NUDGE: 'At-risk nudge (fellow)',
  ANNOUNCEMENT: 'Announcement',
  RUN_ALERT: 'Run alert',
  APPLICATION_DECISION: 'Application decision',
  AVAILABILITY_REQUEST: 'Availability request',
  GROUP_ASSIGNED: 'Group assigned',
  GROUP_SWITCH: 'Group switch',
  CERTIFICATE_ISSUED: 'Certificate issued',
};

export const TOPICS: Record<EmailTopic, { label: string; description: string; defaultOn: boolean }> = {
  DIGEST: { label: 'Weekly digest', description: "The week's readings, what is still open and your next meeting, at the start of each week.", defaultOn: true },
  MEETINGS: { label: 'Meeting reminders and changes', description: 'A reminder before each meeting, and a notice when one is moved, cancelled or added.', defaultOn: true },
  PREP_NOTES: { label: 'Facilitator prep notes', description: 'The day before each meeting you lead: who has read what, who missed last time, who is at risk.', defaultOn: true },
  AT_RISK: { label: 'At-risk alerts', description: 'When a fellow in your group falls behind (facilitators), or a kind nudge when you do (if your cohort sends them).', defaultOn: true },
  ANNOUNCEMENTS: { label: 'Announcements', description: 'Messages from your cohort’s organisers and your facilitator.', defaultOn: true },
  RUN_ALERTS: { label: 'Training run alerts', description: 'When one of your training runs fails, produces NaN or goes quiet. Off unless you turn it on.', defaultOn: false },
};

export const NOTIFICATION_STATUS_LABELS = { QUEUED: 'Queued', SENT: 'Sent', FAILED: 'Failed', SKIPPED: 'Skipped' } as const;
