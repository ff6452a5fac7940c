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
//   a "Notes" heading         → everything after it in the week is kept as notes
//   anything else (prose, images, HTML, tables, code, questions) → kept verbatim, in order,
//                                as notes of the week (or of the part, or of the curriculum)
//
// A page without any week heading is imported as one unnumbered unit whose notes are the
// whole page, with a warning. Nothing is ever dropped: `coverage` says, for every line, what
// it became; `findDroppedLines` checks that.
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import type { GoalCategory, SectionKind } from '@/generated/prisma/enums';
import { sumSectionMinutes } from '@/lib/reading-time';
import { slugSchema } from '@/lib/schemas/slug';
import { AppError } from '@/server/errors';
import { agreesWithStated, parseDuration } from '@/lib/syllabus/durations';
import {
  classifyItem,
  classifySection,
  collapse,
  hasSectionWords,
  importableUrl,
  isGoalsTitle,
  isNotesHeading,
  isParagraphHeader,
  isPartHeading,
  isTocHeading,
  parseSectionHeading,
  parseWeekHeading,
  slugify,
  subgroupCategory,
  type SectionHeading,
} from '@/lib/syllabus/syllabus-text';
import type {
  CoverageSpan,
  ParsedSyllabus,
  SyllabusCoverage,
  SyllabusGoal,
  SyllabusItem,
  SyllabusWarning,
  SyllabusWeek,
} from '@/lib/syllabus/types';

/** The largest syllabus accepted: real ones are a few kilobytes. */
export const SYLLABUS_MAX_BYTES = 1024 * 1024;

export type ParseSyllabusOptions = { slug?: string };

// --- Input checks --------------------------------------------------------------------------

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function tooLarge(bytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is ${describeSize(bytes)}; a syllabus may be at most ${describeSize(SYLLABUS_MAX_BYTES)}.`,
  );
}

const NOT_TEXT = 'The file is not a text file (it looks binary): upload the syllabus as a markdown (.md) file.';

/** Refuses a file larger than a syllabus may be, before anyone reads it. */
export function assertSyllabusSize(bytes: number): void {
  if (bytes > SYLLABUS_MAX_BYTES) throw tooLarge(bytes);
}

/** Bytes of an uploaded or local file → its text, refusing large, binary and non-UTF-8 files. */
export function decodeSyllabusFile(bytes: Uint8Array): string {
  assertSyllabusSize(bytes.byteLength);
  if (bytes.includes(0)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', NOT_TEXT);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The file is not UTF-8 text: save the syllabus as UTF-8 markdown and try again.');
  }
}

function checkText(text: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > SYLLABUS_MAX_BYTES) throw tooLarge(bytes);
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (text.includes('\u0000') || controls > Math.max(2, text.length / 100)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', NOT_TEXT);
  }
  const normalized = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (normalized.trim() === '') throw new AppError('BAD_REQUEST', 'The file is empty.');
  const start = normalized.trimStart();
  if (/^<(?:!doctype\s+html|html)\b/i.test(start)) {
    throw new AppError('BAD_REQUEST', 'The file is an HTML page, not markdown: export the syllabus as markdown (.md).');
  }
  if (/^[[{]/.test(start)) {
    try {
      JSON.parse(normalized);
      throw new AppError('BAD_REQUEST', 'The file is JSON, not markdown: upload the syllabus as a markdown (.md) file.');
    } catch (error) {
      if (error instanceof AppError) throw error;
    }
  }
  return normalized;
}

// --- Inline tokens -------------------------------------------------------------------------

type Token =
  | { type: 'text'; text: string; line: number }
  | { type: 'newline'; line: number }
  | { type: 'link'; url: string; importable: string | null; text: string; raw: string; line: number };

type Line = { line: number; tokens: Token[] };

type SectionDraft = {
  heading: SectionHeading;
  title: string;
  kind: SectionKind;
  statedMinutes: number | null;
  statedText: string | null;
  group: string | null;
  items: SyllabusItem[];
  line: number;
  /** Heading depth, or null for a paragraph line. */
  depth: number | null;
  /** Whether it sits in a group (so it never becomes a wrapper itself). */
  inGroup: boolean;
};

type GroupDraft = { heading: SectionHeading; kind: SectionKind; depth: number | null; line: number };

type WeekDraft = {
  number: number | null;
  span: number;
  label: string | null;
  title: string;
  part: string | null;
  partNotes: string | null;
  notes: string[];
  sections: SectionDraft[];
  goals: SyllabusGoal[];
  groups: GroupDraft[];
  line: number;
  depth: number;
};

type PartDraft = { title: string; depth: number; line: number; notes: string[]; weeks: number };

type TocEntry = { line: number; text: string; number: number | null; title: string };

type Mode = 'none' | 'section' | 'goals' | 'prose' | 'notes';

class SyllabusParser {
  private readonly lines: string[];
  private readonly status: ({ as: CoverageSpan['as']; reason: string } | null)[];
  private readonly warnings: SyllabusWarning[] = [];
  private readonly definitions = new Map<string, string>();

  private title: string | null = null;
  private titleLine = 0;
  private description: string | null = null;
  private readonly preamble: string[] = [];
  private readonly toc: TocEntry[] = [];

  private readonly weeks: WeekDraft[] = [];
  private week: WeekDraft | null = null;
  private part: PartDraft | null = null;
  private mode: Mode = 'none';
  private section: SectionDraft | null = null;
  private group: GroupDraft | null = null;
  private goalCategory: GoalCategory = 'GENERAL';
  /** Depth of the learning-goals heading, 0 for a paragraph line. */
  private goalsDepth = 0;

  constructor(private readonly source: string) {
    this.lines = source.split('\n');
    this.status = new Array<null>(this.lines.length + 1).fill(null);
  }

  parse(options: ParseSyllabusOptions): ParsedSyllabus {
    const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).parse(this.source) as Root;
    if (!tree.children.some((node) => node.type !== 'yaml' && node.type !== 'html' && node.type !== 'paragraph') && !hasLink(tree)) {
      throw new AppError(
        'BAD_REQUEST',
        'This does not look like a markdown syllabus: it has no headings, lists or links. Weeks are headings such as "## Week 1: Title".',
      );
    }
    for (const node of tree.children) {
      if (node.type === 'definition') this.definitions.set(node.identifier.toLowerCase(), node.url);
    }

    tree.children.forEach((node, index) => {
      if (node.type === 'yaml' && index === 0) this.frontMatter(node.value, node);
      else this.block(node);
    });
    this.closeWeek();
    this.closePart();
    return this.finish(options);
  }

  // --- Blocks ------------------------------------------------------------------------------

  private block(node: RootContent): void {
    if (node.type === 'heading') this.heading(node);
    else if (node.type === 'paragraph') this.paragraph(node);
    else if (node.type === 'list') this.list(node);
    else this.keep(node);
  }

  private heading(node: Heading): void {
    const text = collapse(this.plain(node.children));
    const line = startLine(node);
    if (text === '') return this.keep(node);

    const week = parseWeekHeading(text);
    if (week) {
      this.startWeek({ number: week.number, span: week.span, label: week.label, title: week.title }, node.depth, line);
      if (week.title === '') this.warn(line, `${week.label} has no title.`);
      return this.mark(node, 'structured', 'week heading');
    }
    if (isPartHeading(text)) {
      this.startPart(text, node.depth, line);
      return this.mark(node, 'structured', 'part heading');
    }

    const heading = parseSectionHeading(text);
    const known =
      isGoalsTitle(heading.title) || isNotesHeading(text) || subgroupCategory(heading.title) !== null || hasSectionWords(heading.title);

    if (!this.week) {
      if (!this.part && node.depth === 1 && this.title === null && !isTocHeading(text)) {
        this.title = text;
        this.titleLine = line;
        return this.mark(node, 'structured', 'title');
      }
      if (isTocHeading(text)) {
        return this.mark(node, 'ignored', 'table of contents heading');
      }
      return this.keep(node);
    }

    if (this.part && node.depth <= this.part.depth && !known) {
      this.closeWeek();
      this.closePart();
    }
    if (!known && (!this.week || node.depth <= this.week.depth)) {
      // An unknown heading at a week's level: an unnumbered unit ("## Final Project").
      this.startWeek({ number: null, span: 1, label: null, title: text }, node.depth, line);
      return this.mark(node, 'structured', 'unit heading');
    }
    // After a "Notes" heading everything is notes, headings included, up to the next week,
    // part or unit.
    if (this.mode === 'notes') return this.keep(node);
    if (isNotesHeading(text)) {
      this.closeSection();
      this.mode = 'notes';
      return this.mark(node, 'structured', 'notes heading');
    }
    if (isGoalsTitle(heading.title)) {
      this.enterGoals(node.depth);
      return this.mark(node, 'structured', 'learning goals heading');
    }
    const category = subgroupCategory(heading.title);
    if (this.mode === 'goals' && category && node.depth > this.goalsDepth) {
      this.goalCategory = category;
      return this.mark(node, 'structured', 'learning goals sub-group');
    }
    this.openSection(heading, node.depth, line);
    this.mark(node, 'structured', 'section heading');
  }

  private paragraph(node: Paragraph): void {
    if (!this.week || this.mode === 'notes') return this.keep(node);
    this.warnBrokenLinks(node);

    const lines = this.splitLines(node.children);
    let prose: Line[] = [];
    let introducesList = false;
    const flush = () => {
      if (prose.length === 0) return;
      this.keepLines(prose[0]!.line, prose.at(-1)!.line);
      prose = [];
    };

    for (const line of lines) {
      const links = line.tokens.filter((token) => token.type === 'link' && token.importable);
      if (links.length === 0) {
        const plain = collapse(this.textOf(line.tokens));
        const heading = parseSectionHeading(plain);
        if (plain !== '' && isParagraphHeader(heading)) {
          flush();
          introducesList = false;
          this.paragraphHeader(heading, line.line);
          continue;
        }
        introducesList = /[:：]$/.test(plain);
        prose.push(line);
        continue;
      }
      if ((this.mode === 'section' || this.mode === 'none') && isStandaloneItem(line.tokens)) {
        flush();
        introducesList = false;
        this.addItem(line.tokens, line.line);
        this.markRange(line.line, line.line, 'structured', 'item (link line)');
        continue;
      }
      introducesList = false;
      prose.push(line);
    }
    flush();

    // "Before the meeting, answer these questions:" after goals or readings: the list that
    // follows belongs to that prose, not to the readings.
    const section = this.section;
    const afterGoals = this.mode === 'goals' && this.week.goals.length > 0;
    if (introducesList && (afterGoals || (this.mode === 'section' && section && section.items.length > 0))) {
      this.closeSection();
      this.mode = 'prose';
    }
  }

  private paragraphHeader(heading: SectionHeading, line: number): void {
    if (isGoalsTitle(heading.title)) {
      this.enterGoals(0);
      return this.markRange(line, line, 'structured', 'learning goals heading');
    }
    const category = subgroupCategory(heading.title);
    if (this.mode === 'goals' && category) {
      this.goalCategory = category;
      return this.markRange(line, line, 'structured', 'learning goals sub-group');
    }
    this.openSection(heading, null, line);
    this.markRange(line, line, 'structured', 'section heading');
  }

  private list(node: List): void {
    if (!this.week) {
      // A list of links to the page's own headings ("#week-1-…"), under a "Table of Contents"
      // heading or not.
      if (isTocList(node) && this.tocEntries(node)) return this.mark(node, 'ignored', 'table of contents (checked against the weeks)');
      return this.keep(node);
    }
    if (this.mode === 'notes' || this.mode === 'prose') return this.keep(node);
    if (this.mode === 'goals') return this.goalList(node);
    if (this.mode === 'none') {
      if (!listHasLink(node, this)) return this.keep(node);
      this.openSection({ raw: 'Readings', title: 'Readings', statedMinutes: null, statedText: null }, null, startLine(node));
      this.warn(startLine(node), 'Readings before any section heading were put in a section named "Readings".');
    }
    this.itemList(node);
  }

  private itemList(node: List): void {
    for (const item of node.children) this.listItem(item);
  }

  private listItem(item: ListItem): void {
    const [first, ...rest] = item.children;
    if (first?.type === 'paragraph') {
      this.warnBrokenLinks(first);
      const tokens = this.tokens(first.children);
      const extra: string[] = [];
      for (const child of rest) {
        if (child.type === 'paragraph') extra.push(collapse(this.textOf(this.tokens(child.children))));
      }
      this.addItem(tokens, startLine(item), extra);
      this.markRange(startLine(item), endLine(first), 'structured', 'item');
    } else if (first) {
      this.keep(first);
    } else {
      this.markRange(startLine(item), endLine(item), 'ignored', 'empty list item');
    }
    for (const child of rest) {
      if (child.type === 'paragraph') this.mark(child, 'structured', 'item (note)');
      else if (child.type === 'list') {
        this.warn(startLine(child), 'A nested list was flattened: its entries became items of the same section.');
        this.itemList(child);
      } else this.keep(child);
    }
  }

  private goalList(node: List): void {
    for (const item of node.children) {
      const [first, ...rest] = item.children;
      if (first?.type === 'paragraph') {
        const text = collapse(this.textOf(this.tokens(first.children)));
        if (text !== '') this.week!.goals.push({ category: this.goalCategory, text });
        this.markRange(startLine(item), endLine(first), text === '' ? 'ignored' : 'structured', text === '' ? 'empty list item' : 'learning goal');
      } else if (first) {
        this.keep(first);
      } else {
        this.markRange(startLine(item), endLine(item), 'ignored', 'empty list item');
      }
      for (const child of rest) {
        if (child.type === 'list') this.goalList(child);
        else this.keep(child);
      }
    }
  }

  // --- Items -------------------------------------------------------------------------------

  private addItem(tokens: Token[], line: number, extraNotes: string[] = []): void {
    if (!this.section) {
      this.openSection({ raw: 'Readings', title: 'Readings', statedMinutes: null, statedText: null }, null, line);
      this.warn(line, 'Readings before any section heading were put in a section named "Readings".');
    }
    const section = this.section!;
    for (const token of tokens) {
      if (token.type === 'link' && !token.importable) {
        this.warn(
          token.line,
          `The link "${truncate(token.url)}" is not an http(s) or mailto URL, so it was kept as text, not as a link.`,
        );
      }
    }
    const item = parseItem(tokens, (list) => this.textOf(list));
    if (item.title === '') {
      this.warn(line, 'An item has no title; its text was kept as its note.');
    }
    const extra = extraNotes.filter((note) => note !== '');
    if (extra.length > 0) item.note = [item.note, ...extra].filter(Boolean).join(' ');
    item.kind = classifyItem(item, section.title);
    section.items.push(item);
  }

  // --- Sections, groups and goals ----------------------------------------------------------

  private openSection(heading: SectionHeading, depth: number | null, line: number): void {
    const week = this.week!;
    const previous = this.section;
    const kind = classifySection(heading.title);

    // A group closes at the learning goals (handled by the callers), at a heading at or above
    // its own level, and at an optional section after non-optional ones.
    if (this.group) {
      const closedByDepth = depth !== null && this.group.depth !== null && depth <= this.group.depth;
      const closedByKind = kind === 'OPTIONAL' && this.group.kind !== 'OPTIONAL';
      if (closedByDepth || closedByKind) this.group = null;
    }

    // An empty section followed at once by another section heading wraps the ones that follow
    // ("Core Content: (125 min)" then "Theoretical Readings (75 min):").
    if (
      this.mode === 'section' &&
      previous &&
      previous.items.length === 0 &&
      !previous.inGroup &&
      !(depth !== null && previous.depth !== null && depth <= previous.depth) &&
      !(kind === 'OPTIONAL' && previous.kind !== 'OPTIONAL') &&
      week.sections.at(-1) === previous
    ) {
      week.sections.pop();
      this.group = {
        heading: previous.heading,
        kind: previous.kind,
        depth: previous.depth,
        line: previous.line,
      };
      week.groups.push(this.group);
      this.setReason(previous.line, 'section group heading');
    }

    const section: SectionDraft = {
      heading,
      title: heading.title,
      kind: classifySection(heading.title, this.group?.kind ?? null),
      statedMinutes: heading.statedMinutes,
      statedText: heading.statedText,
      group: this.group?.heading.raw ?? null,
      items: [],
      line,
      depth,
      inGroup: this.group !== null,
    };
    week.sections.push(section);
    this.section = section;
    this.mode = 'section';
  }

  private closeSection(): void {
    this.section = null;
    this.group = null;
  }

  private enterGoals(depth: number): void {
    this.closeSection();
    this.mode = 'goals';
    this.goalsDepth = depth;
    this.goalCategory = 'GENERAL';
  }

  // --- Weeks and parts ---------------------------------------------------------------------

  private startWeek(
    heading: { number: number | null; span: number; label: string | null; title: string },
    depth: number,
    line: number,
  ): void {
    this.closeWeek();
    if (this.part && depth <= this.part.depth) this.closePart();
    const part = this.part;
    this.week = {
      ...heading,
      part: part?.title ?? null,
      partNotes: part && part.weeks === 0 && part.notes.length > 0 ? part.notes.join('\n\n') : null,
      notes: [],
      sections: [],
      goals: [],
      groups: [],
      line,
      depth,
    };
    if (part) part.weeks += 1;
    this.mode = 'none';
    this.section = null;
    this.group = null;
    this.goalCategory = 'GENERAL';
  }

  private closeWeek(): void {
    const week = this.week;
    if (!week) return;
    this.checkTotals(week);
    this.weeks.push(week);
    this.week = null;
    this.section = null;
    this.group = null;
    this.mode = 'none';
  }

  private startPart(title: string, depth: number, line: number): void {
    this.closeWeek();
    this.closePart();
    this.part = { title, depth, line, notes: [], weeks: 0 };
  }

  private closePart(): void {
    const part = this.part;
    if (!part) return;
    this.part = null;
    if (part.weeks > 0) return;
    // A part without weeks: its heading cannot be stored, its prose can.
    this.warn(part.line, `"${truncate(part.title)}" has no weeks under it, so it was not imported as a part.`);
    this.setReason(part.line, 'part heading without weeks (see warnings)', 'ignored');
    const target = this.weeks.at(-1)?.notes ?? this.preamble;
    target.push(...part.notes);
  }

  // --- Totals and the table of contents ----------------------------------------------------

  private checkTotals(week: WeekDraft): void {
    const name = week.number === null ? `"${truncate(week.title)}"` : `Week ${week.number}`;
    for (const section of week.sections) {
      if (section.statedMinutes === null || section.statedText === null) continue;
      const stated = parseDuration(section.statedText)!;
      const sum = sumSectionMinutes(section);
      if (!agreesWithStated(sum, stated)) {
        this.warn(section.line, `${name}, "${truncate(section.title)}" states ${section.statedText}, but its items add up to ${sum} min${unestimated(section.items)}.`);
      }
    }
    for (const group of week.groups) {
      if (group.heading.statedText === null) continue;
      const stated = parseDuration(group.heading.statedText)!;
      const members = week.sections.filter((section) => section.group === group.heading.raw);
      const sum = members.reduce((total, section) => total + sumSectionMinutes(section), 0);
      if (!agreesWithStated(sum, stated)) {
        const items = members.flatMap((section) => section.items);
        this.warn(group.line, `${name}, "${truncate(group.heading.title)}" states ${group.heading.statedText}, but its sections add up to ${sum} min${unestimated(items)}.`);
      }
    }
  }

  private tocEntries(node: List): boolean {
    const entries: TocEntry[] = [];
    const visit = (list: List) => {
      for (const item of list.children) {
        for (const child of item.children) {
          if (child.type === 'list') visit(child);
          if (child.type !== 'paragraph') continue;
          for (const token of this.tokens(child.children)) {
            if (token.type !== 'link') continue;
            const week = parseWeekHeading(token.text);
            entries.push({ line: token.line, text: token.text, number: week?.number ?? null, title: week?.title ?? token.text });
          }
        }
      }
    };
    visit(node);
    if (entries.length === 0) return false;
    this.toc.push(...entries);
    return true;
  }

  private checkToc(weeks: WeekDraft[]): void {
    if (this.toc.length === 0) return;
    const normalize = (text: string) => collapse(text).toLowerCase().replace(/[“”"‘’']/g, '');
    for (const entry of this.toc) {
      const week =
        entry.number !== null
          ? weeks.find((candidate) => candidate.number === entry.number)
          : weeks.find((candidate) => normalize(candidate.title) === normalize(entry.title));
      if (!week) {
        this.warn(entry.line, `The table of contents lists "${truncate(entry.text)}", which is not a week of the syllabus.`);
      } else if (entry.title !== '' && !normalize(week.title).startsWith(normalize(entry.title))) {
        this.warn(
          entry.line,
          `The table of contents calls ${week.number === null ? 'a unit' : `week ${week.number}`} "${truncate(entry.title)}", but its heading says "${truncate(week.title)}".`,
        );
      }
    }
    for (const week of weeks) {
      const listed = this.toc.some((entry) =>
        week.number !== null ? entry.number === week.number : normalize(entry.title) === normalize(week.title),
      );
      if (!listed) {
        const name = week.number === null ? `"${truncate(week.title)}"` : `Week ${week.number}`;
        this.warn(week.line, `${name} is missing from the table of contents.`);
      }
    }
  }

  // --- Front matter ------------------------------------------------------------------------

  private frontMatter(value: string, node: RootContent): void {
    const from = startLine(node);
    this.markRange(from, endLine(node), 'ignored', 'front matter (only "title" is imported, as the description)');
    let data: unknown;
    try {
      data = parseYaml(value);
    } catch (error) {
      this.warn(from, `The front matter is not valid YAML, so it was ignored: ${(error as Error).message.split('\n')[0]}`);
      return;
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      if (value.trim() !== '') this.warn(from, 'The front matter is not a list of "key: value" lines, so it was ignored.');
      return;
    }
    const record = data as Record<string, unknown>;
    const description = record.description ?? record.title;
    if (typeof description === 'string' || typeof description === 'number') {
      this.description = collapse(String(description)) || null;
      value.split('\n').forEach((text, index) => {
        if (/^(?:title|description)\s*:/.test(text)) this.markRange(from + 1 + index, from + 1 + index, 'structured', 'description');
      });
    }
  }

  // --- Notes -------------------------------------------------------------------------------

  private noteTarget(): { notes: string[]; reason: string } {
    if (this.week) return { notes: this.week.notes, reason: 'week notes' };
    if (this.part) return { notes: this.part.notes, reason: 'part notes' };
    return { notes: this.preamble, reason: 'curriculum notes' };
  }

  /** Keeps a whole block verbatim as notes. */
  private keep(node: RootContent | ListItem): void {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const text = this.source.slice(start, end);
    if (text.trim() === '') return;
    const target = this.noteTarget();
    target.notes.push(text);
    this.mark(node, 'kept', target.reason);
  }

  /** Keeps whole source lines verbatim as notes (the prose lines of a mixed paragraph). */
  private keepLines(from: number, to: number): void {
    const text = this.lines.slice(from - 1, to).join('\n').trim();
    if (text === '') return;
    const target = this.noteTarget();
    target.notes.push(text);
    this.markRange(from, to, 'kept', target.reason);
  }

  // --- Inline helpers ----------------------------------------------------------------------

  /** The phrasing content as tokens: text without markup, links kept whole, lines marked. */
  tokens(nodes: PhrasingContent[]): Token[] {
    const out: Token[] = [];
    const pushText = (text: string, line: number) => {
      text.split('\n').forEach((piece, index) => {
        if (index > 0) out.push({ type: 'newline', line: line + index });
        if (piece !== '') out.push({ type: 'text', text: piece, line: line + index });
      });
    };
    const visit = (node: PhrasingContent) => {
      const line = node.position?.start.line ?? 0;
      switch (node.type) {
        case 'text':
          return pushText(node.value, line);
        case 'break':
          return out.push({ type: 'newline', line: line + 1 });
        case 'strong':
        case 'emphasis':
        case 'delete':
          return node.children.forEach(visit);
        case 'link':
          return out.push({
            type: 'link',
            url: node.url,
            importable: importableUrl(node.url),
            text: collapse(this.plain(node.children)),
            raw: this.slice(node),
            line,
          });
        case 'linkReference': {
          const url = this.definitions.get(node.identifier.toLowerCase());
          if (url === undefined) return pushText(this.slice(node), line);
          return out.push({
            type: 'link',
            url,
            importable: importableUrl(url),
            text: collapse(this.plain(node.children)),
            raw: this.slice(node),
            line,
          });
        }
        default:
          // Inline code, HTML, images, footnote references: their markdown, as text.
          return pushText(this.slice(node), line);
      }
    };
    nodes.forEach(visit);
    return out;
  }

  private splitLines(nodes: PhrasingContent[]): Line[] {
    const lines: Line[] = [];
    let current: Token[] = [];
    let line = nodes[0]?.position?.start.line ?? 0;
    for (const token of this.tokens(nodes)) {
      if (token.type === 'newline') {
        if (current.length > 0) lines.push({ line, tokens: current });
        current = [];
        line = token.line;
        continue;
      }
      if (current.length === 0) line = token.line;
      current.push(token);
    }
    if (current.length > 0) lines.push({ line, tokens: current });
    return lines;
  }

  /** Plain text of tokens; links other than `primary`, and unsafe ones, as their markdown. */
  textOf(tokens: Token[], primary?: Token): string {
    return tokens
      .map((token) => {
        if (token.type === 'newline') return ' ';
        if (token.type === 'text') return token.text;
        return token === primary ? token.text : token.raw;
      })
      .join('');
  }

  /** Plain text of headings and link texts: links as their text. */
  private plain(nodes: PhrasingContent[]): string {
    return this.tokens(nodes)
      .map((token) => (token.type === 'newline' ? ' ' : token.text))
      .join('');
  }

  private slice(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): string {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? '' : this.source.slice(start, end);
  }

  private warnBrokenLinks(node: Paragraph): void {
    const start = node.position?.start.offset ?? 0;
    const chars = this.slice(node).split('');
    const blank = (child: { position?: { start: { offset?: number }; end: { offset?: number } } }) => {
      const from = (child.position?.start.offset ?? 0) - start;
      const to = (child.position?.end.offset ?? 0) - start;
      for (let index = Math.max(0, from); index < Math.min(chars.length, to); index++) if (chars[index] !== '\n') chars[index] = ' ';
    };
    const visit = (children: PhrasingContent[]) => {
      for (const child of children) {
        if (['link', 'linkReference', 'image', 'imageReference', 'inlineCode', 'html'].includes(child.type)) blank(child);
        else if ('children' in child) visit(child.children as PhrasingContent[]);
      }
    };
    visit(node.children);
    const firstLine = startLine(node);
    chars
      .join('')
      .split('\n')
      .forEach((text, index) => {
        if (/(?<!\\)\]\s*\(/.test(text)) {
          this.warn(
            firstLine + index,
            `Broken link syntax: "${truncate(collapse(this.lines[firstLine + index - 1] ?? ''))}" has a "[text](url)" that is not closed; check its brackets and parentheses.`,
          );
        }
      });
  }

  // --- Coverage ----------------------------------------------------------------------------

  private mark(node: { position?: { start: { line: number }; end: { line: number } } }, as: CoverageSpan['as'], reason: string): void {
    this.markRange(startLine(node), endLine(node), as, reason);
  }

  private markRange(from: number, to: number, as: CoverageSpan['as'], reason: string): void {
    for (let line = from; line <= to; line++) {
      if ((this.lines[line - 1] ?? '').trim() !== '') this.status[line] = { as, reason };
    }
  }

  private setReason(line: number, reason: string, as?: CoverageSpan['as']): void {
    const status = this.status[line];
    if (status) this.status[line] = { as: as ?? status.as, reason };
  }

  private warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }

  // --- Result ------------------------------------------------------------------------------

  private finish(options: ParseSyllabusOptions): ParsedSyllabus {
    let title = this.title;
    if (title === null) {
      title = this.description ?? 'Untitled syllabus';
      this.warn(this.titleLine || 1, `The syllabus has no "# Title" heading, so it was called "${truncate(title)}".`);
    }

    let weeks = this.weeks;
    let notes: string[] = this.preamble;
    if (weeks.length === 0) {
      if (this.preamble.length === 0) {
        throw new AppError('BAD_REQUEST', 'The file has no weeks and no content to import: weeks are headings such as "## Week 1: Title".');
      }
      this.warn(
        1,
        'No weeks found (headings such as "## Week 1: Title"), so the whole page was imported as the notes of one unnumbered unit.',
      );
      weeks = [
        {
          number: null,
          span: 1,
          label: null,
          title,
          part: null,
          partNotes: null,
          notes: this.preamble,
          sections: [],
          goals: [],
          groups: [],
          line: 1,
          depth: 2,
        },
      ];
      notes = [];
    }

    const description = this.description !== null && this.description !== title ? this.description : null;

    this.checkToc(this.weeks);
    const numbers = new Map<number, number>();
    for (const week of this.weeks) {
      if (week.number === null) continue;
      const seen = numbers.get(week.number);
      if (seen !== undefined) this.warn(week.line, `Week ${week.number} appears twice (also at line ${seen}).`);
      else numbers.set(week.number, week.line);
    }

    let slug = options.slug;
    if (slug !== undefined) {
      const checked = slugSchema.safeParse(slug);
      if (!checked.success) throw new AppError('BAD_REQUEST', `The slug "${truncate(slug)}" ${checked.error.issues[0]?.message ?? 'is not valid'}.`);
      slug = checked.data;
    } else {
      slug = slugify(title) || 'syllabus';
    }

    const curriculumWeeks: SyllabusWeek[] = weeks.map((week, index) => ({
      index: index + 1,
      number: week.number,
      span: week.span,
      label: week.label,
      title: week.title,
      part: week.part,
      partNotes: week.partNotes,
      notes: week.notes.length > 0 ? week.notes.join('\n\n') : null,
      sections: week.sections.map((section) => ({
        title: section.title,
        kind: section.kind,
        statedMinutes: section.statedMinutes,
        statedText: section.statedText,
        group: section.group,
        items: section.items,
      })),
      goals: week.goals,
    }));

    this.warnings.sort((a, b) => a.line - b.line);
    return {
      curriculum: {
        slug,
        title,
        description,
        notes: notes.length > 0 ? notes.join('\n\n') : null,
        weeks: curriculumWeeks,
      },
      warnings: this.warnings,
      coverage: this.coverage(),
    };
  }

  private coverage(): SyllabusCoverage {
    const spans: CoverageSpan[] = [];
    const counts = { blank: 0, structured: 0, kept: 0, ignored: 0 };
    for (let line = 1; line <= this.lines.length; line++) {
      const status = this.status[line];
      if ((this.lines[line - 1] ?? '').trim() === '') {
        counts.blank += 1;
        continue;
      }
      if (!status) continue;
      counts[status.as] += 1;
      const last = spans.at(-1);
      if (last && last.to === line - 1 && last.as === status.as && last.reason === status.reason) last.to = line;
      else spans.push({ from: line, to: line, as: status.as, reason: status.reason });
    }
    return {
      totalLines: this.lines.length,
      blankLines: counts.blank,
      structuredLines: counts.structured,
      keptLines: counts.kept,
      ignoredLines: counts.ignored,
      spans,
    };
  }
}

// --- Items ---------------------------------------------------------------------------------

const OPTIONAL_MARK = /\(\s*optional\s*\)|\[\s*optional\s*\]/i;
const OPTIONAL_MARKS = new RegExp(OPTIONAL_MARK.source, 'gi');
const LEADING_OPTIONAL = /^\s*optional\s*[:\-–—]\s*/i;

function parseItem(tokens: Token[], textOf: (tokens: Token[], primary?: Token) => string): SyllabusItem {
  const primary = tokens.find((token) => token.type === 'link' && token.importable);
  let optional = false;
  const dropOptional = (text: string) => {
    let result = text;
    if (OPTIONAL_MARK.test(result) || LEADING_OPTIONAL.test(result)) optional = true;
    result = result.replace(OPTIONAL_MARKS, ' ').replace(LEADING_OPTIONAL, '');
    return collapse(result);
  };

  if (primary && primary.type === 'link') {
    const index = tokens.indexOf(primary);
    let prefix = dropOptional(textOf(tokens.slice(0, index)));
    let title = primary.text || primary.importable!;
    // "[Title](https://… (20 min)": the parenthesis never closes, so only the bare URL became
    // a link (GFM autolink). Take the bracketed text as the title.
    const unclosed = /\[([^[\]]+)\]\(\s*$/.exec(prefix);
    if (unclosed && !primary.raw.startsWith('[')) {
      title = collapse(unclosed[1]!);
      prefix = prefix.slice(0, unclosed.index);
    }
    prefix = collapse(prefix);
    let suffix = dropOptional(textOf(tokens.slice(index + 1)));
    // The estimate usually follows the link; "(20 min) [Title](…)" puts it first.
    let duration = takeDuration(suffix, 'last');
    if (duration.minutes !== null) suffix = duration.rest;
    else {
      duration = takeDuration(prefix, 'last');
      if (duration.minutes !== null) prefix = duration.rest;
    }
    prefix = prefix.replace(/[\s:;,–—-]+$/, '');
    suffix = suffix.replace(/^[\s,;:–—-]+/, '').replace(/[\s,;:]+$/, '');
    const note = [prefix, suffix].filter((part) => part !== '').join(' ');
    return {
      kind: 'READING',
      title,
      url: primary.importable,
      minutes: duration.minutes,
      minutesText: duration.text,
      optional,
      note: note === '' ? null : note,
    };
  }

  // A reading without a link: "Title (30+ mins): what it covers", "Title (a note)".
  const text = dropOptional(textOf(tokens));
  const duration = takeDuration(text, 'first');
  let title = text;
  let note: string | null = null;
  if (duration.minutes !== null) {
    title = duration.before.replace(/[\s,;:–—-]+$/, '');
    note = duration.after.replace(/^[\s,;:–—-]+/, '') || null;
  } else {
    const trailing = /^(.*\S)\s+(\((?:[^()]|\([^()]*\))*\))\.?$/.exec(text);
    if (trailing) {
      title = trailing[1]!;
      note = trailing[2]!;
    }
  }
  if (title === '') {
    title = text;
    note = null;
  }
  return { kind: 'READING', title, url: null, minutes: duration.minutes, minutesText: duration.text, optional, note };
}

type TakenDuration = { minutes: number | null; text: string | null; rest: string; before: string; after: string };

/** Finds a time estimate in parentheses (or a bare one at the end) and takes it out. */
function takeDuration(text: string, which: 'first' | 'last'): TakenDuration {
  const groups = [...text.matchAll(/\(([^()]*)\)/g)].filter((match) => parseDuration(match[1]!));
  const match = which === 'first' ? groups[0] : groups.at(-1);
  if (match && match.index !== undefined) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    return {
      minutes: parseDuration(match[1]!)!.minutes,
      text: collapse(match[1]!),
      rest: collapse(`${before} ${after}`),
      before: collapse(before),
      after: collapse(after),
    };
  }
  const bare = /(^|[\s,;:–—-])((?:~|about\s+)?\d+(?:\.\d+)?\s*\+?\s*(?:h|hrs?|hours?)(?:\s*\d+\s*(?:m|mins?|minutes?))?|(?:~|about\s+)?\d+\s*\+?\s*(?:mins?|minutes?))\.?$/i.exec(
    text,
  );
  if (bare && parseDuration(bare[2]!)) {
    const before = text.slice(0, bare.index + bare[1]!.length);
    return {
      minutes: parseDuration(bare[2]!)!.minutes,
      text: collapse(bare[2]!),
      rest: collapse(before),
      before: collapse(before),
      after: '',
    };
  }
  return { minutes: null, text: null, rest: text, before: text, after: '' };
}

/** A link line outside a list is an item when nothing but qualifiers precede the link. */
function isStandaloneItem(tokens: Token[]): boolean {
  const index = tokens.findIndex((token) => token.type === 'link' && token.importable);
  if (index < 0) return false;
  const before = tokens
    .slice(0, index)
    .map((token) => (token.type === 'link' ? token.raw : token.type === 'text' ? token.text : ' '))
    .join('');
  const rest = before.replace(/\([^()]*\)|\[[^\]]*\]/g, ' ').replace(/\boptional\b/gi, ' ');
  return /^[\s*_:;,.\-–—]*$/.test(rest);
}

function isTocList(node: List): boolean {
  let links = 0;
  let anchors = 0;
  const visit = (children: unknown[]) => {
    for (const child of children as { type: string; url?: string; children?: unknown[] }[]) {
      if (child.type === 'link') {
        links += 1;
        if (child.url?.startsWith('#')) anchors += 1;
      }
      if (child.children) visit(child.children);
    }
  };
  visit(node.children);
  return links > 0 && links === anchors;
}

function listHasLink(node: List, parser: SyllabusParser): boolean {
  const visit = (children: unknown[]): boolean =>
    (children as { type: string; children?: unknown[] }[]).some((child) => {
      if (child.type === 'paragraph') {
        return parser.tokens((child as Paragraph).children).some((token) => token.type === 'link' && token.importable);
      }
      return child.children ? visit(child.children) : false;
    });
  return visit(node.children);
}

function hasLink(tree: Root): boolean {
  const visit = (children: unknown[]): boolean =>
    (children as { type: string; children?: unknown[] }[]).some(
      (child) => child.type === 'link' || child.type === 'linkReference' || (child.children ? visit(child.children) : false),
    );
  return visit(tree.children);
}

function unestimated(items: SyllabusItem[]): string {
  const count = items.filter((item) => item.minutes === null).length;
  if (count === 0) return '';
  return count === 1 ? ' (1 item has no time)' : ` (${count} items have no time)`;
}

function startLine(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}

function endLine(node: { position?: { end: { line: number } } }): number {
  return node.position?.end.line ?? 1;
}

function truncate(text: string, length = 80): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

// --- Public API ----------------------------------------------------------------------------

/**
 * Parses a markdown syllabus. Throws AppError for input that is not a syllabus at all (too
 * large, binary, empty, HTML or JSON, no markdown structure); anything else parses, with
 * warnings for what needs a look.
 */
export function parseSyllabusMarkdown(text: string, options: ParseSyllabusOptions = {}): ParsedSyllabus {
  const source = checkText(text);
  return new SyllabusParser(source).parse(options);
}

/**
 * Line numbers (from 1) of non-blank source lines that the parse did not account for as
 * structured data, kept notes, or deliberately ignored lines. Empty means nothing was dropped.
 */
export function findDroppedLines(text: string, coverage: SyllabusCoverage): number[] {
  const lines = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
  const covered = new Set<number>();
  for (const span of coverage.spans) for (let line = span.from; line <= span.to; line++) covered.add(line);
  const dropped: number[] = [];
  lines.forEach((line, index) => {
    if (line.trim() !== '' && !covered.has(index + 1)) dropped.push(index + 1);
  });
  return dropped;
}
