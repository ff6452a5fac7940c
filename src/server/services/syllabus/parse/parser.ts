// Stage 3, the walk: the top-level markdown blocks in order → weeks, parts, sections, items,
// goals and notes (see parse-syllabus.ts for the rules), marking each line's coverage and
// collecting warnings as it goes; assembly (assemble.ts) turns the drafts into the result.
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import type { GoalCategory, PromptKind } from '@/generated/prisma/enums';
import { sumSectionMinutes } from '@/lib/reading-time';
import { agreesWithStated, parseDuration } from '@/lib/syllabus/durations';
import {
  ASSIGNMENTS_SECTION,
  classifyItem,
  classifySection,
  collapse,
  hasSectionWords,
  isAssignmentsHeading,
  isClosingHeading,
  isDefaultPromptsTitle,
  isPromptsHeading,
  isPromptsIntro,
  isQuestion,
  namedWeek,
  promptKindOf,
  weekLabelAtStart,
  isGoalsTitle,
  isNotesHeading,
  isParagraphHeader,
  isPartHeading,
  isTocHeading,
  parseSectionHeading,
  parseWeekHeading,
  subgroupCategory,
  type SectionHeading,
} from '@/lib/syllabus/syllabus-text';
import type { ParsedSyllabus, SyllabusClosing, SyllabusPrompt, SyllabusWarning } from '@/lib/syllabus/types';
import { AppError } from '@/server/errors';
import { checkDuplicateWeeks, resolveSlug, toSyllabusWeeks, unnumberedWeek, type ParseSyllabusOptions } from './assemble';
import { CoverageTracker } from './coverage';
import type { AssignmentDraft, GroupDraft, Mode, PartDraft, SectionDraft, TocEntry, WeekDraft } from './drafts';
import { isStandaloneItem, parseItem, unestimated } from './items';
import { endLine, hasLink, isTocList, listHasLink, startLine, truncate } from './nodes';
import { looksLikeReadings, splitAtCommas, splitWeekLine, tokensAfter, withoutWeekMention, type WeekLine } from './week-lines';
import { InlineReader, textOf, type Line, type Token } from './tokens';

export class SyllabusParser {
  private readonly lines: string[];
  private readonly cover: CoverageTracker;
  private readonly inline: InlineReader;
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
  /** The kind of the prompts being read (mode 'prompts'). */
  private promptKind: PromptKind = 'DISCUSSION';
  /** Under an assignments heading outside the weeks: its lists are assignments. */
  private collectingAssignments = false;
  private readonly assignments: AssignmentDraft[] = [];

  constructor(private readonly source: string) {
    this.lines = source.split('\n');
    this.cover = new CoverageTracker(this.lines);
    this.inline = new InlineReader(source, this.definitions);
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
    const text = collapse(this.inline.plain(node.children));
    const line = startLine(node);
    if (text === '') return this.keep(node);
    // Any other heading ends an assignments list.
    if (!isAssignmentsHeading(text)) this.collectingAssignments = false;

    const week = parseWeekHeading(text);
    if (week) {
      this.startWeek({ number: week.number, span: week.span, label: week.label, title: week.title }, node.depth, line);
      if (week.title === '') this.warn(line, `${week.label} has no title.`);
      return this.cover.mark(node, 'structured', 'week heading');
    }
    if (isPartHeading(text)) {
      this.startPart(text, node.depth, line);
      return this.cover.mark(node, 'structured', 'part heading');
    }
    // "## Assignments" before the weeks, or at a week's level after one: its lists are
    // exercises that go to the weeks they name.
    if (isAssignmentsHeading(text) && (!this.week || node.depth <= this.week.depth)) {
      this.closeWeek();
      this.collectingAssignments = true;
      return this.cover.mark(node, 'structured', 'assignments heading');
    }
    // "## Final Reflection" after a week: the closing section, if nothing but prose and
    // prompts follows (see finish); otherwise an unnumbered unit as before.
    const atWeekLevel = this.week ? node.depth <= this.week.depth : this.weeks.length > 0;
    if (isClosingHeading(text) && atWeekLevel) {
      this.startWeek({ number: null, span: 1, label: null, title: text }, node.depth, line, { closing: true });
      return this.cover.mark(node, 'structured', 'closing heading');
    }

    const heading = parseSectionHeading(text);
    const known =
      isGoalsTitle(heading.title) ||
      isNotesHeading(text) ||
      subgroupCategory(heading.title) !== null ||
      hasSectionWords(heading.title) ||
      isPromptsHeading(text) ||
      isPromptsIntro(text);

    if (!this.week) {
      if (!this.part && node.depth === 1 && this.title === null && !isTocHeading(text)) {
        this.title = text;
        this.titleLine = line;
        return this.cover.mark(node, 'structured', 'title');
      }
      if (isTocHeading(text)) {
        return this.cover.mark(node, 'ignored', 'table of contents heading');
      }
      return this.keep(node);
    }

    if (this.part && node.depth <= this.part.depth && !known) {
      this.closeWeek();
      this.closePart();
    }
    // "### Why might a model deceive its overseers?" inside a week: a prompt of its own.
    if (isQuestion(text) && !known && this.mode !== 'notes' && (node.depth > this.week.depth || this.week.fromLine)) {
      this.closeSection();
      if (this.mode !== 'prompts') this.promptKind = 'DISCUSSION';
      this.mode = 'prompts';
      this.week.prompts.push({ kind: this.promptKind, text });
      return this.cover.mark(node, 'structured', 'prompt (question heading)');
    }
    if (!known && (!this.week || node.depth <= this.week.depth)) {
      // An unknown heading at a week's level: an unnumbered unit ("## Final Project").
      this.startWeek({ number: null, span: 1, label: null, title: text }, node.depth, line);
      return this.cover.mark(node, 'structured', 'unit heading');
    }
    // After a "Notes" heading everything is notes, headings included, up to the next week,
    // part or unit.
    if (this.mode === 'notes') return this.keep(node);
    if (isPromptsHeading(text) || isPromptsIntro(text) || (isClosingHeading(text) && node.depth > this.week.depth)) {
      this.enterPrompts(text, line);
      return this.cover.mark(node, 'structured', 'prompts heading');
    }

    if (isNotesHeading(text)) {
      this.closeSection();
      this.mode = 'notes';
      return this.cover.mark(node, 'structured', 'notes heading');
    }
    if (isGoalsTitle(heading.title)) {
      this.enterGoals(node.depth);
      return this.cover.mark(node, 'structured', 'learning goals heading');
    }
    const category = subgroupCategory(heading.title);
    if (this.mode === 'goals' && category && node.depth > this.goalsDepth) {
      this.goalCategory = category;
      return this.cover.mark(node, 'structured', 'learning goals sub-group');
    }
    this.openSection(heading, node.depth, line);
    this.cover.mark(node, 'structured', 'section heading');
  }

  private paragraph(node: Paragraph): void {
    const lines = this.inline.splitLines(node.children);
    const weekLines = lines.map((line) => this.weekLineOf(line, 'paragraph'));
    if (!weekLines.some(Boolean) && (!this.week || this.mode === 'notes')) return this.keep(node);
    this.warnBrokenLinks(node);

    // A question on its own among prompts: "What would change your mind?"
    if (this.mode === 'prompts' && !weekLines.some(Boolean) && isQuestion(this.inline.slice(node))) {
      this.week!.prompts.push({ kind: this.promptKind, text: collapse(this.inline.slice(node)) });
      return this.cover.mark(node, 'structured', 'prompt');
    }

    let prose: Line[] = [];
    let introducesList = false;
    let promptsIntro: { line: Line; text: string } | null = null;
    const flush = () => {
      if (prose.length === 0) return;
      this.keepLines(prose[0]!.line, prose.at(-1)!.line);
      prose = [];
    };

    let weekOpened = false;
    for (const [index, line] of lines.entries()) {
      if (promptsIntro) {
        // It did not end the paragraph, so it introduces nothing: prose after all.
        prose.push(promptsIntro.line);
        promptsIntro = null;
      }
      const weekLine = weekLines[index];
      if (weekLine) {
        flush();
        introducesList = false;
        this.startLineWeek(weekLine, line.line);
        weekOpened = true;
        continue;
      }
      // "**Week 4:** Curiosity" and the readings on the next line: "Ch 6 (40 min), Ch 7".
      if (weekOpened && this.mode !== 'prompts' && looksLikeReadings(line.tokens)) {
        flush();
        if (!this.section) this.openReadings(line.line);
        for (const piece of splitAtCommas(line.tokens)) this.addItem(piece, line.line);
        this.cover.markRange(line.line, line.line, 'structured', 'items (line of readings)');
        continue;
      }
      if (!this.week) {
        prose.push(line);
        continue;
      }
      const links = line.tokens.filter((token) => token.type === 'link' && token.importable);
      if (links.length === 0) {
        const plain = collapse(textOf(line.tokens));
        const heading = parseSectionHeading(plain);
        if (plain !== '' && isParagraphHeader(heading)) {
          flush();
          introducesList = false;
          this.paragraphHeader(heading, line.line);
          continue;
        }
        if (isPromptsIntro(plain)) {
          flush();
          promptsIntro = { line, text: plain };
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
        this.cover.markRange(line.line, line.line, 'structured', 'item (link line)');
        continue;
      }
      introducesList = false;
      prose.push(line);
    }
    flush();
    if (!this.week) return;

    // "Before next meeting, answer these questions:": the list that follows is the prompts.
    if (promptsIntro) {
      this.enterPrompts(promptsIntro.text, promptsIntro.line.line);
      this.cover.markRange(promptsIntro.line.line, promptsIntro.line.line, 'structured', 'prompts intro');
      return;
    }

    // Other prose ending in a colon after goals or readings ("Bring these to the meeting:"):
    // the list that follows belongs to that prose, not to the readings.
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
      return this.cover.markRange(line, line, 'structured', 'learning goals heading');
    }
    const category = subgroupCategory(heading.title);
    if (this.mode === 'goals' && category) {
      this.goalCategory = category;
      return this.cover.markRange(line, line, 'structured', 'learning goals sub-group');
    }
    this.openSection(heading, null, line);
    this.cover.markRange(line, line, 'structured', 'section heading');
  }

  private list(node: List): void {
    if (!this.week || this.week.fromLine) {
      // A list of links to the page's own headings ("#week-1-…"), under a "Table of Contents"
      // heading or not.
      if (!this.week && isTocList(node) && this.tocEntries(node)) {
        return this.cover.mark(node, 'ignored', 'table of contents (checked against the weeks)');
      }
      // "- **Week 1:** Ch 1 (…), Ch 2 (…)": weeks written as list items.
      if (node.children.some((item) => this.weekItemOf(item))) return this.weekList(node);
    }
    if (!this.week && this.collectingAssignments) return this.assignmentList(node);
    if (!this.week) return this.keep(node);
    if (this.mode === 'notes' || this.mode === 'prose') return this.keep(node);
    if (this.mode === 'goals') return this.goalList(node);
    if (this.mode === 'prompts') {
      if (!this.isReadingList(node)) return this.promptList(node);
      this.openSection({ raw: 'Readings', title: 'Readings', statedMinutes: null, statedText: null }, null, startLine(node));
    }
    if (this.mode === 'none') {
      if (!listHasLink(node, this.inline)) return this.keep(node);
      this.openSection({ raw: 'Readings', title: 'Readings', statedMinutes: null, statedText: null }, null, startLine(node));
      this.warn(startLine(node), 'Readings before any section heading were put in a section named "Readings".');
    }
    this.itemList(node);
  }

  private itemList(node: List): void {
    for (const item of node.children) this.listItem(item);
  }

  // --- Weeks written as lines ("**Week 1:** Ch 1 (…), Ch 2 (…)") ---------------------------

  /** The week a paragraph line opens: bold ("**Week 1:** …"), or in a list item also plain. */
  private weekLineOf(line: Line, where: 'paragraph' | 'item'): WeekLine | null {
    const raw = this.lines[line.line - 1] ?? '';
    const plain = textOf(line.tokens);
    const bold = /^\s*(?:(?:[-*+]|\d{1,3}[.)])\s+)?(\*\*|__)(.+?)\1/.exec(raw);
    let label: string | null = null;
    if (bold) {
      const boldText = collapse(bold[2]!);
      if (weekLabelAtStart(boldText) === null) return null;
      label = boldText;
    } else if (where === 'item') {
      label = weekLabelAtStart(plain);
    }
    if (label === null) return null;
    const heading = parseWeekHeading(label);
    const at = plain.indexOf(label);
    if (!heading || at < 0 || plain.slice(0, at).trim() !== '') return null;
    return { heading, rest: tokensAfter(line.tokens, at + label.length) };
  }

  private weekItemOf(item: ListItem): WeekLine | null {
    const first = item.children[0];
    if (first?.type !== 'paragraph') return null;
    const line = this.inline.splitLines(first.children)[0];
    return line ? this.weekLineOf(line, 'item') : null;
  }

  /** Starts the week a line opens, with the readings the line lists after its title. */
  private startLineWeek(weekLine: WeekLine, line: number): void {
    const { title, readings } = splitWeekLine(weekLine);
    const { number, span, label } = weekLine.heading;
    // Deeper than any heading, so that a heading after it ("## Final Reflection") starts a unit.
    this.startWeek({ number, span, label, title }, 6, line, { fromLine: true });
    this.cover.markRange(line, line, 'structured', 'week line');
    const pieces = splitAtCommas(readings);
    if (pieces.length === 0) return;
    this.openReadings(line);
    for (const piece of pieces) this.addItem(piece, line);
  }

  private openReadings(line: number): void {
    this.openSection({ raw: 'Readings', title: 'Readings', statedMinutes: null, statedText: null }, null, line);
  }

  private weekList(node: List): void {
    for (const item of node.children) {
      const weekLine = this.weekItemOf(item);
      if (!weekLine) {
        if (this.week && this.mode !== 'notes' && this.mode !== 'prose') this.listItem(item);
        else this.keep(item);
        continue;
      }
      const [first, ...rest] = item.children as [Paragraph, ...ListItem['children']];
      const [opening, ...more] = this.inline.splitLines(first.children);
      this.startLineWeek(weekLine, opening!.line);
      for (const line of more) {
        if (isStandaloneItem(line.tokens)) {
          if (!this.section) this.openReadings(line.line);
          this.addItem(line.tokens, line.line);
          this.cover.markRange(line.line, line.line, 'structured', 'item (link line)');
        } else {
          this.keepLines(line.line, line.line);
        }
      }
      for (const child of rest) {
        if (child.type === 'list') {
          if (!this.section) this.openReadings(startLine(child));
          this.itemList(child);
        } else {
          this.keep(child);
        }
      }
    }
  }

  // --- Prompts and assignments ---------------------------------------------------------------

  /**
   * Reads what follows as prompts, of the kind its words say. The first title a week's prompts
   * get is kept (written back on export); a later one only sets the kind of the prompts after it.
   */
  private enterPrompts(text: string, line: number): void {
    const week = this.week!;
    this.closeSection();
    this.mode = 'prompts';
    const title = collapse(text);
    this.promptKind = promptKindOf(title);
    if (week.promptsTitleLine !== null || week.prompts.length > 0) return;
    week.promptsTitle = isDefaultPromptsTitle(title) ? null : title;
    week.promptsTitleLine = line;
  }

  /** A list of links without a question among them is readings, even among prompts. */
  private isReadingList(node: List): boolean {
    if (!listHasLink(node, this.inline)) return false;
    return !node.children.some((item) => item.children[0]?.type === 'paragraph' && isQuestion(this.inline.slice(item.children[0])));
  }

  private promptList(node: List): void {
    const week = this.week!;
    for (const item of node.children) {
      const [first, ...rest] = item.children;
      let prompt: SyllabusPrompt | null = null;
      if (first?.type === 'paragraph') {
        prompt = { kind: this.promptKind, text: collapse(this.inline.slice(first)) };
        week.prompts.push(prompt);
        this.cover.markRange(startLine(item), endLine(first), 'structured', 'prompt');
      } else if (first) {
        this.keep(first);
      } else {
        this.cover.markRange(startLine(item), endLine(item), 'ignored', 'empty list item');
      }
      for (const child of rest) {
        if (child.type === 'list') this.promptList(child);
        else if (child.type === 'paragraph' && prompt) {
          prompt.text = `${prompt.text} ${collapse(this.inline.slice(child))}`;
          this.cover.mark(child, 'structured', 'prompt');
        } else this.keep(child);
      }
    }
  }

  /** An assignments list outside the weeks: each entry waits for the week it names (finish). */
  private assignmentList(node: List): void {
    for (const item of node.children) {
      const [first, ...rest] = item.children;
      if (first?.type !== 'paragraph') {
        if (first) this.keep(first);
        else this.cover.markRange(startLine(item), endLine(item), 'ignored', 'empty list item');
        for (const child of rest) this.keep(child);
        continue;
      }
      this.warnBrokenLinks(first);
      const tokens = this.inline.tokens(first.children);
      // "(Week 3, 60 min)": the week places it; the rest is read as for any reading.
      const item_ = parseItem(withoutWeekMention(tokens));
      item_.kind = 'EXERCISE';
      if (item_.title === '') this.warn(startLine(item), 'An assignment has no title; its text was kept as its note.');
      this.assignments.push({ item: item_, week: namedWeek(textOf(tokens)), line: startLine(item), weeksBefore: this.weeks.length });
      this.cover.markRange(startLine(item), endLine(first), 'structured', 'assignment');
      for (const child of rest) {
        if (child.type === 'list') this.assignmentList(child);
        else if (child.type === 'paragraph') {
          item_.note = [item_.note, collapse(textOf(this.inline.tokens(child.children)))].filter(Boolean).join(' ');
          this.cover.mark(child, 'structured', 'assignment (note)');
        } else this.keep(child);
      }
    }
  }

  /** Puts each assignment in the "Exercises" section of the week it names or that names it. */
  private placeAssignments(weeks: WeekDraft[]): void {
    const nameOf = (week: WeekDraft) => (week.number === null ? `"${truncate(week.title)}"` : `Week ${week.number}`);
    for (const assignment of this.assignments) {
      const { item, line } = assignment;
      let target: WeekDraft | undefined;
      if (assignment.week !== null) {
        const number = assignment.week;
        target = weeks.find((week) => week.number !== null && number >= week.number && number < week.number + week.span);
        if (!target) this.warn(line, `"${truncate(item.title)}" names week ${number}, which the syllabus does not have.`);
      }
      target ??= weekMentioning(weeks, item.title);
      if (!target) {
        target = weeks[Math.max(0, Math.min(weeks.length, assignment.weeksBefore) - 1)]!;
        this.warn(line, `"${truncate(item.title)}" names no week, so it was put in the exercises of ${nameOf(target)}.`);
      }
      let section = target.sections.find((candidate) => candidate.title === ASSIGNMENTS_SECTION);
      if (!section) {
        section = {
          heading: { raw: ASSIGNMENTS_SECTION, title: ASSIGNMENTS_SECTION, statedMinutes: null, statedText: null },
          title: ASSIGNMENTS_SECTION,
          kind: classifySection(ASSIGNMENTS_SECTION),
          statedMinutes: null,
          statedText: null,
          group: null,
          items: [],
          line,
          depth: null,
          inGroup: false,
        };
        target.sections.push(section);
      }
      section.items.push(item);
    }
  }

  /** A closing unit as the curriculum's closing section; its one paragraph of prose, if that is all, is its prompt. */
  private toClosing(week: WeekDraft): SyllabusClosing {
    let notes = week.notes;
    let prompts = week.prompts;
    const only = notes[0];
    if (prompts.length === 0 && notes.length === 1 && only && !/^\s*[#|<`!>*+-]|\n\s*\n/.test(only) && only.length <= 4000) {
      prompts = [{ kind: 'REFLECTION', text: collapse(only) }];
      notes = [];
      for (let line = week.line + 1; line <= this.lines.length; line++) this.cover.setReasonIf(line, 'week notes', 'closing prompt', 'structured');
    } else {
      for (let line = week.line + 1; line <= this.lines.length; line++) this.cover.setReasonIf(line, 'week notes', 'closing notes');
    }
    return {
      title: week.title,
      notes: notes.length > 0 ? notes.join('\n\n') : null,
      promptsTitle: week.promptsTitle,
      prompts,
    };
  }

  private listItem(item: ListItem): void {
    const [first, ...rest] = item.children;
    if (first?.type === 'paragraph') {
      this.warnBrokenLinks(first);
      const tokens = this.inline.tokens(first.children);
      const extra: string[] = [];
      for (const child of rest) {
        if (child.type === 'paragraph') extra.push(collapse(textOf(this.inline.tokens(child.children))));
      }
      this.addItem(tokens, startLine(item), extra);
      this.cover.markRange(startLine(item), endLine(first), 'structured', 'item');
    } else if (first) {
      this.keep(first);
    } else {
      this.cover.markRange(startLine(item), endLine(item), 'ignored', 'empty list item');
    }
    for (const child of rest) {
      if (child.type === 'paragraph') this.cover.mark(child, 'structured', 'item (note)');
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
        const text = collapse(textOf(this.inline.tokens(first.children)));
        if (text !== '') this.week!.goals.push({ category: this.goalCategory, text });
        this.cover.markRange(startLine(item), endLine(first), text === '' ? 'ignored' : 'structured', text === '' ? 'empty list item' : 'learning goal');
      } else if (first) {
        this.keep(first);
      } else {
        this.cover.markRange(startLine(item), endLine(item), 'ignored', 'empty list item');
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
    const item = parseItem(tokens);
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
      this.cover.setReason(previous.line, 'section group heading');
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
    options: { closing?: boolean; fromLine?: boolean } = {},
  ): void {
    this.closeWeek();
    this.collectingAssignments = false;
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
      promptsTitle: null,
      promptsTitleLine: null,
      prompts: [],
      closing: options.closing ?? false,
      fromLine: options.fromLine ?? false,
      line,
      depth,
    };
    if (part) part.weeks += 1;
    // A closing section's prose is read for questions from its first line.
    this.mode = options.closing ? 'prompts' : 'none';
    this.promptKind = 'REFLECTION';
    this.section = null;
    this.group = null;
    this.goalCategory = 'GENERAL';
  }

  private closeWeek(): void {
    const week = this.week;
    if (!week) return;
    this.checkTotals(week);
    if (week.prompts.length === 0 && week.promptsTitleLine !== null) {
      // A title that introduced no prompt: its line stays, as notes.
      this.keepLines(week.promptsTitleLine, week.promptsTitleLine);
      week.promptsTitle = null;
      week.promptsTitleLine = null;
    }
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
    this.cover.setReason(part.line, 'part heading without weeks (see warnings)', 'ignored');
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
          for (const token of this.inline.tokens(child.children)) {
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
    this.cover.markRange(from, endLine(node), 'ignored', 'front matter (only "title" is imported, as the description)');
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
        if (/^(?:title|description)\s*:/.test(text)) this.cover.markRange(from + 1 + index, from + 1 + index, 'structured', 'description');
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
    this.cover.mark(node, 'kept', target.reason);
  }

  /** Keeps whole source lines verbatim as notes (the prose lines of a mixed paragraph). */
  private keepLines(from: number, to: number): void {
    const text = this.lines.slice(from - 1, to).join('\n').trim();
    if (text === '') return;
    const target = this.noteTarget();
    target.notes.push(text);
    this.cover.markRange(from, to, 'kept', target.reason);
  }

  private warnBrokenLinks(node: Paragraph): void {
    const start = node.position?.start.offset ?? 0;
    const chars = this.inline.slice(node).split('');
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

    let closing: SyllabusClosing | null = null;
    const last = this.weeks.at(-1);
    if (last?.closing && last.sections.length === 0 && last.goals.length === 0 && this.weeks.length > 1) {
      this.weeks.pop();
      closing = this.toClosing(last);
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
      weeks = [unnumberedWeek(title, this.preamble)];
      notes = [];
    }

    this.placeAssignments(weeks);
    const description = this.description !== null && this.description !== title ? this.description : null;

    this.checkToc(this.weeks);
    checkDuplicateWeeks(this.weeks, (line, message) => this.warn(line, message));
    const slug = resolveSlug(title, options);

    this.warnings.sort((a, b) => a.line - b.line);
    return {
      curriculum: {
        slug,
        title,
        description,
        notes: notes.length > 0 ? notes.join('\n\n') : null,
        weeks: toSyllabusWeeks(weeks),
        closing,
      },
      warnings: this.warnings,
      coverage: this.cover.summary(),
    };
  }
}

/** The first week whose title, notes or readings mention `title` (an assignment's), if any. */
function weekMentioning(weeks: WeekDraft[], title: string): WeekDraft | undefined {
  const needle = title.trim().toLowerCase();
  if (needle.length < 4) return undefined;
  return weeks.find((week) =>
    [week.title, ...week.notes, ...week.sections.flatMap((section) => section.items.map((item) => `${item.title} ${item.note ?? ''}`))]
      .join('\n')
      .toLowerCase()
      .includes(needle),
  );
}
