// The admin's view of every cohort: status, dates, the syllabus it runs and how many people
// and groups it has. (The templates a new cohort can start from: curricula/list-templates.ts.)
import { buildCohortCalendar } from '@/lib/cohort-calendar';
import type { ServiceContext } from '@/server/services/context';
import { byPosition } from '@/server/services/curricula/curriculum-tree-select';
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
          weeks: { ...byPosition, select: { span: true } },
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
