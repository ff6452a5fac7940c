import { sumReadingTime, type ReadingTime } from '@/lib/reading-time';
import type { ServiceContext } from '@/server/services/context';
import { templatesInTitleOrder } from './list-templates';

export type CurriculumSummary = {
  slug: string;
  title: string;
  description: string | null;
  /** Calendar weeks: a unit that spans weeks 2 and 3 counts twice. */
  weekCount: number;
} & ReadingTime;

/** The templates (cohorts' own copies are not listed: they are read through their cohort). */
export async function listCurricula(ctx: ServiceContext): Promise<CurriculumSummary[]> {
  const curricula = await ctx.db.curriculum.findMany({
    ...templatesInTitleOrder,
    select: {
      slug: true,
      title: true,
      description: true,
      weeks: {
        select: {
          span: true,
          sections: { select: { kind: true, items: { select: { minutes: true, optional: true } } } },
        },
      },
    },
  });

  return curricula.map(({ weeks, ...curriculum }) => ({
    ...curriculum,
    weekCount: weeks.reduce((sum, week) => sum + week.span, 0),
    ...sumReadingTime(weeks.flatMap((week) => week.sections)),
  }));
}
