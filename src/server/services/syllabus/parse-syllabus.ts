// Markdown syllabus → structured curriculum, with every source line accounted for.
//
// Reads the family of syllabi in ../shared/syllabi and their natural variations through a
// markdown parser (remark: CommonMark + GFM + YAML front matter), then walks the top-level
// blocks in order:
//
//   front matter `title`      → the curriculum's description; other keys are ignored
//   the first `#` heading     → the curriculum's title
//   "Table of Contents" lists → not imported: checked against the weeks, with warnings
//   `## Part …` headings      → the `part` of the weeks under them
//   `Week N: Title` headings  → weeks ("Week 2 and 3" → one unit spanning two weeks), at any
//                                heading level; after the first week, an unknown heading at a
//                                week's level or above starts an unnumbered unit
//   "Core Readings: (70 mins)", "### Practical", … (paragraph lines or sub-headings)
//                             → sections; a section heading followed at once by another
//                                becomes a group ("Core Content: (125 min)") around them
//   numbered / bulleted lists, and link lines outside lists → items
//   "Learning Goals:" with optional "Theoretical" / "Practical" sub-groups → goals
//   "**Week 1:** Ch 1 (30 min), Ch 2" bold lines, and list items "Week 2: Title — …"
//                             → weeks too, with the readings they name (in text or linked)
//   "Discussion questions", "Before next meeting, answer these questions:", "### Why …?"
//                             → the week's prompts (questions; "reflection" ones are tasks)
//   "## Assignments" lists outside the weeks → exercises, in the week each names
//   "## Final Reflection" / "Wrap-up" / "Capstone" after the last week, without readings
//                             → the curriculum's closing section (its prompts and notes)
//   a "Notes" heading         → everything after it in the week is kept as notes
//   anything else (prose, images, HTML, tables, code, questions) → kept verbatim, in order,
//                                as notes of the week (or of the part, or of the curriculum)
//
// A page without any week heading is imported as one unnumbered unit whose notes are the
// whole page, with a warning. Nothing is ever dropped: `coverage` says, for every line, what
// it became; `findDroppedLines` checks that.
//
// The stages live in ./parse: input checks (input.ts), inline tokens (tokens.ts), the block
// walk (parser.ts) with its items (items.ts), line coverage (coverage.ts), and assembly of the
// result (assemble.ts). This file is the public entry.
import type { ParsedSyllabus } from '@/lib/syllabus/types';
import type { ParseSyllabusOptions } from './parse/assemble';
import { MARKDOWN_LIMITS } from '@/lib/markdown-limits';
import { AppError } from '@/server/errors';
import { checkText } from './parse/input';
import { SyllabusParser } from './parse/parser';

export type { ParseSyllabusOptions } from './parse/assemble';
export { findDroppedLines } from './parse/coverage';
export { SYLLABUS_MAX_BYTES, assertSyllabusSize, decodeSyllabusFile } from './parse/input';

/**
 * Parses a markdown syllabus. Throws AppError for input that is not a syllabus at all (too
 * large, binary, empty, HTML or JSON, no markdown structure); anything else parses, with
 * warnings for what needs a look.
 */
export function parseSyllabusMarkdown(text: string, options: ParseSyllabusOptions = {}): ParsedSyllabus {
  const source = checkText(text);
  const parsed = new SyllabusParser(source).parse(options);
  assertNotesWithinLimit(parsed);
  return parsed;
}

/** The introduction and part notes, like week notes (checked where they are joined), within a note's length. */
function assertNotesWithinLimit(parsed: ParsedSyllabus): void {
  const max = MARKDOWN_LIMITS.maxNoteChars;
  const tooLong = (what: string, length: number) =>
    new AppError(
      'BAD_REQUEST',
      `${what} is ${length.toLocaleString('en-US')} characters long; notes may be at most ${max.toLocaleString('en-US')}. Move the long text to a linked page.`,
      [{ path: 'markdown', message: `${what} is too long.` }],
    );
  const intro = parsed.curriculum.notes;
  if (intro && intro.length > max) throw tooLong('The introduction before the first week', intro.length);
  for (const week of parsed.curriculum.weeks) {
    if (week.partNotes && week.partNotes.length > max) throw tooLong(`The introduction of the part "${week.part ?? week.title}"`, week.partNotes.length);
  }
}
