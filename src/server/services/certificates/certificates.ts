// Certificates at the end of a cohort: who qualifies (fellows who meet the completion rule;
// every facilitator who led a group), issuing them in bulk or by hand (each a PDF stored with
// what it says, and an email through the queue), revoking with a reason, and reading one back
// for its public verification page. Admins of the cohort issue and revoke (the procedures check
// 'certificates.manage'); a member reads their own.
import { randomBytes } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
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

/** The job that emails a batch of newly issued certificates to their holders. */
export const EMAIL_TASK = 'certificate-emails';

/** Certificates drawn and written per statement. */
const CHUNK = 100;

/** What a certificate id can look like: anything else is not looked up. */
const CERTIFICATE_ID = /^[A-Za-z0-9_-]{10,64}$/;

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
    // Counts, not each tick: 2,000 fellows' ticks are tens of thousands of rows.
    loadCohortProgress(db, cohortId, { now, detail: 'counts' }),
    db.cohort.findUniqueOrThrow({
      where: { id: cohortId },
      select: {
        name: true,
        startDate: true,
        timeZone: true,
        skippedWeeks: true,
        certificatesNeedSurvey: true,
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
  const coreItemIds = progress.units.flatMap((unit) => unit.items.filter((item) => item.core).map((item) => item.id));
  const [users, minutes, surveyed] = await Promise.all([
    db.user.findMany({
      where: { id: { in: [...progress.fellows.map((fellow) => fellow.userId), ...facilitators.map((facilitator) => facilitator.userId)] } },
      select: { id: true, name: true, email: true, certificateName: true },
    }),
    // Minutes of the core readings each fellow ticked, added up by PostgreSQL.
    db.$queryRaw<{ membershipId: string; minutes: number }[]>`
      SELECT rp."membershipId", COALESCE(SUM(ci.minutes), 0)::int AS minutes
      FROM "ReadingProgress" rp
      JOIN "Membership" m ON m.id = rp."membershipId"
      JOIN "CurriculumItem" ci ON ci.id = rp."itemId"
      WHERE m."cohortId" = ${cohortId} AND m.role = 'FELLOW' AND rp."itemId" = ANY(${coreItemIds}::text[])
      GROUP BY rp."membershipId"`,
    cohort.certificatesNeedSurvey ? db.surveyResponse.findMany({ where: { cohortId }, select: { membershipId: true } }) : Promise.resolve([]),
  ]);
  const filledSurvey = new Set(surveyed.map((row) => row.membershipId));
  const minutesOf = new Map(minutes.map((row) => [row.membershipId, row.minutes]));
  const userById = new Map(users.map((user) => [user.id, user]));
  const certificateOf = new Map(certificates.map((certificate) => [certificate.membershipId, certificate]));
  const calendar = buildCohortCalendar(cohort, cohort.curriculum.weeks);
  const holderName = (userId: string) => {
    const user = userById.get(userId)!;
    return user.certificateName?.trim() || displayName(user);
  };

  const candidates: Candidate[] = [
    ...progress.fellows.map((fellow): Candidate => {
      const { standing } = fellow;
      const needsSurvey = cohort.certificatesNeedSurvey && !filledSurvey.has(fellow.membershipId);
      const qualifies = standing.meetsCompletionRule && !needsSurvey;
      return {
        membershipId: fellow.membershipId,
        userId: fellow.userId,
        email: fellow.email,
        holderName: holderName(fellow.userId),
        role: 'FELLOW',
        qualifies,
        reason: !standing.meetsCompletionRule ? completionGap(standing, progress.cohort.rules) : needsSurvey ? 'Has not filled in the end-of-course survey' : null,
        readingMinutes: minutesOf.get(fellow.membershipId) ?? 0,
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

function contentFor(
  candidate: Candidate,
  cohort: { name: string; programme: string; startsOn: Date; endsOn: Date },
  now: Date,
  siteUrl: string,
): CertificateContent {
  const id = newCertificateId();
  return {
    id,
    kind: candidate.role === 'FACILITATOR' ? 'FACILITATION' : 'COMPLETION',
    holderName: candidate.holderName,
    programme: cohort.programme,
    cohortName: cohort.name,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    readingMinutes: candidate.readingMinutes,
    meetings: candidate.meetings,
    issuedAt: now,
    verifyUrl: `${siteUrl}/certificates/${id}`,
  };
}

/** One INSERT for a chunk of certificates: PDFs go to PostgreSQL as bytea parameters, not through Prisma's JSON. */
function insertCertificates(
  tx: Prisma.TransactionClient,
  chunk: { candidate: Candidate; content: CertificateContent; pdf: Uint8Array }[],
  fields: { cohortId: string; issuedAt: Date; issuedById: string | null },
) {
  const rows = chunk.map(
    ({ candidate, content, pdf }) =>
      Prisma.sql`(${content.id}, ${fields.cohortId}, ${candidate.membershipId}, ${content.kind}::"CertificateKind", ${content.holderName}, ${content.programme},
        ${content.cohortName}, ${content.startsOn}::date, ${content.endsOn}::date, ${content.readingMinutes}, ${content.meetings}, ${fields.issuedAt},
        ${fields.issuedById}, ${Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)})`,
  );
  return tx.$executeRaw`
    INSERT INTO "Certificate" (id, "cohortId", "membershipId", kind, "holderName", programme, "cohortName", "startsOn", "endsOn",
      "readingMinutes", meetings, "issuedAt", "issuedById", pdf)
    VALUES ${Prisma.join(rows)}`;
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

  const issued: { candidate: Candidate; content: CertificateContent }[] = [];

  const emailed = await db.$transaction(
    async (tx) => {
      // Someone else issued meanwhile: nobody gets two.
      const held = await tx.certificate.count({
        where: { cohortId: access.cohortId, revokedAt: null, membershipId: { in: toIssue.map((candidate) => candidate.membershipId) } },
      });
      if (held > 0) throw new AppError('CONFLICT', 'Certificates were issued for some of these people meanwhile. Reload the page and try again.');
      // A chunk at a time: PDFs are drawn, written and let go, so memory stays flat however many.
      // The next chunk is drawn while PostgreSQL writes the last one.
      const siteUrl = siteUrlOf();
      let writing: Promise<unknown> = Promise.resolve();
      for (let start = 0; start < toIssue.length; start += CHUNK) {
        const chunk: { candidate: Candidate; content: CertificateContent; pdf: Uint8Array }[] = [];
        for (const candidate of toIssue.slice(start, start + CHUNK)) {
          const content = contentFor(candidate, cohort, now, siteUrl);
          chunk.push({ candidate, content, pdf: await renderCertificatePdf(content) });
        }
        await writing;
        writing = insertCertificates(tx, chunk, { cohortId: access.cohortId, issuedAt: now, issuedById: ctx.user?.id ?? null });
        // Awaited before the next write (or below); until then a failure must not count as unhandled.
        writing.catch(() => {});
        issued.push(...chunk.map(({ candidate, content }) => ({ candidate, content })));
      }
      await writing;
      if (issued.length) {
        await recordAudit(tx, ctx, {
          action: 'certificates.issued',
          cohortId: access.cohortId,
          summary: `Issued ${issued.length} ${issued.length === 1 ? 'certificate' : 'certificates'}${byHand ? ' by hand' : ''}: ${issued
            .slice(0, 5)
            .map((row) => row.content.holderName)
            .join(', ')}${issued.length > 5 ? '…' : ''}`,
          subjectType: 'cohort',
          subjectId: access.cohortId,
          after: { issued: issued.length, byHand },
        });
      }
      if (!input.notify || !issued.length) return 0;
      // One job that queues the emails after this commits: the admin's click waits for the
      // certificates, not for 2,000 emails' ledger rows (the job writes them, all or none).
      await tx.$queryRaw`SELECT graphile_worker.add_job(${EMAIL_TASK}::text, json_build_object('cohortId', ${access.cohortId}::text, 'ids', ${issued.map((row) => row.content.id)}::text[]), max_attempts => 8)`;
      return issued.length;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  return {
    issued: issued.length,
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
  if (!CERTIFICATE_ID.test(id)) return null;
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
  if (!CERTIFICATE_ID.test(id)) return 'not-found';
  const row = await db.certificate.findUnique({ where: { id }, select: { pdf: true, holderName: true, revokedAt: true } });
  if (!row) return 'not-found';
  if (row.revokedAt) return 'revoked';
  return { pdf: row.pdf, holderName: row.holderName };
}


/**
 * The job behind a bulk issue's emails: one CERTIFICATE_ISSUED notification per certificate still
 * valid, through the ledger (so a retry adds none twice) and the one rule of who gets email.
 */
export async function queueCertificateEmails(ctx: ServiceContext, payload: { cohortId: string; ids: string[] }): Promise<number> {
  const { db } = ctx;
  const [cohort, certificates] = await Promise.all([
    db.cohort.findUnique({ where: { id: payload.cohortId }, select: { name: true, slug: true, timeZone: true } }),
    db.certificate.findMany({
      where: { id: { in: payload.ids }, cohortId: payload.cohortId, revokedAt: null },
      select: { id: true, kind: true, holderName: true, programme: true, membership: { select: { user: { select: { id: true, email: true } } } } },
    }),
  ]);
  if (!cohort) return 0;
  const drafts: NotificationDraft<'CERTIFICATE_ISSUED'>[] = certificates.flatMap((certificate) => {
    const user = certificate.membership?.user;
    if (!user) return [];
    return [
      {
        kind: 'CERTIFICATE_ISSUED' as const,
        dedupeKey: `certificate:${certificate.id}`,
        toEmail: user.email,
        userId: user.id,
        cohortId: payload.cohortId,
        subjectId: certificate.id,
        payload: {
          cohortName: cohort.name,
          cohortSlug: cohort.slug,
          cohortTimeZone: cohort.timeZone,
          certificateId: certificate.id,
          kind: certificate.kind,
          holderName: certificate.holderName,
          programme: certificate.programme,
        },
      },
    ];
  });
  return db.$transaction((tx) => queueDeliverable(tx, 'CERTIFICATE_ISSUED', payload.cohortId, drafts));
}
