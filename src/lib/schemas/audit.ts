// Filters of the audit log: the admin page's form, its CSV download, tRPC and the CLI.
import { z } from 'zod';
import { AUDIT_ACTION_NAMES } from '@/lib/audit-actions';
import { isoDateSchema } from '@/lib/schemas/cohort';
import { slugSchema } from '@/lib/schemas/slug';

export const AUDIT_PAGE_SIZE = 200;
export const AUDIT_EXPORT_MAX = 20_000;

const blankAsUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const auditFilterInput = z.object({
  cohort: z.preprocess(blankAsUndefined, slugSchema.optional()),
  action: z.preprocess(blankAsUndefined, z.enum(AUDIT_ACTION_NAMES, { error: 'Choose one of the listed kinds of change.' }).optional()),
  /** From this day (UTC), inclusive. */
  since: z.preprocess(blankAsUndefined, isoDateSchema.optional()),
  /** Up to this day (UTC), inclusive. */
  until: z.preprocess(blankAsUndefined, isoDateSchema.optional()),
  limit: z.int().min(1).max(AUDIT_EXPORT_MAX).default(AUDIT_PAGE_SIZE),
});

export type AuditFilterInput = z.input<typeof auditFilterInput>;
export type AuditFilter = z.output<typeof auditFilterInput>;
