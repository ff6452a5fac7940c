import { AppError } from '@/server/errors';
import { sumReadingTime, sumSectionMinutes } from '@/lib/reading-time';
import type { CurriculumSlugInput } from '@/lib/schemas/curricula';
import type { ServiceContext } from '@/server/services/context';
import { byPosition, goalFields, itemFields, sectionFields, weekFields } from './curriculum-tree-select';

const curriculumSelect = {
  slug: true,
  title: true,
  description: true,
  weeks: {
    ...byPosition,
    select: {
      id: true,
      position: true,
      ...weekFields,
      notes: true,
      goals: { ...byPosition, select: { id: true, ...goalFields } },
      sections: {
        ...byPosition,
        select: {
          id: true,
          position: true,
          ...sectionFields,
          statedMinutes: true,
          items: { ...byPosition, select: { id: true, position: true, ...itemFields, note: true } },
        },
      },
    },
  },
} as const;

/**
 * A template's whole syllabus, in order, with the reading time of each section and week worked
 * out. Cohorts' copies are NOT_FOUND here: a members-only cohort's syllabus is read through the
 * cohort, which checks who may.
 */
export async function getCurriculumBySlug(ctx: ServiceContext, input: CurriculumSlugInput) {
  const { slug } = input;
  const curriculum = await ctx.db.curriculum.findFirst({ where: { slug, sourceId: null }, select: curriculumSelect });
  if (!curriculum) throw new AppError('NOT_FOUND', `No curriculum has the slug "${slug}".`);

  const weeks = curriculum.weeks.map((week) => ({
    ...week,
    sections: week.sections.map((section) => ({ ...section, computedMinutes: sumSectionMinutes(section) })),
    readingTime: sumReadingTime(week.sections),
  }));
  return {
    ...curriculum,
    weeks,
    weekCount: weeks.reduce((sum, week) => sum + week.span, 0),
    readingTime: sumReadingTime(weeks.flatMap((week) => week.sections)),
  };
}
