import { writeFile } from 'node:fs/promises';
import type { ParsedSyllabus, SyllabusWarning } from '@/lib/syllabus/types';
import { checkCurriculumLinks, type PlacedLinkCheck } from '@/server/services/curricula/check-links';
import { exportSyllabusMarkdown } from '@/server/services/syllabus/export-syllabus';
import { importSyllabus, loadCurriculumForExport, type ImportSyllabusResult } from '@/server/services/syllabus/import-syllabus';
import { assertSyllabusSize, decodeSyllabusFile, parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { defineCommand, withSystem } from '../command';
import { readBoundedFile } from '../read-bounded-file';

type SyllabusImportOutput =
  | ({ dryRun: true } & ParsedSyllabus)
  | { dryRun: false; imported: ImportSyllabusResult; warnings: SyllabusWarning[] };

export const syllabusImport = defineCommand<SyllabusImportOutput>({
  name: 'syllabus import',
  synopsis: ['syllabus import <file.md> [--dry-run] [--slug S] [--replace]'],
  summary: ['Import a markdown syllabus as a curriculum; --dry-run', 'prints what it read and writes nothing'],
  positionals: ['file.md'],
  options: { 'dry-run': { type: 'boolean' }, slug: { type: 'string' }, replace: { type: 'boolean' } },
  run: async ({ values, positionals }) => {
    const text = decodeSyllabusFile(await readBoundedFile(positionals[0]!, assertSyllabusSize));
    const slug = typeof values.slug === 'string' ? values.slug : undefined;
    const parsed = parseSyllabusMarkdown(text, { slug });
    // A dry run never opens the database: nothing can be written.
    if (values['dry-run'] === true) return { dryRun: true, ...parsed };
    const imported = await withSystem((ctx) => importSyllabus(ctx, { syllabus: parsed, replace: values.replace === true }));
    return { dryRun: false, imported, warnings: parsed.warnings };
  },
  print: (result) => {
    if (result.dryRun) {
      const counts = countItems(result);
      return [
        `Read "${result.curriculum.title}" (slug ${result.curriculum.slug}): ${counts.weeks} week(s), ${counts.sections} section(s), ${counts.items} item(s) (${counts.linked} linked), ${counts.goals} learning goal(s).`,
        `${result.coverage.keptLines} line(s) kept as notes, ${result.coverage.ignoredLines} ignored (front matter, table of contents).`,
        ...printWarnings(result.warnings),
        'Dry run: nothing was written.',
      ].join('\n');
    }
    const { imported } = result;
    return [
      `${imported.outcome === 'replaced' ? 'Replaced' : 'Imported'} "${imported.title}" as ${imported.slug}: ${imported.weeks} week(s), ${imported.sections} section(s), ${imported.items} item(s), ${imported.goals} learning goal(s).`,
      ...printWarnings(result.warnings),
    ].join('\n');
  },
});

export const syllabusExport = defineCommand<{ slug: string; out: string | null; markdown: string }>({
  name: 'syllabus export',
  synopsis: ['syllabus export <slug> [--out file.md]'],
  summary: ['Print a curriculum as markdown (or write it to a file)'],
  positionals: ['slug'],
  options: { out: { type: 'string' } },
  run: async ({ values, positionals }) => {
    const markdown = await withSystem(async (ctx) => exportSyllabusMarkdown(await loadCurriculumForExport(ctx, { slug: positionals[0]! })));
    const out = typeof values.out === 'string' ? values.out : null;
    if (out) await writeFile(out, markdown);
    return { slug: positionals[0]!, out, markdown };
  },
  print: ({ out, markdown }) => (out ? `Wrote ${out}.` : markdown.replace(/\n$/, '')),
});

export const syllabusCheckLinks = defineCommand<PlacedLinkCheck[]>({
  name: 'syllabus check-links',
  synopsis: ['syllabus check-links <slug>'],
  summary: ["Ask every reading's web link whether it still answers;", 'lists the broken, moved and silent ones'],
  positionals: ['slug'],
  run: ({ positionals }) => withSystem((ctx) => checkCurriculumLinks(ctx, { curriculum: positionals[0]! })),
  print: (results) => {
    const needLook = results.filter((result) => result.outcome !== 'ok');
    const lines = needLook.map(
      (result) => `${result.outcome.padEnd(11)} ${result.week} · ${result.section} · ${result.title}\n            ${result.url}\n            ${result.detail}`,
    );
    const broken = needLook.filter((result) => result.outcome !== 'moved').length;
    return [
      ...lines,
      needLook.length === 0
        ? `All ${results.length} link(s) answer.`
        : `${results.length} link(s) checked: ${broken} need fixing, ${needLook.length - broken} moved.`,
    ].join('\n');
  },
});

function countItems(parsed: ParsedSyllabus) {
  const sections = parsed.curriculum.weeks.flatMap((week) => week.sections);
  const items = sections.flatMap((section) => section.items);
  return {
    weeks: parsed.curriculum.weeks.length,
    sections: sections.length,
    items: items.length,
    linked: items.filter((item) => item.url !== null).length,
    goals: parsed.curriculum.weeks.reduce((sum, week) => sum + week.goals.length, 0),
  };
}

function printWarnings(warnings: SyllabusWarning[]): string[] {
  if (warnings.length === 0) return [];
  return [`Warnings (${warnings.length}):`, ...warnings.map((warning) => `  line ${warning.line}: ${warning.message}`)];
}
