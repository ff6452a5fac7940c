// The audit log's entries: when, who, where, what; before and after folded away under each.
import { EmptyState } from '@/components/ui/empty-state';
import { Table } from '@/components/ui/table';
import { formatMoment } from '@/lib/format-time';
import type { AuditEntry } from '@/server/services/audit/list-audit';

function Change({ before, after }: { before: unknown; after: unknown }) {
  const sides = ([['Before', before], ['After', after]] as const).filter(([, value]) => value !== null);
  if (sides.length === 0) return null;
  return (
    <details className="mt-1 text-[0.85rem]">
      <summary className="cursor-pointer text-muted">Before and after</summary>
      <dl className="mt-1 grid gap-1">
        {sides.map(([label, value]) => (
          <div key={label}>
            <dt className="font-semibold">{label}</dt>
            <dd>
              <code className="break-all whitespace-pre-wrap">{JSON.stringify(value)}</code>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) {
    return <EmptyState title="Nothing recorded for these filters">Changes appear here as admins and facilitators make them.</EmptyState>;
  }
  return (
    <Table caption="Changes, newest first" minWidth="48rem" columns={['When', 'Who', 'Cohort', 'What']}>
      {entries.map((entry) => (
        <tr key={entry.id} data-action={entry.action}>
          <td className="align-top whitespace-nowrap">{formatMoment(entry.at)}</td>
          <td className="max-w-[14rem] align-top break-words">{entry.actorName}</td>
          <td className="align-top">{entry.cohort ? entry.cohort.name : <span className="text-muted">Site</span>}</td>
          <th scope="row" className="text-left align-top font-normal">
            <span className="block text-[0.85rem] font-semibold text-muted">{entry.actionLabel}</span>
            {entry.summary}
            <Change before={entry.before} after={entry.after} />
          </th>
        </tr>
      ))}
    </Table>
  );
}
