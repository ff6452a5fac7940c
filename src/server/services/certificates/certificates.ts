// Certificates at the end of a cohort: who qualifies (fellows who meet the completion rule;
// every facilitator who led a group), issuing them in bulk or by hand (each a PDF stored with
// what it says, and an email through the queue), revoking with a reason, and reading one back
// for its public verification page. Admins of the cohort issue and revoke (the procedures check
// 'certificates.manage'); a member reads their own.
import { randomBytes } from 'node:crypto';
import { displayName } from '@/lib/format';
import type { IssueCertificatesInput, RevokeCertificateInput } from '@/lib/schemas/certificates';
import { issueCertificatesInput } from '@/lib/schemas/certificates';
import { buildCohortCalendar } from '@/lib/cohort-calendar';
import { AppError, outOfReach } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';
import { nowOf, type CohortContext, type Db, type ServiceContext } from '@/server/services/context';
import { siteUrlOf } from '@/server/services/notifications/notification-settings';
import { queueDeliverable, type NotificationDraft } from '@/server/services/notifications/queue-notifications';
import { loadCohortProgress } from '@/server/services/standing/load-cohort-progress';
import { renderCertificatePdf, type CertificateContent } from './certificate-pdf';

/** 128 random bits, URL-safe: the certificate's public id. */
export function newCertificateId(): string {
  return randomBytes(16).toString('base64url');
}

type Candidate = {
  membershipId: string;
  userId: string;
  email: string;
  /** As it goes on the certificate: the person's chosen name, else their account's. */
  holderName: string;
  role: 'FELLOW' | 'FACILITATOR';
  qualifies: boolean;
  /** Why not, in words, for the admin. */
  reason: string | null;
  readingMinutes: number;
  meetings: number;
  certificate: { id: string; issuedAt: Date; revokedAt: Date | null } | null;
};

/** Everyone who could hold a certificate of the cohort, with whether they qualify and what theirs would say. */
async function loadCandidates(db: Db, cohortId: string, now: Date) {
  const [progress, cohort, facilitators, certificates] = await Promise.all([
    loadCohortProgress(db, cohortId, { now }),
    db.cohort.findUniqueOrThrow({
      where: { id: cohortId },
      select: {
        name: true,
        startDate: true,
        timeZone: true,
        skippedWeeks: true,
        curriculum: { select: { title: true, weeks: { select: { position: true, span: true }, orderBy: { position: 'asc' } } } },
      },
    }),
    db.membership.findMany({
      where: { cohortId, role: 'FACILITATOR', leftAt: null, leadsGroups: { some: {} } },
      select: { id: true, userId: true, leadsGroups: { select: { groupId: true } } },
    }),
    db.certificate.findMany({
      where: { cohortId, revokedAt: null },
      select: { id: true, membershipId: true, issuedAt: true, revokedAt: true },
    }),
  ]);
  const users = await db.user.findMany({
    where: { id: { in: [...progress.fellows.map((fellow) => fellow.userId), ...facilitators.map((facilitator) => facilitator.userId)] } },
    select: { id: true, name: true, email: true, certificateName: true },
  });
  const userById = new Map(users.map((user) => [user.id, user]));
  const certificateOf = new Map(certificates.map((certificate) => [certificate.membershipId, certificate]));
  const calendar = buildCohortCalendar(cohort, cohort.curriculum.weeks);
  const minutesOf = new Map(progress.units.flatMap((unit) => unit.items.filter((item) => item.core).map((item) => [item.id, item.minutes ?? 0] as const)));
  const holderName = (userId: string) => {
    const user = userById.get(userId)!;
    return user.certificateName?.trim() || displayName(user);
  };

  const candidates: Candidate[] = [
    ...progress.fellows.map((fellow): Candidate => {
      const { standing } = fellow;
      return {
        membershipId: fellow.membershipId,
        userId: fellow.userId,
        email: fellow.email,
        holderName: holderName(fellow.userId),
        role: 'FELLOW',
        qualifies: standing.meetsCompletionRule,
        reason: standing.meetsCompletionRule ? null : completionGap(standing, progress.cohort.rules),
        readingMinutes: [...fellow.done.keys()].reduce((sum, itemId) => sum + (minutesOf.get(itemId) ?? 0), 0),
        meetings: standing.attendance.present + standing.attendance.late,
        certificate: certificateOf.get(fellow.membershipId) ?? null,
      };
    }),
    ...facilitators.map((facilitator): Candidate => {
      const groups = new Set(facilitator.leadsGroups.map((lead) => lead.groupId));
      const user = userById.get(facilitator.userId)!;
      return {
        membershipId: facilitator.id,
        userId: facilitator.userId,
        email: user.email,
        holderName: holderName(facilitator.userId),
        role: 'FACILITATOR',
        qualifies: true,
        reason: null,
        readingMinutes: 0,
        meetings: progress.meetings.filter((meeting) => meeting.held && groups.has(meeting.groupId)).length,
        certificate: certificateOf.get(facilitator.id) ?? null,
      };
    }),
  ];
  return {
    cohort: {
      name: cohort.name,
      programme: cohort.curriculum.title,
      startsOn: cohort.startDate,
      endsOn: calendar.endDate ?? cohort.startDate,
      ended: progress.cohort.ended,
    },
    candidates: candidates.sort((a, b) => a.role.localeCompare(b.role) || a.holderName.localeCompare(b.holderName)),
  };
}

function completionGap(
  standing: { attendance: { absent: number } },
  rules: { completionMaxUnexcusedAbsences: number; completionReadingPercent: number; promptsRequired?: boolean },
): string {
  if (standing.attendance.absent > rules.completionMaxUnexcusedAbsences) {
    return `Missed ${standing.attendance.absent} meetings (at most ${rules.completionMaxUnexcusedAbsences})`;
  }
  return rules.promptsRequired
    ? `Below ${rules.completionReadingPercent}% of the core readings, or prompts unanswered`
    : `Below ${rules.completionReadingPercent}% of the core readings`;
}

export async function listCohortCertificates(ctx: CohortContext) {
  const { cohort, candidates } = await loadCandidates(ctx.db, ctx.access.cohortId, nowOf(ctx));
  const revoked = await ctx.db.certificate.findMany({
    where: { cohortId: ctx.access.cohortId, revokedAt: { not: null } },
    orderBy: { revokedAt: 'desc' },
    select: { id: true, holderName: true, kind: true, issuedAt: true, revokedAt: true, revokedReason: true },
  });
  return {
    cohort,
    people: candidates.map(({ userId: _userId, email: _email, ...candidate }) => candidate),
    revoked,
  };
}

export type IssueResult = { issued: number; emailed: number; alreadyHeld: number; notQualified: number };

/**
 * Issues certificates, all or nothing: in bulk (`membershipIds` null) to everyone who qualifies
 * and holds none yet; by hand (named people) to those named, qualified or not.
 */
export async function issueCertificates(ctx: CohortContext, rawInput: IssueCertificatesInput): Promise<IssueResult> {
  const input = issueCertificatesInput.parse(rawInput);
  const { db, access } = ctx;
  const now = nowOf(ctx);
  const { cohort, candidates } = await loadCandidates(db, access.cohortId, now);
  const byHand = input.membershipIds !== null;
  if (byHand) {
    const known = new Set(candidates.map((candidate) => candidate.membershipId));
    const unknown = input.membershipIds!.filter((id) => !known.has(id));
    if (unknown.length) throw outOfReach('Some of these people are not fellows or facilitators of this cohort. Reload the page.');
  }
  const named = byHand ? new Set(input.membershipIds) : null;
  const chosen = candidates.filter((candidate) => (named ? named.has(candidate.membershipId) : candidate.qualifies));
  const toIssue = chosen.filter((candidate) => candidate.certificate === null);

  // The PDFs first, outside the transaction: it then only writes rows.
  const rows: { candidate: Candidate; content: CertificateContent; pdf: Uint8Array }[] = [];
  for (const candidate of toIssue) {
    const content: CertificateContent = {
      id: newCertificateId(),
      kind: candidate.role === 'FACILITATOR' ? 'FACILITATION' : 'COMPLETION',
      holderName: candidate.holderName,
      programme: cohort.programme,
      cohortName: cohort.name,
      startsOn: cohort.startsOn,
      endsOn: cohort.endsOn,
      readingMinutes: candidate.readingMinutes,
      meetings: candidate.meetings,
      issuedAt: now,
      verifyUrl: '',
    };
    content.verifyUrl = `${siteUrlOf()}/certificates/${content.id}`;
    const pdf = await renderCertificatePdf(content);
    rows.push({ candidate, content, pdf });
  }

  const emailed = await db.$transaction(
    async (tx) => {
      // Someone else issued meanwhile: nobody gets two.
      const held = await tx.certificate.count({
        where: { cohortId: access.cohortId, revokedAt: null, membershipId: { in: rows.map((row) => row.candidate.membershipId) } },
      });
      if (held > 0) throw new AppError('CONFLICT', 'Certificates were issued for some of these people meanwhile. Reload the page and try again.');
      for (let start = 0; start < rows.length; start += 200) {
        await tx.certificate.createMany({
          data: rows.slice(start, start + 200).map(({ candidate, content, pdf }) => ({
            id: content.id,
            cohortId: access.cohortId,
            membershipId: candidate.membershipId,
            kind: content.kind,
            holderName: content.holderName,
            programme: content.programme,
            cohortName: content.cohortName,
            startsOn: content.startsOn,
            endsOn: content.endsOn,
            readingMinutes: content.readingMinutes,
            meetings: content.meetings,
            issuedAt: now,
            issuedById: ctx.user?.id ?? null,
            pdf: Buffer.from(pdf),
          })),
        });
      }
      if (rows.length) {
        await recordAudit(tx, ctx, {
          action: 'certificates.issued',
          cohortId: access.cohortId,
          summary: `Issued ${rows.length} ${rows.length === 1 ? 'certificate' : 'certificates'}${byHand ? ' by hand' : ''}: ${rows
            .slice(0, 5)
            .map((row) => row.content.holderName)
            .join(', ')}${rows.length > 5 ? '…' : ''}`,
          subjectType: 'cohort',
          subjectId: access.cohortId,
          after: { issued: rows.length, byHand },
        });
      }
      if (!input.notify || !rows.length) return 0;
      const slug = (await tx.cohort.findUniqueOrThrow({ where: { id: access.cohortId }, select: { slug: true, timeZone: true } }));
      const drafts: NotificationDraft<'CERTIFICATE_ISSUED'>[] = rows.map(({ candidate, content }) => ({
        kind: 'CERTIFICATE_ISSUED',
        dedupeKey: `certificate:${content.id}`,
        toEmail: candidate.email,
        userId: candidate.userId,
        cohortId: access.cohortId,
        subjectId: content.id,
        payload: {
          cohortName: cohort.name,
          cohortSlug: slug.slug,
          cohortTimeZone: slug.timeZone,
          certificateId: content.id,
          kind: content.kind,
          holderName: content.holderName,
          programme: content.programme,
        },
      }));
      return queueDeliverable(tx, 'CERTIFICATE_ISSUED', access.cohortId, drafts);
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  return {
    issued: rows.length,
    emailed,
    alreadyHeld: chosen.length - toIssue.length,
    notQualified: byHand ? chosen.filter((candidate) => !candidate.qualifies).length : candidates.filter((candidate) => !candidate.qualifies).length,
  };
}

export async function revokeCertificate(ctx: CohortContext, input: RevokeCertificateInput) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  return db.$transaction(async (tx) => {
    const certificate = await tx.certificate.findFirst({
      where: { id: input.certificateId, cohortId: access.cohortId },
      select: { id: true, holderName: true, revokedAt: true },
    });
    if (!certificate) throw outOfReach('No such certificate in this cohort.');
    if (certificate.revokedAt) throw new AppError('CONFLICT', 'This certificate is already revoked.');
    await tx.certificate.update({ where: { id: certificate.id }, data: { revokedAt: now, revokedReason: input.reason } });
    await recordAudit(tx, ctx, {
      action: 'certificate.revoked',
      cohortId: access.cohortId,
      summary: `Revoked the certificate of ${certificate.holderName}: ${input.reason}`,
      subjectType: 'certificate',
      subjectId: certificate.id,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString(), reason: input.reason },
    });
    return { id: certificate.id, revokedAt: now };
  });
}

/** The caller's own certificates in the cohort (valid ones), for their cohort home. */
export async function listMyCertificates(ctx: CohortContext) {
  if (!ctx.access.membershipId) return [];
  return ctx.db.certificate.findMany({
    where: { cohortId: ctx.access.cohortId, membershipId: ctx.access.membershipId, revokedAt: null },
    select: { id: true, kind: true, issuedAt: true },
  });
}

/** A certificate as its public page shows it; null when there is none with that id. */
export async function findPublicCertificate(ctx: ServiceContext, id: string) {
  const { db } = ctx;
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(id)) return null;
  return db.certificate.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      holderName: true,
      programme: true,
      cohortName: true,
      startsOn: true,
      endsOn: true,
      readingMinutes: true,
      meetings: true,
      issuedAt: true,
      revokedAt: true,
      revokedReason: true,
    },
  });
}

/** The stored PDF, or why there is none to give: unknown id, or revoked. */
export async function findCertificatePdf(ctx: ServiceContext, id: string): Promise<{ pdf: Uint8Array; holderName: string } | 'not-found' | 'revoked'> {
  const { db } = ctx;
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(id)) return 'not-found';
  const row = await db.certificate.findUnique({ where: { id }, select: { pdf: true, holderName: true, revokedAt: true } });
  if (!row) return 'not-found';
  if (row.revokedAt) return 'revoked';
  return { pdf: row.pdf, holderName: row.holderName };
}

