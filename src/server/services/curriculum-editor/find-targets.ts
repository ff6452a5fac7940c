// Lookups that name the curriculum: an id of another curriculum is NOT_FOUND, exactly like
// an id that does not exist.
import { targetNotFound, type Tx } from './edit-transaction';

export async function findWeek(tx: Tx, curriculumId: string, weekId: string) {
  const week = await tx.curriculumWeek.findFirst({ where: { id: weekId, curriculumId }, select: { id: true } });
  if (!week) throw targetNotFound('week');
  return week;
}

export async function findSectionId(tx: Tx, curriculumId: string, sectionId: string) {
  const section = await tx.curriculumSection.findFirst({
    where: { id: sectionId, week: { curriculumId } },
    select: { id: true },
  });
  if (!section) throw targetNotFound('section');
  return section;
}
