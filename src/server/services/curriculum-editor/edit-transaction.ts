// Every saved edit of a curriculum runs through `editCurriculum`: one transaction that first
// bumps the curriculum's version (which also locks its row, so two edits of one curriculum
// never interleave and positions stay dense), then makes the change; after the commit, the
// cached syllabus pages of the curriculum are expired and, for a cohort's copy, its groups'
// meetings follow the weeks (a week added, removed, moved or made longer).
import { Prisma } from '@/generated/prisma/client';
import { AppError } from '@/server/errors';
import { invalidateCurriculum } from '@/server/services/curricula/invalidate-curriculum';
import type { Db } from '@/server/services/context';
import { ensureCohortMeetings } from '@/server/services/meetings/ensure-group-meetings';

export type Tx = Prisma.TransactionClient;

export type EditContext = { tx: Tx; curriculumId: string; version: number };

export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

export function curriculumNotFound(slug: string): AppError {
  return new AppError('NOT_FOUND', `No curriculum has the slug "${slug}".`);
}

/** The message for a week, section, reading or goal that is not (or no longer) in the curriculum. */
export function targetNotFound(what: string): AppError {
  return new AppError('NOT_FOUND', `That ${what} is not in this curriculum any more. Reload the page to see the current version.`);
}

/** An archived cohort keeps the syllabus it ran with: its copy of the curriculum is read-only. */
async function assertNotArchivedCopy(tx: Tx, curriculumId: string): Promise<void> {
  const archived = await tx.cohort.findFirst({ where: { curriculumId, status: 'ARCHIVED' }, select: { name: true } });
  if (archived) {
    throw new AppError(
      'CONFLICT',
      `This is the syllabus of the archived cohort "${archived.name}", so it is read-only. Restore the cohort on its settings page to edit it.`,
    );
  }
}

/**
 * A cohort's copy of the syllabus sets its calendar: meetings are made for its weeks. After an
 * edit of the copy they are reconciled at once, not only when the attendance page next opens.
 * Cheap when nothing changed (a look at the plan, no transaction); templates have no cohort.
 */
async function followCohortCalendar(db: Db, curriculumId: string): Promise<void> {
  try {
    const cohort = await db.cohort.findFirst({ where: { curriculumId, status: { not: 'ARCHIVED' } }, select: { id: true } });
    if (cohort) await ensureCohortMeetings(db, cohort.id);
  } catch (error) {
    // The edit is saved; the meetings catch up when the attendance page next opens.
    console.error('Meetings could not follow the syllabus edit yet:', error);
  }
}

export async function editCurriculum<T>(
  db: Db,
  slug: string,
  change: (context: EditContext) => Promise<T>,
): Promise<T & { version: number }> {
  let curriculumId: string | null = null;
  try {
    const result = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; version: number }[]>`
        UPDATE "Curriculum" SET "version" = "version" + 1, "updatedAt" = now()
        WHERE "slug" = ${slug}
        RETURNING "id", "version"`;
      const row = rows[0];
      if (!row) throw curriculumNotFound(slug);
      await assertNotArchivedCopy(tx, row.id);
      curriculumId = row.id;
      const value = await change({ tx, curriculumId: row.id, version: row.version });
      return { ...value, version: row.version };
    }, TRANSACTION_OPTIONS);
    if (curriculumId) {
      await invalidateCurriculum(db, curriculumId);
      await followCohortCalendar(db, curriculumId);
    }
    return result;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      // A restore of something that is already back (an undo pressed twice).
      throw new AppError('CONFLICT', 'That is already in the curriculum: reload the page to see the current version.');
    }
    throw error;
  }
}
