// Shared by the syllabus importer and exporter tests: where the syllabi are, and the
// "zero dropped lines" check.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { findDroppedLines } from '@/server/services/syllabus/parse-syllabus';
import type { ParsedSyllabus } from '@/lib/syllabus/types';
import { hasSharedData, sharedPath } from '../support/shared-data';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The real syllabi: on dev machines and CI, not on users' machines. */
export const sharedSyllabiDir = sharedPath('syllabi');
export const hasSharedSyllabi = hasSharedData('syllabi', 'the tests on the real syllabi in ../shared/syllabi');
export const fixturesDir = path.join(projectRoot, 'tests/fixtures/syllabi');

export function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort();
}

export function readSyllabus(dir: string, name: string): string {
  return readFileSync(path.join(dir, name), 'utf8');
}

/**
 * Every non-blank line became structured data, was kept verbatim as notes (and the notes
 * really contain it), or was ignored on purpose with a reason.
 */
export function expectNothingDropped(text: string, parsed: ParsedSyllabus): void {
  expect(findDroppedLines(text, parsed.coverage)).toEqual([]);
  const notes = [
    parsed.curriculum.notes,
    parsed.curriculum.closing?.notes ?? null,
    ...parsed.curriculum.weeks.flatMap((week) => [week.notes, week.partNotes]),
  ].filter((value): value is string => value !== null);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const span of parsed.coverage.spans) {
    expect(span.reason).not.toBe('');
    if (span.as !== 'kept') continue;
    for (let line = span.from; line <= span.to; line++) {
      const content = lines[line - 1]!.trim();
      if (content === '') continue;
      expect(notes.some((note) => note.includes(content)), `line ${line} "${content}" is in the notes`).toBe(true);
    }
  }
  const counted = parsed.coverage.blankLines + parsed.coverage.structuredLines + parsed.coverage.keptLines + parsed.coverage.ignoredLines;
  expect(counted).toBe(lines.length);
}

/** Markdown links in item positions, counted with plain regexes, independently of the parser. */
export function countItemLinks(text: string): number {
  return text.split('\n').filter(
    (line) =>
      // A list item with an http(s) or mailto link anywhere in it.
      /^\s*(?:\d+[.)]|[-*+])\s+.*\]\((?:https?:|mailto:)/.test(line) ||
      // A link line outside a list ("[Title](https://…) (120 min)").
      /^\s*(?:\*\*[^*]*\*\*\s*)?\[[^\]]+\]\((?:https?:|mailto:)[^)]*\)/.test(line),
  ).length;
}

/** "## Week 3: …", "### Week 2 and 3 …": week headings, counted with a regex. */
export function countWeekHeadings(text: string): number {
  return text.split('\n').filter((line) => /^#{1,6}\s+Weeks?\s+\d+/i.test(line)).length;
}
