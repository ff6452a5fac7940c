// Who must not get a notification, checked when it is queued (so counts are honest) and again
// when it is sent (people opt out, are disabled or leave in between): a disabled account, a
// topic turned off, someone no longer in the cohort, an archived cohort, a bouncing address.
import { KIND_TOPIC, KINDS_AFTER_ARCHIVE, KINDS_FOR_NON_MEMBERS, TOPICS, type NotificationKind } from '@/lib/notification-kinds';
import type { Db } from '@/server/services/context';

export type SkipReason = 'disabled' | 'opted-out' | 'not-in-cohort' | 'cohort-archived' | 'bouncing';

export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  disabled: 'The account is disabled.',
  'opted-out': 'They turned this kind of email off.',
  'not-in-cohort': 'They are no longer in the cohort.',
  'cohort-archived': 'The cohort is archived.',
  bouncing: 'The address bounces.',
};

export type Candidate = { userId: string | null; email: string };

/**
 * Each candidate's reason not to be sent this kind (absent: send). Four small queries for any
 * number of candidates.
 */
export async function findSkipReasons(
  db: Db,
  input: { kind: NotificationKind; cohortId: string | null; candidates: Candidate[] },
): Promise<Map<string, SkipReason>> {
  const { kind, cohortId, candidates } = input;
  const reasons = new Map<string, SkipReason>();
  if (!candidates.length) return reasons;
  const topic = KIND_TOPIC[kind];
  const userIds = [...new Set(candidates.flatMap((candidate) => (candidate.userId ? [candidate.userId] : [])))];
  const emails = [...new Set(candidates.map((candidate) => candidate.email.toLowerCase()))];

  const [cohort, users, preferences, memberships, bouncing] = await Promise.all([
    cohortId ? db.cohort.findUnique({ where: { id: cohortId }, select: { status: true } }) : null,
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, disabledAt: true } }) : [],
    topic && userIds.length ? db.emailPreference.findMany({ where: { userId: { in: userIds }, topic }, select: { userId: true, enabled: true } }) : [],
    // An invitation or an application's decision goes to people not (yet) in the cohort.
    cohortId && !KINDS_FOR_NON_MEMBERS.includes(kind) && userIds.length
      ? db.membership.findMany({ where: { cohortId, userId: { in: userIds }, leftAt: null }, select: { userId: true } })
      : [],
    db.bouncingAddress.findMany({ where: { email: { in: emails } }, select: { email: true } }),
  ]);
  const disabled = new Set(users.filter((user) => user.disabledAt).map((user) => user.id));
  const chosen = new Map(preferences.map((row) => [row.userId, row.enabled]));
  const members = new Set(memberships.map((membership) => membership.userId));
  const bouncingEmails = new Set(bouncing.map((row) => row.email));

  for (const candidate of candidates) {
    const reason = skipReasonOf({
      kind,
      inCohort: cohortId !== null,
      cohortArchived: cohort?.status === 'ARCHIVED',
      userId: candidate.userId,
      disabled: candidate.userId ? disabled.has(candidate.userId) : false,
      topicChoice: candidate.userId ? (chosen.get(candidate.userId) ?? null) : null,
      member: candidate.userId ? members.has(candidate.userId) : false,
      bouncing: bouncingEmails.has(candidate.email.toLowerCase()),
    });
    if (reason) reasons.set(candidateKey(candidate), reason);
  }
  return reasons;
}

export type RecipientFacts = {
  kind: NotificationKind;
  /** The notification belongs to a cohort (previews and the like do not). */
  inCohort: boolean;
  cohortArchived: boolean;
  userId: string | null;
  disabled: boolean;
  /** The person's choice for the kind's topic; null: none made (the topic's default). */
  topicChoice: boolean | null;
  /** In the cohort now. */
  member: boolean;
  bouncing: boolean;
};

/** The one rule of who gets what, for queueing (many at once) and sending (one, from one query). */
export function skipReasonOf(facts: RecipientFacts): SkipReason | null {
  const topic = KIND_TOPIC[facts.kind];
  if (facts.cohortArchived && !KINDS_AFTER_ARCHIVE.includes(facts.kind)) return 'cohort-archived';
  if (facts.userId && facts.disabled) return 'disabled';
  if (facts.userId && topic && !(facts.topicChoice ?? TOPICS[topic].defaultOn)) return 'opted-out';
  if (facts.inCohort && !KINDS_FOR_NON_MEMBERS.includes(facts.kind) && (!facts.userId || !facts.member)) return 'not-in-cohort';
  if (facts.bouncing) return 'bouncing';
  return null;
}

export function candidateKey(candidate: Candidate): string {
  return candidate.userId ?? `email:${candidate.email.toLowerCase()}`;
}

/** The candidates who may be sent this kind. */
export async function deliverableOnly<T extends Candidate>(db: Db, input: { kind: NotificationKind; cohortId: string | null; candidates: T[] }): Promise<T[]> {
  const reasons = await findSkipReasons(db, input);
  return input.candidates.filter((candidate) => !reasons.has(candidateKey(candidate)));
}
