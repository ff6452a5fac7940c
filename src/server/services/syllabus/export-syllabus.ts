// Structured curriculum → markdown in the style of the syllabi it was imported from:
//
//   ---
//   title: <description>
//   ---
//
//   # <title>
//
//   <curriculum notes>
//
//   ## Table of Contents
//
//   1. [Week 1: Title](#week-1-title)
//
//   ## Week 1: Title
//
//   Core Content: (125 min)            ← a group of sections, when there is one
//
//   Theoretical Readings (75 min):
//
//   1. (if unfamiliar) [Title](https://…), Chapters 1 and 2 (30 min)
//
//   Learning Goals:
//
//   Theoretical
//
//   1. Goal
//
//   ### Notes
//
//   <notes, verbatim>
//
// Sections and goals are written as paragraph lines, as the syllabi do. A week whose content
// would not read back the same that way (a section name the importer would not recognise
// as one, an empty section before another) is written with headings instead (`### Title`,
// `####` inside a group), which the importer always reads as sections. The exporter checks
// this itself by parsing what it wrote, so import → export → import gives the same data.
import type { Heading, List, ListItem, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { stringify as stringifyYaml } from 'yaml';
import { durationText } from '@/lib/syllabus/durations';
import { parseSyllabusMarkdown } from './parse-syllabus';
import { DEFAULT_PROMPTS_TITLES, headingAnchor, subgroupCategory, weekLabel } from '@/lib/syllabus/syllabus-text';
import type { SyllabusClosing, SyllabusCurriculum, SyllabusGoal, SyllabusItem, SyllabusPrompt, SyllabusSection, SyllabusWeek } from '@/lib/syllabus/types';

type Style = 'paragraph' | 'heading';

const MARKDOWN_OPTIONS = {
  bullet: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
  emphasis: '_',
  strong: '*',
  fences: true,
  rule: '-',
} as const;

/** Writes markdown for the mdast nodes, escaping text so that it reads back as written. */
function md(node: RootContent): string {
  return toMarkdown(node, MARKDOWN_OPTIONS).replace(/\n+$/, '');
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const heading = (depth: number, value: string): Heading => ({
  type: 'heading',
  depth: Math.min(6, Math.max(1, depth)) as Heading['depth'],
  children: [text(value)],
});
const orderedList = (items: Paragraph[]): List => ({
  type: 'list',
  ordered: true,
  start: 1,
  spread: false,
  children: items.map((item): ListItem => ({ type: 'listItem', spread: false, children: [item] })),
});

// --- Items -------------------------------------------------------------------------------

/** A leading "(if …)" qualifier goes before the link, as the syllabi write it. */
function splitLeadingQualifier(note: string): { before: string | null; after: string | null } {
  const match = /^(\((?:if|only if|when)\b[^()]*\))\s*(.*)$/i.exec(note);
  if (!match || match[2] === '') return { before: null, after: note };
  return { before: match[1]!, after: match[2]! };
}

function itemParagraph(item: SyllabusItem): Paragraph {
  const children: PhrasingContent[] = [];
  const lead: string[] = [];
  if (item.optional) lead.push('(Optional)');
  const minutes = item.minutes === null ? '' : ` (${durationText(item.minutes, item.minutesText)})`;

  if (item.url) {
    const { before, after } = item.note ? splitLeadingQualifier(item.note) : { before: null, after: null };
    if (before) lead.push(before);
    if (lead.length > 0) children.push(text(`${lead.join(' ')} `));
    children.push({ type: 'link', url: item.url, title: null, children: [text(item.title)] });
    let tail = '';
    if (after) tail += after.startsWith('(') ? ` ${after}` : `, ${after}`;
    tail += minutes;
    if (tail !== '') children.push(text(tail));
    return paragraph(...children);
  }

  // Without a link: "Title (30+ mins): note", or "Title (note)".
  let line = lead.length > 0 ? `${lead.join(' ')} ${item.title}` : item.title;
  if (item.minutes !== null) {
    line += minutes;
    if (item.note) line += `: ${item.note}`;
  } else if (item.note) {
    line += /^\(.*\)$/.test(item.note) ? ` ${item.note}` : ` (${item.note})`;
  }
  return paragraph(text(line));
}

// --- Sections, goals, weeks --------------------------------------------------------------

function sectionLine(section: { title: string; statedMinutes: number | null; statedText: string | null }): string {
  const stated = section.statedMinutes === null ? '' : ` (${durationText(section.statedMinutes, section.statedText)})`;
  // A bare sub-group ("Theoretical", "Practical") is written without a colon, as syllabi do.
  if (stated === '' && subgroupCategory(section.title)) return section.title;
  return `${section.title}${stated}:`;
}

function sectionBlocks(section: SyllabusSection, style: Style, depth: number): string[] {
  const blocks: string[] = [];
  if (style === 'heading') blocks.push(md(heading(depth, sectionLine(section).replace(/:$/, ''))));
  else blocks.push(md(paragraph(text(sectionLine(section)))));
  if (section.items.length > 0) blocks.push(md(orderedList(section.items.map(itemParagraph))));
  return blocks;
}

const CATEGORY_TITLES = { THEORETICAL: 'Theoretical', PRACTICAL: 'Practical' } as const;

function goalBlocks(goals: SyllabusGoal[], style: Style, depth: number): string[] {
  if (goals.length === 0) return [];
  const blocks = [style === 'heading' ? md(heading(depth, 'Learning Goals')) : md(paragraph(text('Learning Goals:')))];
  // Consecutive goals of one category share a sub-group; general goals come first, unlabelled.
  let index = 0;
  while (index < goals.length) {
    const category = goals[index]!.category;
    const run: SyllabusGoal[] = [];
    while (index < goals.length && goals[index]!.category === category) run.push(goals[index++]!);
    if (category !== 'GENERAL') {
      const title = CATEGORY_TITLES[category];
      blocks.push(style === 'heading' ? md(heading(depth + 1, title)) : md(paragraph(text(title))));
    }
    blocks.push(md(orderedList(run.map((goal) => paragraph(text(goal.text))))));
  }
  return blocks;
}

/**
 * The prompts under the line that introduced them: a sentence ending in a colon as a paragraph
 * ("Before next meeting, answer these questions:"), a title as a heading; none, the default
 * title of their kind. Prompts of another kind than the first follow under their kind's
 * default title. Each prompt is markdown on one line, written as it was read.
 */
function promptBlocks(title: string | null, prompts: SyllabusPrompt[], depth: number): string[] {
  const blocks: string[] = [];
  let index = 0;
  while (index < prompts.length) {
    const kind = prompts[index]!.kind;
    const run: SyllabusPrompt[] = [];
    while (index < prompts.length && prompts[index]!.kind === kind) run.push(prompts[index++]!);
    const intro = blocks.length === 0 && title !== null ? title : DEFAULT_PROMPTS_TITLES[kind];
    blocks.push(/[:：]$/.test(intro) ? md(paragraph(text(intro))) : md(heading(depth, intro)));
    blocks.push(run.map((prompt, number) => `${number + 1}. ${prompt.text}`).join('\n'));
  }
  return blocks;
}

function closingBlocks(closing: SyllabusClosing, depth: number): string[] {
  const blocks = [md(heading(depth, closing.title))];
  if (closing.notes) blocks.push(closing.notes);
  blocks.push(...promptBlocks(closing.promptsTitle, closing.prompts, depth + 1));
  return blocks;
}

function weekHeadingText(week: SyllabusWeek): string {
  if (week.number === null) return week.title;
  const label = weekLabel({ number: week.number, span: week.span, label: week.label });
  return week.title === '' ? label : `${label}: ${week.title}`;
}

function weekBlocks(week: SyllabusWeek, style: Style, depth: number): string[] {
  const blocks = [md(heading(depth, weekHeadingText(week)))];
  let group: string | null = null;
  for (const section of week.sections) {
    if (section.group !== group) {
      group = section.group;
      if (group !== null) {
        blocks.push(style === 'heading' ? md(heading(depth + 1, group)) : md(paragraph(text(group))));
      }
    }
    const sectionDepth = group !== null ? depth + 2 : depth + 1;
    blocks.push(...sectionBlocks(section, style, sectionDepth));
  }
  blocks.push(...goalBlocks(week.goals, style, depth + 1));
  blocks.push(...promptBlocks(week.promptsTitle, week.prompts, depth + 1));
  if (week.notes) blocks.push(md(heading(depth + 1, 'Notes')), week.notes);
  return blocks;
}

/** The level of the shallowest heading in verbatim notes, or null when they have none. */
function shallowestHeading(notes: string | null): number | null {
  if (!notes || !/^ {0,3}#|\n[=-]+ *(\n|$)/m.test(notes)) return null;
  const depths = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .parse(notes)
    .children.flatMap((node) => (node.type === 'heading' ? [node.depth] : []));
  return depths.length > 0 ? Math.min(...depths) : null;
}

/**
 * The level to write a week's heading at: ## (### under a part), or higher when its notes
 * hold headings at that level, which would otherwise read back as new units.
 */
function weekDepth(week: SyllabusWeek, hasParts: boolean): number {
  const depth = week.part !== null ? 3 : 2;
  if (hasParts) return depth;
  const notes = shallowestHeading(week.notes);
  return notes !== null && notes <= depth ? Math.max(1, notes - 1) : depth;
}

/** A page that had no weeks: its one unnumbered unit holds the whole page as notes. */
function isNotesOnly(curriculum: SyllabusCurriculum): boolean {
  const [week, ...rest] = curriculum.weeks;
  return (
    rest.length === 0 &&
    week !== undefined &&
    week.number === null &&
    week.sections.length === 0 &&
    week.goals.length === 0 &&
    week.part === null &&
    curriculum.notes === null
  );
}

function render(curriculum: SyllabusCurriculum, styles: Style[]): string {
  const blocks: string[] = [];
  if (curriculum.description) blocks.push(`---\n${stringifyYaml({ title: curriculum.description }).trimEnd()}\n---`);
  blocks.push(md(heading(1, curriculum.title)));

  if (isNotesOnly(curriculum)) {
    const notes = curriculum.weeks[0]!.notes;
    if (notes) blocks.push(notes);
    return `${blocks.join('\n\n')}\n`;
  }

  if (curriculum.notes) blocks.push(curriculum.notes);
  if (curriculum.weeks.length > 0) {
    blocks.push(md(heading(2, 'Table of Contents')));
    const entries = curriculum.weeks.map((week) => {
      const label = weekHeadingText(week);
      return paragraph({ type: 'link', url: `#${headingAnchor(label)}`, title: null, children: [text(label)] });
    });
    blocks.push(md(orderedList(entries)));
  }

  let part: string | null = null;
  const hasParts = curriculum.weeks.some((week) => week.part !== null);
  curriculum.weeks.forEach((week, index) => {
    if (week.part !== part) {
      part = week.part;
      if (part !== null) {
        blocks.push(md(heading(2, part)));
        if (week.partNotes) blocks.push(week.partNotes);
      }
    }
    blocks.push(...weekBlocks(week, styles[index] ?? 'paragraph', weekDepth(week, hasParts)));
  });
  if (curriculum.closing) blocks.push(...closingBlocks(curriculum.closing, 2));
  return `${blocks.join('\n\n')}\n`;
}

/** Deep equality of plain data (key order aside), for comparing a week with its re-read. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * The curriculum as the exporter writes it: estimates and week labels filled in as text
 * ("20 min", "Week 2 and 3") where none was kept or the kept one no longer fits. Reading the
 * export back gives exactly this.
 */
export function canonicalSyllabus(curriculum: SyllabusCurriculum): SyllabusCurriculum {
  return {
    ...curriculum,
    weeks: curriculum.weeks.map((week) => ({
      ...week,
      label: week.number === null ? null : weekLabel({ number: week.number, span: week.span, label: week.label }),
      sections: week.sections.map((section) => ({
        ...section,
        statedText: section.statedMinutes === null ? null : durationText(section.statedMinutes, section.statedText),
        items: section.items.map((item) => ({
          ...item,
          minutesText: item.minutes === null ? null : durationText(item.minutes, item.minutesText),
        })),
      })),
    })),
  };
}

function reread(markdown: string): SyllabusWeek[] | null {
  try {
    return parseSyllabusMarkdown(markdown).curriculum.weeks;
  } catch {
    return null;
  }
}

/**
 * Markdown for a curriculum, in the style of the syllabi it reads. Weeks that would not read
 * back the same in the paragraph style, but would with headings, are written with headings.
 */
export function exportSyllabusMarkdown(curriculum: SyllabusCurriculum): string {
  const expected = canonicalSyllabus(curriculum).weeks;
  const styles: Style[] = curriculum.weeks.map(() => 'paragraph');
  const first = render(curriculum, styles);
  const paragraphWeeks = reread(first);
  if (!paragraphWeeks) return first;
  const differs = expected.map((week, index) => !sameData(week, paragraphWeeks[index]));
  if (!differs.some(Boolean)) return first;

  const withHeadings: Style[] = differs.map((different) => (different ? 'heading' : 'paragraph'));
  const headingWeeks = reread(render(curriculum, withHeadings));
  if (!headingWeeks) return first;
  // Keep the house style where headings do not help either (e.g. an item kind set by hand).
  expected.forEach((week, index) => {
    if (withHeadings[index] === 'heading' && !sameData(week, headingWeeks[index])) withHeadings[index] = 'paragraph';
  });
  return render(curriculum, withHeadings);
}
