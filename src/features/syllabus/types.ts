import type {
  CohortSyllabusPage,
  SyllabusPageCurriculum,
  SyllabusPageGoal,
  SyllabusPageItem,
  SyllabusPageSection,
  SyllabusPageWeek,
} from '@/server/services/curricula/syllabus-page';

export type { CohortSyllabusPage, SyllabusPageCurriculum, SyllabusPageGoal, SyllabusPageItem, SyllabusPageSection, SyllabusPageWeek };

/** Who is reading: admins also see where a stated total disagrees with the readings. */
/** What the reader may do: edit the curriculum (and so see its time-total warnings). */
export type SyllabusViewer = { mayEdit: boolean };

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** The anchor of a week on the syllabus page: /syllabus/<slug>#week-3. */
export function weekAnchor(week: { position: number }): string {
  return `week-${week.position}`;
}
