import type { CurriculumDetail } from '@/server/services/curricula/get-curriculum';

export type SyllabusWeek = CurriculumDetail['weeks'][number];
export type SyllabusSection = SyllabusWeek['sections'][number];
export type SyllabusReading = SyllabusSection['items'][number];
export type SyllabusGoal = SyllabusWeek['goals'][number];

/** The anchor of a week on the syllabus page: /syllabus/<slug>#week-3. */
export function weekAnchor(week: Pick<SyllabusWeek, 'position'>): string {
  return `week-${week.position}`;
}
