// A curriculum as markdown in the style of the syllabi it is imported from (the download).
import { db } from '@/server/db/client';
import { exportSyllabusMarkdown } from '@/server/services/syllabus/export-syllabus';
import { loadCurriculumForExport } from '@/server/services/syllabus/import-syllabus';

export async function exportCurriculumMarkdown(slug: string): Promise<string> {
  return exportSyllabusMarkdown(await loadCurriculumForExport(db, slug));
}
