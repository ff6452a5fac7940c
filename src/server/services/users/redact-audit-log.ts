// The audit log keeps names and addresses as they were (actorName, summary, before, after), so
// an erased person would live on in it. Its trigger refuses every change except this one: in a
// transaction that sets fellowship.audit_redaction, an entry's words may be rewritten while
// who acted, when, what kind and about what stay as they were (migration data_lifecycle).
//
// The address is unique, so it is replaced wherever it appears. A name is not ("Sam" could be
// anyone), so it is replaced only in entries tied to the person: they acted, it is about them
// or one of their memberships, applications, certificates or emails, or it is an entry of a
// cohort they were in (bulk summaries such as "Issued 3 certificates: …" name people there).
import type { Prisma } from '@/generated/prisma/client';
import { ERASED_NAME } from '@/lib/schemas/users';

export type RedactionTarget = {
  userId: string;
  email: string;
  /** Their name and certificate name, as they were. */
  names: (string | null)[];
  placeholderEmail: string;
  /** Ids of the person's memberships, applications, certificates, tokens and emails. */
  linkedIds: string[];
  /** The cohorts they were in or applied to. */
  cohortIds: string[];
};

type Row = { id: string; actorId: string | null; actorName: string; summary: string; cohortId: string | null; subjectId: string | null; before: unknown; after: unknown };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Returns how many entries changed. Call inside the erasure's transaction. */
export async function redactAuditLog(tx: Prisma.TransactionClient, target: RedactionTarget): Promise<number> {
  const email = target.email.toLowerCase();
  const ids = [target.userId, ...target.linkedIds];
  const rows = await tx.$queryRaw<Row[]>`
    SELECT "id", "actorId", "actorName", "summary", "cohortId", "subjectId", "before", "after" FROM "AuditEvent"
    WHERE "actorId" = ${target.userId}
       OR "subjectId" = ANY(${ids}::text[])
       OR "cohortId" = ANY(${target.cohortIds}::text[])
       OR strpos(lower("actorName" || ' ' || "summary" || ' ' || coalesce("before"::text, '') || ' ' || coalesce("after"::text, '')), ${email}) > 0`;
  if (!rows.length) return 0;

  const emailPattern = new RegExp(escapeRegExp(email), 'gi');
  // Whole words only ("Ann" is not in "Announcement"); longer names first, so "Ada Lovelace"
  // goes before a certificate name "Ada" could split it.
  const names = [...new Set(target.names.map((name) => name?.trim()).filter((name): name is string => Boolean(name && name.length >= 2)))].sort((a, b) => b.length - a.length);
  const namePatterns = names.map((name) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu'));
  const linked = new Set(ids);
  const cohorts = new Set(target.cohortIds);

  await tx.$queryRaw`SELECT set_config('fellowship.audit_redaction', 'on', true)`;
  let changed = 0;
  for (const row of rows) {
    const tied = row.actorId === target.userId || (row.subjectId !== null && linked.has(row.subjectId)) || (row.cohortId !== null && cohorts.has(row.cohortId));
    const redact = (text: string) => {
      let out = text.replace(emailPattern, target.placeholderEmail);
      if (tied) for (const pattern of namePatterns) out = out.replace(pattern, ERASED_NAME);
      return out;
    };
    const actorName = row.actorId === target.userId ? ERASED_NAME : redact(row.actorName);
    const summary = redact(row.summary);
    const before = redactJson(row.before, redact);
    const after = redactJson(row.after, redact);
    if (actorName === row.actorName && summary === row.summary && JSON.stringify(before) === JSON.stringify(row.before) && JSON.stringify(after) === JSON.stringify(row.after)) continue;
    await tx.auditEvent.update({
      where: { id: row.id },
      data: {
        actorName,
        summary,
        ...(row.before === null ? {} : { before: before as Prisma.InputJsonValue }),
        ...(row.after === null ? {} : { after: after as Prisma.InputJsonValue }),
      },
    });
    changed += 1;
  }
  await tx.$queryRaw`SELECT set_config('fellowship.audit_redaction', 'off', true)`;
  return changed;
}

/** Every string in a JSON value (keys too: some entries key by email) passed through `redact`. */
function redactJson(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, redact));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactJson(item, redact)]));
  }
  return value;
}
