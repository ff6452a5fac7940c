// The curriculum templates (not cohorts' own copies): the admin's list of what each holds and
// which cohorts run it, and the choices a new cohort can start from (cohorts.templates).
import type { Prisma } from '@/generated/prisma/client';
import type { CohortStatus } from '@/generated/prisma/enums';
import type { ServiceContext } from '@/server/services/context';

export type CurriculumTemplateRow = {
  slug: string;
  title: string;
  description: string | null;
  version: number;
  updatedAt: Date;
  /** Calendar weeks: a unit that spans weeks 2 and 3 counts twice. */
  weekCount: number;
  /** Teaching weeks of a cohort on this template: as weekCount, but every unit counts at least once (as its calendar does). */
  teachingWeeks: number;
  readingCount: number;
  /** Cohorts running this template, directly or through their own copy of it. */
  cohorts: { slug: string; name: string; status: CohortStatus }[];
};

/** Templates only (a cohort's own copy is read through its cohort), by title. */
export const templatesInTitleOrder = {
  where: { sourceId: null },
  orderBy: [{ title: 'asc' }, { slug: 'asc' }],
} as const satisfies Pick<Prisma.CurriculumFindManyArgs, 'where' | 'orderBy'>;

export async function listCurriculumTemplates(ctx: ServiceContext): Promise<CurriculumTemplateRow[]> {
  const cohortSelect = { select: { slug: true, name: true, status: true }, orderBy: { startDate: 'desc' } } as const;
  const templates = await ctx.db.curriculum.findMany({
    ...templatesInTitleOrder,
    select: {
      slug: true,
      title: true,
      description: true,
      version: true,
      updatedAt: true,
      weeks: { select: { span: true, sections: { select: { _count: { select: { items: true } } } } } },
      cohorts: cohortSelect,
      copies: { select: { cohorts: cohortSelect } },
    },
  });
  return templates.map(({ weeks, cohorts, copies, ...template }) => ({
    ...template,
    weekCount: weeks.reduce((sum, week) => sum + week.span, 0),
    teachingWeeks: weeks.reduce((sum, week) => sum + Math.max(1, week.span), 0),
    readingCount: weeks.reduce((sum, week) => sum + week.sections.reduce((count, section) => count + section._count.items, 0), 0),
    cohorts: [...cohorts, ...copies.flatMap((copy) => copy.cohorts)],
  }));
}
