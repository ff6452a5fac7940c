import { db } from '@/server/db/client';
import { AppError } from '@/server/errors';
import { sumReadingTime, sumSectionMinutes } from '@/lib/reading-time';

const itemSelect = {
  id: true,
  position: true,
  kind: true,
  title: true,
  url: true,
  minutes: true,
  optional: true,
  note: true,
} as const;

const curriculumSelect = {
  slug: true,
  title: true,
  description: true,
  weeks: {
    orderBy: { position: 'asc' },
    select: {
      id: true,
      position: true,
      number: true,
      span: true,
      title: true,
      notes: true,
      goals: { orderBy: { position: 'asc' }, select: { id: true, category: true, text: true } },
      sections: {
        orderBy: { position: 'asc' },
        select: {
          id: true,
          position: true,
          title: true,
          kind: true,
          statedMinutes: true,
          items: { orderBy: { position: 'asc' }, select: itemSelect },
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
export async function getCurriculumBySlug(slug: string) {
  const curriculum = await db.curriculum.findFirst({ where: { slug, sourceId: null }, select: curriculumSelect });
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

export type CurriculumDetail = Awaited<ReturnType<typeof getCurriculumBySlug>>;
