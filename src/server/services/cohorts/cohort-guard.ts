// Archived cohorts are read-only. Every write to a cohort's people, groups or roster checks
// here, inside its transaction: the row lock (FOR SHARE) makes an archive wait for writes in
// flight and a write that comes after the archive see it, so nothing slips in between.
import type { Prisma } from '@/generated/prisma/client';
import { AppError, cohortNotFound } from '@/server/errors';

export const ARCHIVED_MESSAGE =
  'This cohort is archived, so it is read-only. Restore it on its settings page before changing its people, groups or roster.';

export async function assertCohortWritable(tx: Prisma.TransactionClient, cohortId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text AS status FROM "Cohort" WHERE "id" = ${cohortId} FOR SHARE`;
  assertWritableStatus(rows[0]?.status);
}

/**
 * The same answer for a cohort's status read under its own lock (undefined: no such cohort), for
 * a write that reads the status together with what else it checks in one statement.
 */
export function assertWritableStatus(status: string | undefined): void {
  if (!status) throw cohortNotFound();
  if (status === 'ARCHIVED') throw new AppError('CONFLICT', ARCHIVED_MESSAGE);
}
