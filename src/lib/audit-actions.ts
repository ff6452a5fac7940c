// The kinds of event the audit log records, with the words its page and CSV use. Pure: the
// admin page's filter and the server share it.

export const AUDIT_ACTIONS = {
  'cohort.created': 'Cohort created',
  'cohort.cloned': 'Cohort cloned',
  'cohort.settings_changed': 'Cohort settings changed',
  'cohort.archived': 'Cohort archived',
  'membership.role_changed': 'Role changed',
  'membership.groups_changed': 'Groups changed',
  'membership.removed': 'Member removed',
  'group.facilitators_changed': 'Group facilitators changed',
  'invitation.created': 'Invitations sent',
  'invitation.revoked': 'Invitation revoked',
  'roster.imported': 'Roster imported',
  'user.admin_granted': 'Made admin',
  'user.admin_removed': 'Admin removed',
  'user.disabled': 'Account disabled',
  'user.enabled': 'Account enabled',
  'user.erased': 'Person erased',
  'curriculum.imported': 'Curriculum imported',
  'curriculum.template_applied': 'Template changes applied',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
  'attendance.changed': 'Attendance changed',
  'announcement.sent': 'Announcement sent',
  'notification.retried': 'Email retried',
  'email.bounce_cleared': 'Bouncing address cleared',
  'applications.form_changed': 'Application form saved',
  'applications.decided': 'Applications decided',
  'applications.reviewer_added': 'Reviewer added',
  'applications.reviewer_removed': 'Reviewer removed',
  'groups.published': 'Groups published',
  'membership.left': 'Left the cohort',
  'membership.deferred': 'Deferred to a later cohort',
  'switch.decided': 'Group switch decided',
  'certificates.issued': 'Certificates issued',
  'certificate.revoked': 'Certificate revoked',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}
