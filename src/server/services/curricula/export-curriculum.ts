// A curriculum as markdown in the style of the syllabi it is imported from (the download).
import type { CurriculumSlugInput } from '@/lib/schemas/curricula';
import type { ServiceContext } from '@/server/services/context';
import { exportSyllabusMarkdown } from '@/server/services/syllabus/export-syllabus';
import { loadCurriculumForExport } from '@/server/services/syllabus/import-syllabus';

export async function exportCurriculumMarkdown(ctx: ServiceContext, input: CurriculumSlugInput): Promise<string> {
  return exportSyllabusMarkdown(await loadCurriculumForExport(ctx, { slug: input.slug }));
}
