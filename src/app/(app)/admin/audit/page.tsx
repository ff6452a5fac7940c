import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { AuditFilters } from '@/features/audit/audit-filters';
import { AuditTable } from '@/features/audit/audit-table';
import { canOnSite } from '@/lib/permissions';
import { auditFilterInput, AUDIT_PAGE_SIZE } from '@/lib/schemas/audit';
import { getRequestSession } from '@/server/auth/request-session';
import { api } from '@/trpc/server';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Who changed what, for admins: filters in the address (so a filtered view can be shared), newest first. */
export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await getRequestSession();
  if (!session || !canOnSite(session.user, 'audit.view')) notFound();
  const params = await searchParams;
  const asked = { cohort: first(params.cohort), action: first(params.action), since: first(params.since), until: first(params.until) };
  const parsed = auditFilterInput.safeParse(asked);
  const filter = parsed.success ? parsed.data : auditFilterInput.parse({});
  const [entries, cohorts] = await Promise.all([
    api.audit.list({ cohort: filter.cohort, action: filter.action, since: filter.since, until: filter.until }).catch(() => []),
    api.cohorts.list(),
  ]);
  const query = new URLSearchParams(Object.entries(asked).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();

  return (
    <Container className="py-10 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight">Audit log</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        What admins and facilitators changed: roles and groups, invitations and rosters, cohorts and curricula, accounts,
        API tokens and attendance. Nobody can edit or delete an entry.
      </p>
      <div className="mt-8">
        <AuditFilters
          cohorts={cohorts.map((cohort) => ({ slug: cohort.slug, name: cohort.name }))}
          value={asked}
          error={parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join(' ')}
          csvHref={`/admin/audit/export.csv${query ? `?${query}` : ''}`}
        />
      </div>
      <div className="mt-6">
        <AuditTable entries={entries} />
        {entries.length === AUDIT_PAGE_SIZE ? (
          <p className="mt-3 text-[0.9rem] text-muted">
            The newest {AUDIT_PAGE_SIZE} entries. Narrow the dates, or download the CSV for all of them.
          </p>
        ) : null}
      </div>
    </Container>
  );
}
