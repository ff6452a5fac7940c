// Reading the audit log: its own events and the attendance changes (kept in AttendanceChange,
// where the attendance sheet reads them) as one list, newest first. Site admins read it all;
// in a cohort, admins read the cohort's and facilitators only their groups' attendance changes.
import { stringify } from 'csv-stringify/sync';
import { Prisma } from '@/generated/prisma/client';
import { auditActionLabel } from '@/lib/audit-actions';
import { parseIsoDate } from '@/lib/cohort-calendar';
import { reachOf } from '@/lib/permissions';
import { auditFilterInput, type AuditFilter, type AuditFilterInput } from '@/lib/schemas/audit';
import { cohortNotFound } from '@/server/errors';
import type { CohortContext, Db, ServiceContext } from '@/server/services/context';

export type AuditEntry = {
  id: string;
  at: Date;
  actorName: string;
  cohort: { slug: string; name: string } | null;
  action: string;
  actionLabel: string;
  summary: string;
  before: unknown;
  after: unknown;
};

/** Which rows a reader may see: all, one cohort's, or only the attendance changes of some groups. */
type Scope = { kind: 'all' } | { kind: 'cohort'; cohortId: string } | { kind: 'groups'; groupIds: string[] };

type Row = {
  id: string;
  at: Date;
  actorName: string;
  cohortSlug: string | null;
  cohortName: string | null;
  action: string;
  summary: string;
  before: unknown;
  after: unknown;
  fellowName: string | null;
  groupName: string | null;
  meetingAt: Date | null;
};

const STATUS_WORDS: Record<string, string> = { PRESENT: 'present', LATE: 'late', ABSENT: 'absent', EXCUSED: 'excused' };

function attendanceSummary(row: Row): string {
  const from = (row.before as { status: string | null } | null)?.status;
  const to = (row.after as { status: string | null } | null)?.status;
  const word = (status: string | null | undefined) => (status ? (STATUS_WORDS[status] ?? status.toLowerCase()) : 'not marked');
  const day = row.meetingAt ? row.meetingAt.toISOString().slice(0, 10) : 'a meeting';
  return `${row.fellowName ?? 'A former member'}: ${word(from)} → ${word(to)} at ${row.groupName ?? 'a group'}’s meeting of ${day}`;
}

async function queryAudit(db: Db, scope: Scope, filter: AuditFilter, cohortId: string | null): Promise<AuditEntry[]> {
  const eventsAllowed =
    scope.kind === 'all' ? Prisma.sql`TRUE` : scope.kind === 'cohort' ? Prisma.sql`e."cohortId" = ${scope.cohortId}` : Prisma.sql`FALSE`;
  const attendanceAllowed =
    scope.kind === 'all'
      ? Prisma.sql`TRUE`
      : scope.kind === 'cohort'
        ? Prisma.sql`g."cohortId" = ${scope.cohortId}`
        : Prisma.sql`g.id = ANY(${scope.groupIds}::text[])`;
  const since = filter.since ? parseIsoDate(filter.since) : null;
  const until = filter.until ? new Date(parseIsoDate(filter.until)!.getTime() + 24 * 60 * 60 * 1000) : null;
  const rows = await db.$queryRaw<Row[]>`
    SELECT x.id, x.at, x."actorName", c.slug AS "cohortSlug", c.name AS "cohortName", x.action, x.summary, x.before, x.after,
           x."fellowName", x."groupName", x."meetingAt"
    FROM (
      SELECT e.id, e.at, e."actorName", e."cohortId", e.action, e.summary, e.before, e.after,
             NULL::text AS "fellowName", NULL::text AS "groupName", NULL::timestamp(3) AS "meetingAt"
      FROM "AuditEvent" e
      WHERE ${eventsAllowed}
      UNION ALL
      SELECT a.id, a."changedAt", coalesce(cu.name || ' (' || cu.email || ')', cu.email, 'someone no longer here'), g."cohortId",
             'attendance.changed', '',
             jsonb_build_object('status', a."fromStatus"::text, 'note', a."fromNote"),
             jsonb_build_object('status', a."toStatus"::text, 'note', a."toNote"),
             coalesce(fu.name, fu.email), g.name, m."startsAt"
      FROM "AttendanceChange" a
      JOIN "Meeting" m ON m.id = a."meetingId"
      JOIN "DiscussionGroup" g ON g.id = m."groupId"
      LEFT JOIN "User" cu ON cu.id = a."changedById"
      LEFT JOIN "Membership" ms ON ms.id = a."membershipId"
      LEFT JOIN "User" fu ON fu.id = ms."userId"
      WHERE ${attendanceAllowed}
    ) x
    LEFT JOIN "Cohort" c ON c.id = x."cohortId"
    WHERE (${cohortId}::text IS NULL OR x."cohortId" = ${cohortId})
      AND (${filter.action ?? null}::text IS NULL OR x.action = ${filter.action ?? null})
      AND (${since}::timestamp IS NULL OR x.at >= ${since})
      AND (${until}::timestamp IS NULL OR x.at < ${until})
    ORDER BY x.at DESC, x.id DESC
    LIMIT ${filter.limit}`;
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorName: row.actorName,
    cohort: row.cohortSlug ? { slug: row.cohortSlug, name: row.cohortName! } : null,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    summary: row.action === 'attendance.changed' ? attendanceSummary(row) : row.summary,
    before: row.before,
    after: row.after,
  }));
}

async function cohortIdOf(db: Db, slug: string | undefined): Promise<string | null> {
  if (!slug) return null;
  const cohort = await db.cohort.findUnique({ where: { slug }, select: { id: true } });
  if (!cohort) throw cohortNotFound(slug);
  return cohort.id;
}

/** The whole log, for site admins (the page at /admin/audit, its CSV and the CLI). */
export async function listAuditLog(ctx: ServiceContext, rawInput: AuditFilterInput): Promise<AuditEntry[]> {
  const filter = auditFilterInput.parse(rawInput);
  return queryAudit(ctx.db, { kind: 'all' }, filter, await cohortIdOf(ctx.db, filter.cohort));
}

/** One cohort's log as its reader may see it: all of it (admins), or their groups' attendance changes (facilitators). */
export async function listCohortAuditLog(ctx: CohortContext, rawInput: Omit<AuditFilterInput, 'cohort'>): Promise<AuditEntry[]> {
  const filter = auditFilterInput.parse({ ...rawInput, cohort: undefined });
  const { access } = ctx;
  const reach = reachOf(access, 'audit.view');
  if (reach === null) return [];
  const scope: Scope = reach === 'cohort' ? { kind: 'cohort', cohortId: access.cohortId } : { kind: 'groups', groupIds: [...access.groupIds] };
  return queryAudit(ctx.db, scope, filter, access.cohortId);
}

/** The entries as CSV: one line each, before and after as JSON. */
export function auditCsv(entries: AuditEntry[]): string {
  return stringify(
    entries.map((entry) => [
      entry.at.toISOString(),
      entry.actorName,
      entry.cohort?.slug ?? '',
      entry.action,
      entry.summary,
      entry.before === null ? '' : JSON.stringify(entry.before),
      entry.after === null ? '' : JSON.stringify(entry.after),
    ]),
    { header: true, columns: ['at', 'who', 'cohort', 'action', 'what', 'before', 'after'] },
  );
}
