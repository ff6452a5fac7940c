// What each kind of notification carries: written when it is queued (a snapshot of what the
// email says, so a retry sends the same words) and rendered when it is sent, in the
// recipient's time zone. Instants are ISO strings; links are paths on the site.

export type EmailMeeting = {
  startsAt: string;
  minutes: number;
  location: string | null;
  videoUrl: string | null;
  groupName: string;
  /** What the meeting discusses, e.g. "Week 3: Reward misspecification". */
  about: string | null;
};

export type EmailReading = { title: string; url: string | null; minutes: number | null; core: boolean; weekLabel?: string };

type CohortPart = { cohortName: string; cohortSlug: string; cohortTimeZone: string };

export type NotificationPayloads = {
  INVITATION: CohortPart & {
    role: 'FELLOW' | 'FACILITATOR';
    groupName: string | null;
    inviterName: string | null;
    /** Null for people a roster import added: they are members already, nothing expires. */
    expiresAt: string | null;
  };
  WEEKLY_DIGEST: CohortPart & {
    weekLabel: string;
    weekTitle: string;
    readings: EmailReading[];
    /** Core readings of earlier weeks the fellow has not ticked. */
    stillOpen: EmailReading[];
    nextMeeting: (EmailMeeting & { id: string }) | null;
    facilitatorNames: string[];
  };
  MEETING_REMINDER: CohortPart & { meeting: EmailMeeting & { id: string } };
  MEETING_CHANGE: CohortPart & {
    change: 'moved' | 'cancelled' | 'added' | 'restored';
    meeting: EmailMeeting & { id: string };
    /** The time before a move. */
    previousStartsAt: string | null;
  };
  PREP_NOTE: CohortPart & {
    meeting: EmailMeeting & { id: string };
    groupId: string;
    readings: { id: string; title: string }[];
    /** `notRead`: the titles of the week's core readings the fellow has not ticked. */
    fellows: { name: string; readingsDone: number; notRead?: string[]; missedLast: boolean; atRisk: boolean; reasons: string[] }[];
  };
  AT_RISK_ALERT: CohortPart & { fellowName: string; groupName: string | null; groupId: string | null; reasons: string[] };
  AT_RISK_NUDGE: CohortPart & { reasons: string[] };
  ANNOUNCEMENT: CohortPart & { announcementId: string; subject: string; body: string; authorName: string; groupName: string | null };
  RUN_ALERT: CohortPart & { runId: string; runName: string; exerciseTitle: string; problem: 'failed' | 'nan' | 'stale'; detail: string };
  /** The admin's decision on an application, in the cohort's words (its template, with {name} filled in). */
  /** A certificate of completion or facilitation is ready: its public page and PDF. */
  CERTIFICATE_ISSUED: CohortPart & { certificateId: string; kind: 'COMPLETION' | 'FACILITATION'; holderName: string; programme: string };
  APPLICATION_DECISION: CohortPart & { decision: 'ACCEPTED' | 'WAITLISTED' | 'REJECTED'; subject: string; body: string; role: 'FELLOW' | 'FACILITATOR' };
  /** Paint your availability (at acceptance), or a reminder the day before the deadline. */
  AVAILABILITY_REQUEST: CohortPart & { deadline: string | null; reminder: boolean };
  /** Groups were published: your group, its facilitators and first meeting. */
  GROUP_ASSIGNED: CohortPart & { role: 'FELLOW' | 'FACILITATOR'; groupName: string; facilitatorNames: string[]; memberCount: number; firstMeeting: (EmailMeeting & { id: string }) | null };
  /**
   * A switch of group: asked (to the receiving group's facilitators), approved or declined (to the fellow).
   */
  GROUP_SWITCH: CohortPart & {
    event: 'requested' | 'approved' | 'declined';
    fellowName: string;
    fromGroupName: string | null;
    toGroupName: string;
    scope: 'ONE_WEEK' | 'PERMANENT';
    meeting: (EmailMeeting & { id: string }) | null;
  };
};

export type PayloadOf<K extends keyof NotificationPayloads> = NotificationPayloads[K];
