import { AUDIT_EXPORT_MAX } from '@/lib/schemas/audit';
import { listAuditLog, type AuditEntry } from '@/server/services/audit/list-audit';
import { defineCommand, withSystem } from '../command';

export const audit = defineCommand<AuditEntry[]>({
  name: 'audit',
  synopsis: ['audit [--cohort C] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--action A] [--limit N]'],
  summary: ['What admins and facilitators changed, newest first', '(--json for before and after as well)'],
  options: { cohort: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, action: { type: 'string' }, limit: { type: 'string' } },
  run: ({ values }) =>
    withSystem((ctx) =>
      listAuditLog(ctx, {
        cohort: values.cohort as string | undefined,
        since: values.since as string | undefined,
        until: values.until as string | undefined,
        action: values.action as never,
        limit: typeof values.limit === 'string' ? Number(values.limit) : AUDIT_EXPORT_MAX,
      }),
    ),
  print: (entries) =>
    entries.length === 0
      ? 'No changes recorded for these filters.'
      : entries
          .map((entry) => `${entry.at.toISOString().slice(0, 16).replace('T', ' ')}  ${entry.cohort?.slug ?? '-'}  ${entry.action}  ${entry.actorName}: ${entry.summary}`)
          .join('\n'),
});
