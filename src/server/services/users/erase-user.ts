// Erasing a person (an admin's action, on request): what identifies them or what they wrote
// goes, what the cohorts count stays. The User row is kept, renamed "Erased person" with a
// placeholder address, so memberships, attendance, ticks, ratings and runs still add up to the
// same figures; everything else is deleted or blanked, table by table as ADR 0030 lists. One
// transaction: a person is erased entirely or not at all.
import type { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { ERASED_NAME, eraseUserInput, erasedEmailFor } from '@/lib/schemas/users';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import { nowOf, type Db, type UserContext } from '@/server/services/context';
import { redactAuditLog } from './redact-audit-log';

export type EraseUserInput = z.input<typeof eraseUserInput>;

/** How many rows of each kind the erasure removed or blanked (the audit entry keeps these numbers). */
export type ErasureCounts = Record<string, number>;

export type EraseUserResult = { id: string; name: string; email: string; alreadyErased: boolean; counts: ErasureCounts };

const ERASED_CERTIFICATE_REASON = 'The holder asked for their data to be erased.';

/**
 * Serializable, like the other admin changes to people (manage-users.ts): two admins erasing
 * or demoting the last two admins at once cannot both succeed. The erasure writes many tables,
 * so it gets a longer time limit than Prisma's 5 s default.
 */
async function inSerializableTransaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(work, { isolationLevel: Prisma.TransactionIsolationLevel.Serializable, timeout: 120_000, maxWait: 10_000 });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2034') {
      throw new AppError('CONFLICT', 'Someone changed this person at the same moment. Reload the page and try again.');
    }
    throw error;
  }
}

export async function eraseUser(ctx: UserContext, rawInput: EraseUserInput): Promise<EraseUserResult> {
  const input = eraseUserInput.parse(rawInput);
  if (input.userId === ctx.user.id) {
    throw new AppError('FORBIDDEN', 'You cannot erase yourself. Ask another admin to do it.');
  }
  const now = nowOf(ctx);
  return inSerializableTransaction(ctx.db, async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, email: true, name: true, certificateName: true, isAdmin: true, disabledAt: true, erasedAt: true },
    });
    if (!user) throw new AppError('NOT_FOUND', 'No such person. Reload the page to see the current list.');
    // Asked twice (a double click, a retry after a timeout): already done, nothing more to record.
    if (user.erasedAt) return { id: user.id, name: user.name ?? ERASED_NAME, email: user.email, alreadyErased: true, counts: {} };
    if (input.confirmEmail.toLowerCase() !== user.email.toLowerCase()) {
      throw new AppError('BAD_REQUEST', `That is not their email address. Type ${user.email} exactly to erase this person.`);
    }
    if (user.isAdmin && !user.disabledAt) {
      const otherAdmins = await tx.user.count({ where: { isAdmin: true, disabledAt: null, id: { not: user.id } } });
      if (otherAdmins === 0) {
        throw new AppError('CONFLICT', 'This is the last admin who can sign in. Make someone else an admin first, then try again.');
      }
    }

    const { counts, linkedIds, cohortIds } = await scrubPersonalData(tx, user, now);
    const placeholder = erasedEmailFor(user.id);
    await tx.user.update({
      where: { id: user.id },
      data: {
        name: ERASED_NAME,
        email: placeholder,
        emailVerified: null,
        image: null,
        certificateName: null,
        timeZone: null,
        isAdmin: false,
        disabledAt: user.disabledAt ?? now,
        erasedAt: now,
      },
    });
    counts.auditEntriesRedacted = await redactAuditLog(tx, {
      userId: user.id,
      email: user.email,
      names: [user.name, user.certificateName],
      placeholderEmail: placeholder,
      linkedIds,
      cohortIds,
    });
    // No name and no address here: the log cannot forget, so it never learns them.
    await recordAudit(tx, ctx, {
      action: 'user.erased',
      summary: `A person was erased (${ERASED_NAME}, id ${user.id}): their name, email and what they wrote are gone; the cohorts’ figures are kept`,
      subjectType: 'user',
      subjectId: user.id,
      after: counts,
    });
    return { id: user.id, name: ERASED_NAME, email: placeholder, alreadyErased: false, counts };
  });
}

type ErasedPerson = { id: string; email: string; name: string | null };

/**
 * Everything but the User row: deletes what only identifies or reaches the person, blanks the
 * free text they wrote (or that was written about them) where the row itself is counted.
 * Returns counts per kind, and the ids of the person's memberships, applications, certificates
 * and emails, whose audit entries may name them.
 */
async function scrubPersonalData(
  tx: Prisma.TransactionClient,
  user: ErasedPerson,
  now: Date,
): Promise<{ counts: ErasureCounts; linkedIds: string[]; cohortIds: string[] }> {
  const userId = user.id;
  const email = user.email.toLowerCase();
  const insensitive = (value: string) => ({ equals: value, mode: 'insensitive' as const });

  const memberships = await tx.membership.findMany({ where: { userId }, select: { id: true, cohortId: true } });
  const membershipIds = memberships.map((membership) => membership.id);
  const mine = { membershipId: { in: membershipIds } };
  const applications = await tx.application.findMany({ where: { OR: [{ userId }, { email: insensitive(email) }] }, select: { id: true, cohortId: true } });
  const applicationIds = applications.map((application) => application.id);
  // Ids whose audit entries may name the person (tokens and invitations are deleted below).
  const linked = await Promise.all([
    tx.certificate.findMany({ where: mine, select: { id: true } }),
    tx.apiToken.findMany({ where: { userId }, select: { id: true } }),
    tx.invitation.findMany({ where: { OR: [{ email: insensitive(email) }, { acceptedById: userId }] }, select: { id: true } }),
  ]);

  // Emails to the person, and the alerts about them sent to their facilitators (the alert names
  // them); their waiting jobs go with them (a running one finds no row and does nothing).
  const notifications = await tx.notification.findMany({
    where: {
      OR: [{ userId }, { toEmail: insensitive(email) }, { kind: { in: ['AT_RISK_ALERT', 'AT_RISK_NUDGE'] }, subjectId: { in: membershipIds } }],
    },
    select: { id: true },
  });
  const notificationIds = notifications.map((notification) => notification.id);
  if (notificationIds.length) {
    const keys = notificationIds.map((id) => `notify:${id}`);
    await tx.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = ANY(${keys}::text[]) AND locked_at IS NULL`;
  }

  const counts: ErasureCounts = {};
  const tally = async (kind: string, work: Promise<{ count: number }>) => {
    counts[kind] = (await work).count;
  };
  // What reaches or identifies the person: deleted.
  await tally('signInLinks', tx.account.deleteMany({ where: { userId } }));
  await tally('sessions', tx.session.deleteMany({ where: { userId } }));
  await tally('signInTokens', tx.verificationToken.deleteMany({ where: { identifier: insensitive(email) } }));
  await tally('apiTokens', tx.apiToken.deleteMany({ where: { userId } }));
  await tally('emailPreferences', tx.emailPreference.deleteMany({ where: { userId } }));
  await tally('notifications', tx.notification.deleteMany({ where: { id: { in: notificationIds } } }));
  await tally('invitations', tx.invitation.deleteMany({ where: { OR: [{ email: insensitive(email) }, { acceptedById: userId }] } }));
  await tally('reviewerRoles', tx.cohortReviewer.deleteMany({ where: { userId } }));
  await tally('availability', tx.availability.deleteMany({ where: { userId } }));
  await tally('weekNotes', tx.weekReflection.deleteMany({ where: mine }));
  await tally('bouncingAddresses', tx.bouncingAddress.deleteMany({ where: { email } }));
  await tally('rateLimitCounters', tx.rateLimitBucket.deleteMany({ where: { key: { in: [`signin-email:${email}`, `apply-email:${email}`] } } }));
  await tally('devMailboxMessages', tx.devMailboxMessage.deleteMany({ where: { to: insensitive(email) } }));

  // Rows the cohorts count (answered, rated, present, switched): kept, their words blanked.
  await tally('promptAnswers', tx.promptResponse.updateMany({ where: mine, data: { text: '' } }));
  await tally('checkInComments', tx.weekCheckIn.updateMany({ where: { ...mine, comment: { not: '' } }, data: { comment: '' } }));
  await tally('attendanceNotes', tx.attendance.updateMany({ where: { ...mine, note: { not: null } }, data: { note: null } }));
  await tally(
    'attendanceHistoryNotes',
    tx.attendanceChange.updateMany({ where: { ...mine, OR: [{ fromNote: { not: null } }, { toNote: { not: null } }] }, data: { fromNote: null, toNote: null } }),
  );
  await tally('switchReasons', tx.groupSwitchRequest.updateMany({ where: { ...mine, reason: { not: '' } }, data: { reason: '' } }));
  counts.surveyTextAnswers = await dropSurveyTextAnswers(tx, membershipIds);
  // Applications stay for the cohort's numbers (how many applied, were accepted); who and why goes.
  counts.applications = applicationIds.length
    ? await tx.$executeRaw`
        UPDATE "Application" SET "email" = 'erased-' || "id" || '@invalid', "name" = ${ERASED_NAME}, "answers" = '{}'::jsonb
        WHERE "id" = ANY(${applicationIds}::text[])`
    : 0;
  // Reviews keep their score (an application's mean); the comments were about them or by them.
  await tally(
    'reviewComments',
    tx.applicationReview.updateMany({ where: { OR: [{ applicationId: { in: applicationIds } }, { reviewerId: userId }], comment: { not: '' } }, data: { comment: '' } }),
  );
  // A certificate names its holder on a public page: revoked (the page then says so), and
  // its name and PDF gone; the row stays so the cohort's count of certificates is honest.
  await tally('certificates', tx.certificate.updateMany({ where: { ...mine, revokedAt: null }, data: { revokedAt: now, revokedReason: ERASED_CERTIFICATE_REASON } }));
  await tx.certificate.updateMany({ where: mine, data: { holderName: ERASED_NAME, pdf: new Uint8Array(0) } });
  // Runs stay on leaderboards under the new name; the machine's name often carries the owner's.
  await tally('runHosts', tx.run.updateMany({ where: { userId, host: { not: null } }, data: { host: null } }));
  await tally('announcementsSigned', tx.announcement.updateMany({ where: { authorId: userId }, data: { authorName: ERASED_NAME } }));

  return {
    counts,
    linkedIds: [...membershipIds, ...applicationIds, ...notificationIds, ...linked.flat().map((row) => row.id)],
    cohortIds: [...new Set([...memberships, ...applications].map((row) => row.cohortId))],
  };
}

/** Survey answers keep ratings and choices (the cohort's figures) and lose what was typed. */
async function dropSurveyTextAnswers(tx: Prisma.TransactionClient, membershipIds: string[]): Promise<number> {
  const responses = await tx.surveyResponse.findMany({ where: { membershipId: { in: membershipIds } }, select: { membershipId: true, cohortId: true, answers: true } });
  if (!responses.length) return 0;
  const questions = await tx.surveyQuestion.findMany({
    where: { cohortId: { in: responses.map((response) => response.cohortId) } },
    select: { id: true, kind: true },
  });
  const kindOf = new Map(questions.map((question) => [question.id, question.kind]));
  let dropped = 0;
  for (const response of responses) {
    const answers = (response.answers ?? {}) as Record<string, unknown>;
    const kept = Object.fromEntries(
      Object.entries(answers).filter(([questionId]) => {
        const kind = kindOf.get(questionId);
        return kind === 'RATING' || kind === 'CHOICE';
      }),
    );
    const removed = Object.keys(answers).length - Object.keys(kept).length;
    if (removed === 0) continue;
    dropped += removed;
    await tx.surveyResponse.update({ where: { membershipId: response.membershipId }, data: { answers: kept as Prisma.InputJsonObject } });
  }
  return dropped;
}
