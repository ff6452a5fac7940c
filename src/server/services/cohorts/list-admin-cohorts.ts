// The admin's view of every cohort: status, dates, the syllabus it runs and how many people
// and groups it has; and the template curricula a new cohort can start from.
import { buildCohortCalendar } from '@/lib/cohort-calendar';
import type { ServiceContext } from '@/server/services/context';
import { cohortCurriculumSelect, cohortScheduleSelect } from './cohort-selects';

export async function listAdminCohorts(ctx: ServiceContext) {
  const { db } = ctx;
  const cohorts = await db.cohort.findMany({
    orderBy: [{ startDate: 'desc' }, { name: 'asc' }],
    select: {
      ...cohortScheduleSelect,
      curriculum: {
        select: {
          ...cohortCurriculumSelect,
          weeks: { select: { span: true }, orderBy: { position: 'asc' } },
        },
      },
      _count: { select: { groups: true } },
    },
  });
  // One grouped count for every cohort's fellows and facilitators, not a count per cohort.
  const roleCounts = await db.membership.groupBy({ by: ['cohortId', 'role'], _count: { _all: true } });
  const countsById = new Map<string, { fellows: number; facilitators: number }>();
  for (const row of roleCounts) {
    const counts = countsById.get(row.cohortId) ?? { fellows: 0, facilitators: 0 };
    if (row.role === 'FELLOW') counts.fellows = row._count._all;
    else counts.facilitators = row._count._all;
    countsById.set(row.cohortId, counts);
  }
  return cohorts.map(({ id, curriculum: { weeks, ...curriculum }, _count, skippedWeeks, ...cohort }) => {
    const calendar = buildCohortCalendar({ startDate: cohort.startDate, skippedWeeks }, weeks);
    return {
      ...cohort,
      skippedWeeks,
      curriculum,
      endDate: calendar.endDate,
      teachingWeeks: calendar.totalTeachingWeeks,
      counts: { groups: _count.groups, ...(countsById.get(id) ?? { fellows: 0, facilitators: 0 }) },
    };
  });
}

export type AdminCohortRow = Awaited<ReturnType<typeof listAdminCohorts>>[number];

/** Curricula a cohort can start from: templates, not cohorts' own copies. */
export async function listCurriculumTemplates(ctx: ServiceContext) {
  const { db } = ctx;
  const templates = await db.curriculum.findMany({
    where: { sourceId: null },
    orderBy: [{ title: 'asc' }, { slug: 'asc' }],
    select: { slug: true, title: true, version: true, weeks: { select: { span: true } } },
  });
  return templates.map(({ weeks, ...template }) => ({ ...template, teachingWeeks: weeks.reduce((sum, week) => sum + Math.max(1, week.span), 0) }));
}

export type CurriculumTemplate = Awaited<ReturnType<typeof listCurriculumTemplates>>[number];
