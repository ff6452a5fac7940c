// An admin's changes to a cohort's settings, and archiving. An archived cohort is read-only:
// only its status may change (to restore it); its members still see it.
import { buildCohortCalendar, parseIsoDate } from '@/lib/cohort-calendar';
import { updateCohortInput, type UpdateCohortInput } from '@/lib/schemas/cohort';
import { invalidateCohortSyllabus } from '@/server/services/curricula/invalidate-curriculum';
import { ensureCohortMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { AppError, cohortNotFound } from '@/server/errors';
import { cohortCurriculumSelect, cohortSettingsSelect as settingsSelect } from './cohort-selects';
import type { CohortContext } from '@/server/services/context';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '@/server/services/audit/record-audit';

/** A cohort's settings, with what the settings form needs to preview its calendar. */
export async function getCohortSettings(ctx: CohortContext) {
  const { db } = ctx;
  const cohortId = ctx.access.cohortId;
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: {
      ...settingsSelect,
      curriculum: {
        select: {
          ...cohortCurriculumSelect,
          weeks: { orderBy: { position: 'asc' }, select: { number: true, span: true, label: true, title: true } },
        },
      },
      _count: { select: { groups: true } },
    },
  });
  if (!cohort) throw cohortNotFound();
  const [fellows, facilitators] = await Promise.all([
    db.membership.count({ where: { cohortId, role: 'FELLOW' } }),
    db.membership.count({ where: { cohortId, role: 'FACILITATOR' } }),
  ]);
  const calendar = buildCohortCalendar(cohort, cohort.curriculum.weeks);
  return { ...cohort, counts: { fellows, facilitators, groups: cohort._count.groups }, endDate: calendar.endDate };
}

export type CohortSettings = Awaited<ReturnType<typeof getCohortSettings>>;

export async function updateCohort(ctx: CohortContext, rawInput: UpdateCohortInput) {
  const { db } = ctx;
  const cohortId = ctx.access.cohortId;
  const input = updateCohortInput.parse(rawInput);
  const updated = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text AS status FROM "Cohort" WHERE "id" = ${cohortId} FOR UPDATE`;
    const current = rows[0]?.status;
    if (!current) throw cohortNotFound();
    const before = await tx.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: settingsSelect });
    const { status, ...fields } = input;
    const changesSettings = Object.values(fields).some((value) => value !== undefined);
    const staysArchived = current === 'ARCHIVED' && (status === undefined || status === 'ARCHIVED');
    if (changesSettings && staysArchived) {
      throw new AppError('CONFLICT', 'This cohort is archived, so it is read-only. Restore it (set its status to Draft or Running) to change its settings.');
    }
    const after = await tx.cohort.update({
      where: { id: cohortId },
      data: {
        name: fields.name,
        term: fields.term,
        startDate: fields.startDate ? parseIsoDate(fields.startDate)! : undefined,
        timeZone: fields.timeZone,
        meetingCadenceWeeks: fields.meetingCadenceWeeks,
        skippedWeeks: fields.skippedWeeks,
        syllabusVisibility: fields.syllabusVisibility,
        leaderboardHideNames: fields.leaderboardHideNames,
        atRiskMissedMeetings: fields.atRiskMissedMeetings,
        atRiskReadingPercent: fields.atRiskReadingPercent,
        completionMaxUnexcusedAbsences: fields.completionMaxUnexcusedAbsences,
        completionReadingPercent: fields.completionReadingPercent,
        digestHour: fields.digestHour,
        reminderHoursBefore: fields.reminderHoursBefore,
        atRiskNudges: fields.atRiskNudges,
        autoApproveSwitches: fields.autoApproveSwitches,
        promptsRequired: fields.promptsRequired,
        shareResponsesInGroup: fields.shareResponsesInGroup,
        certificatesNeedSurvey: fields.certificatesNeedSurvey,
        status,
      },
      select: settingsSelect,
    });
    const changed = changedFields(before, after);
    if (Object.keys(changed.before).length) {
      await recordAudit(tx, ctx, {
        action: 'cohort.settings_changed',
        cohortId,
        summary: `${after.name}: changed ${Object.keys(changed.before).join(', ')}`,
        subjectType: 'cohort',
        subjectId: cohortId,
        ...changed,
      });
    }
    return after;
  });
  // Dates, visibility and status show on the cached syllabus page.
  await invalidateCohortSyllabus(db, updated.slug);
  // New dates move the meetings that have not happened yet (moved-by-hand ones stay put).
  const movesCalendar = [input.startDate, input.timeZone, input.meetingCadenceWeeks, input.skippedWeeks].some((value) => value !== undefined);
  if (movesCalendar && updated.status !== 'ARCHIVED') await ensureCohortMeetings(db, cohortId);
  return updated;
}

/** Makes the cohort read-only; archiving an archived cohort changes nothing. */
export async function archiveCohort(ctx: CohortContext) {
  const { db } = ctx;
  const cohortId = ctx.access.cohortId;
  const archived = await db.$transaction(async (tx) => {
    // FOR UPDATE waits for writes that hold the row FOR SHARE (cohort-guard.ts) to finish.
    const rows = await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text AS status FROM "Cohort" WHERE "id" = ${cohortId} FOR UPDATE`;
    const cohort = await tx.cohort.update({ where: { id: cohortId }, data: { status: 'ARCHIVED' }, select: settingsSelect });
    if (rows[0]?.status !== 'ARCHIVED') {
      await recordAudit(tx, ctx, {
        action: 'cohort.archived',
        cohortId,
        summary: `${cohort.name} was archived`,
        subjectType: 'cohort',
        subjectId: cohortId,
        before: { status: rows[0]?.status ?? null },
        after: { status: 'ARCHIVED' },
      });
    }
    return cohort;
  });
  await invalidateCohortSyllabus(db, archived.slug);
  return archived;
}

/** The settings that differ, before and after, as plain JSON (dates as YYYY-MM-DD). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const plain = (value: unknown): Prisma.InputJsonValue | null =>
    value instanceof Date ? value.toISOString().slice(0, 10) : value === undefined ? null : (value as Prisma.InputJsonValue | null);
  const changed: { before: Record<string, Prisma.InputJsonValue | null>; after: Record<string, Prisma.InputJsonValue | null> } = { before: {}, after: {} };
  for (const key of Object.keys(after)) {
    const from = plain(before[key]);
    const to = plain(after[key]);
    if (typeof to === 'object' && to !== null && !Array.isArray(to)) continue; // nested selects (the curriculum) are not settings
    if (JSON.stringify(from) !== JSON.stringify(to)) {
      changed.before[key] = from;
      changed.after[key] = to;
    }
  }
  return changed;
}
