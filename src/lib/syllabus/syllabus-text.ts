// Text rules shared by the syllabus importer and exporter: what a week heading, a section
// heading, a learning-goals heading or a URL looks like. Both sides use the same rules, so
// what the exporter writes is what the importer reads back.
import type { GoalCategory, ItemKind, PromptKind, SectionKind } from '@/generated/prisma/enums';
import { parseDuration } from './durations';

/** Collapses runs of white space (line breaks included) to one space and trims. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const isSpace = (char: string) => char.trim() === '';

/**
 * The text without the characters `strip` at its end (whitespace with `spaces`). A loop, not
 * `/[…]+$/`: that regex tries every start position and is quadratic on a long run of them that
 * does not reach the end (100,000 dashes then a letter).
 */
export function trimEndOf(text: string, strip: string, spaces = true): string {
  let end = text.length;
  while (end > 0 && (strip.includes(text[end - 1]!) || (spaces && isSpace(text[end - 1]!)))) end--;
  return text.slice(0, end);
}

/** The text without the characters `strip` (and whitespace) at its start. */
export function trimStartOf(text: string, strip: string, spaces = true): string {
  let start = 0;
  while (start < text.length && (strip.includes(text[start]!) || (spaces && isSpace(text[start]!)))) start++;
  return text.slice(start);
}

// --- URLs ----------------------------------------------------------------------------------

/**
 * The URL as written when it may become an item's link: absolute http(s) with a host, or
 * mailto. Anything else (javascript:, data:, relative paths, anchors) returns null and the
 * importer keeps the link's markdown as text.
 */
export function importableUrl(value: string): string | null {
  const url = value.trim();
  if (url === '' || /[\s\u0000-\u001f\u007f]/.test(url) || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '') return url;
  if (parsed.protocol === 'mailto:' && parsed.pathname.length > 0) return url;
  return null;
}

// --- Week, part and other headings ---------------------------------------------------------

export type WeekHeading = { number: number; span: number; label: string; title: string };

const WEEK_START = /^(weeks?)\s+(\d{1,3})/i;
const WEEK_SECOND = /^\s*(?:-|–|—|&|and|to|\/|,)\s*(\d{1,3})(?=\s*(?:$|[:.\-–—|]))/i;

/** "Week 1: Title", "Week 2:Title", "Week 2 and 3 - Title", "Weeks 4–5", "Week 6" → parts. */
export function parseWeekHeading(text: string): WeekHeading | null {
  const value = collapse(text);
  const start = WEEK_START.exec(value);
  if (!start) return null;
  let rest = value.slice(start[0].length);
  if (rest !== '' && !/^[\s:.\-–—|,&/]/.test(rest)) return null; // "Week 10x", "Weekly"
  const number = Number(start[2]);
  let span = 1;
  let label = start[0];
  const second = WEEK_SECOND.exec(rest);
  if (second) {
    const last = Number(second[1]);
    if (last > number && last - number < 20) {
      span = last - number + 1;
      label += second[0];
      rest = rest.slice(second[0].length);
    }
  }
  const title = rest.replace(/^\s*[:.\-–—|]?\s*/, '').trim();
  return { number, span, label: collapse(label), title };
}

/** The label the exporter writes when none was kept or the kept one no longer fits. */
export function weekLabel(week: { number: number; span: number; label: string | null }): string {
  if (week.label) {
    const parsed = parseWeekHeading(week.label);
    if (parsed && parsed.number === week.number && parsed.span === week.span && parsed.title === '') return week.label;
  }
  if (week.span <= 1) return `Week ${week.number}`;
  if (week.span === 2) return `Week ${week.number} and ${week.number + 1}`;
  return `Weeks ${week.number}-${week.number + week.span - 1}`;
}

export function isPartHeading(text: string): boolean {
  return /^part\s+(?:\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten)\b/i.test(collapse(text));
}

export function isTocHeading(text: string): boolean {
  return /^(?:table\s+of\s+contents|contents|toc)[:.]?$/i.test(collapse(text));
}

export function isNotesHeading(text: string): boolean {
  return /^notes?:?$/i.test(collapse(text));
}

// --- Prompts, closing sections and assignment lists -----------------------------------------

const PROMPTS_HEADING =
  /^(?:(?:discussion|reflection|reflective|journal|guiding|weekly|meeting)\s+)?(?:questions?|prompts?)(?:\s+(?:to\s+(?:consider|discuss|think\s+about)|for\s+(?:discussion|reflection|(?:the\s+)?(?:next\s+)?meeting)))?$/i;
const PROMPTS_INTRO = /\b(?:questions?|prompts?|reflect\w*|discuss\w*|answers?|think\s+about)\b/i;

/** The titles the exporter writes over prompts that had none, by kind; read back as none. */
export const DEFAULT_PROMPTS_TITLES = { DISCUSSION: 'Discussion prompts', REFLECTION: 'Reflection prompts' } as const;

export function isDefaultPromptsTitle(text: string): boolean {
  const value = trimEndOf(collapse(text), ':：').toLowerCase();
  return Object.values(DEFAULT_PROMPTS_TITLES).some((title) => title.toLowerCase() === value);
}

/** "Discussion questions", "Reflection prompts", "Questions to consider": a heading over prompts. */
export function isPromptsHeading(text: string): boolean {
  return PROMPTS_HEADING.test(trimEndOf(collapse(text), ':：'));
}

/**
 * A line that introduces a list of prompts: a prompts heading with a colon, or a sentence that
 * ends with a colon and speaks of questions ("Before next meeting, think (or write down) your
 * answers to these questions:").
 */
export function isPromptsIntro(text: string): boolean {
  const value = collapse(text);
  if (!/[:：]$/.test(value) || value.length > 300) return false;
  return isPromptsHeading(value) || PROMPTS_INTRO.test(value);
}

/** A prompt's kind from the words that introduce it. */
export function promptKindOf(intro: string): PromptKind {
  return /\b(?:reflect\w*|journal\w*)\b/i.test(intro) ? 'REFLECTION' : 'DISCUSSION';
}

/** A heading that is itself a question ("### Why might a model deceive its overseers?"). */
export function isQuestion(text: string): boolean {
  return /\?\s*$/.test(collapse(text));
}

/** "Final Reflection", "Wrap-up", "Capstone": a section after the last week that is no week. */
export function isClosingHeading(text: string): boolean {
  return /^(?:(?:final|closing|course)\s+)?(?:reflections?|wrap[-\s]?up|capstone|conclusions?|closing(?:\s+thoughts)?)[:.!]?$/i.test(collapse(text));
}

/** "Assignments", "Exercises", "Homework": a list of assignments outside the weeks. */
export function isAssignmentsHeading(text: string): boolean {
  return /^(?:(?:coding|programming|practical|weekly)\s+)?(?:assignments?|exercises?|homework|problem\s+sets?)(?:\s+and\s+(?:projects?|notebooks?|exercises?))?[:.]?$/i.test(
    collapse(text),
  );
}

/** The section assignments listed outside the weeks go to, in the week that names them. */
export const ASSIGNMENTS_SECTION = 'Exercises';

/** "Week 1:", "Week 2 and 3 –", "Weeks 4-5": a week label that opens a line, and its length. */
export function weekLabelAtStart(text: string): string | null {
  const match = /^\s*(weeks?\s+\d{1,3}(?:\s*(?:-|–|—|&|and|to)\s*\d{1,3})?)(?=\s*(?:[:.\-–—|]|$))/i.exec(text);
  return match ? match[1]! : null;
}

/** The week an assignment names ("Week 3", "(due week 3)"), or null. */
export function namedWeek(text: string): number | null {
  const match = /\bweek\s+(\d{1,3})\b/i.exec(text);
  return match ? Number(match[1]) : null;
}

// --- Section headings ----------------------------------------------------------------------

export type SectionHeading = {
  /** The heading as written, in plain text ("Core readings: (< 200 min):"). */
  raw: string;
  title: string;
  statedMinutes: number | null;
  statedText: string | null;
};

/** "Core Readings: (70 mins)", "Theoretical Readings (75 min):", "Notebook:" → parts. */
export function parseSectionHeading(text: string): SectionHeading {
  const raw = collapse(text);
  let rest = trimEndOf(raw, ':：');
  let statedMinutes: number | null = null;
  let statedText: string | null = null;
  const groups = [...rest.matchAll(/\(([^()]*)\)/g)].filter((match) => parseDuration(match[1]!));
  const last = groups.at(-1);
  if (last && last.index !== undefined) {
    statedText = collapse(last[1]!);
    statedMinutes = parseDuration(statedText)!.minutes;
    rest = rest.slice(0, last.index) + rest.slice(last.index + last[0].length);
  }
  const title = trimEndOf(collapse(rest), ':：-–—');
  return { raw, title, statedMinutes, statedText };
}

const GOALS_RE = /^(?:weekly\s+)?(?:learning\s+)?(?:goals?|objectives?|outcomes?)$/i;
const SUBGROUP_RE = /^(theoretical|theory|conceptual|practical|technical)$/i;
const SECTION_WORDS =
  /\b(?:readings?|content|core|practical|practice|theoretical|theory|conceptual|technical|notebooks?|exercises?|optional|additional|further|supplementa\w*|extra|bonus|videos?|resources|materials|homework|assignments?|activities|projects?|labs?|podcasts?|papers?|articles?|coding|required|watch(?:ing)?|listen(?:ing)?)\b/i;

export function isGoalsTitle(title: string): boolean {
  return GOALS_RE.test(title);
}

/** "Theoretical" / "Practical" (and kin) → the goal category of such a sub-group. */
export function subgroupCategory(title: string): Exclude<GoalCategory, 'GENERAL'> | null {
  const match = SUBGROUP_RE.exec(title);
  if (!match) return null;
  return /^(?:practical|technical)$/i.test(match[1]!) ? 'PRACTICAL' : 'THEORETICAL';
}

export function hasSectionWords(title: string): boolean {
  return SECTION_WORDS.test(title);
}

/**
 * Whether a line of a paragraph (not a heading) introduces a section, learning goals or a
 * sub-group: short, no link, and named like one ("Core Readings:", "Practical (< 150 mins)").
 */
export function isParagraphHeader(heading: SectionHeading): boolean {
  const { title, raw } = heading;
  if (title === '' || title.length > 80 || /[.!?]$/.test(title)) return false;
  const words = title.split(' ').length;
  if (words > 8) return false;
  if (isGoalsTitle(title) || subgroupCategory(title)) return true;
  if (!hasSectionWords(title)) return false;
  return /[:：]$/.test(raw) || heading.statedMinutes !== null || words <= 4;
}

/** A section's kind from its title: optional first, then practical, then core. */
export function classifySection(title: string, groupKind: SectionKind | null = null): SectionKind {
  if (groupKind === 'OPTIONAL') return 'OPTIONAL';
  if (/\b(?:optional|additional|further|extra|bonus|supplementa\w*)\b/i.test(title)) return 'OPTIONAL';
  if (/\b(?:practical|practice|notebooks?|exercises?|technical|coding|implementation|hands-on|labs?|projects?)\b/i.test(title)) {
    return 'PRACTICAL';
  }
  if (/\b(?:core|required|theoretical|theory|conceptual|readings?|content|main|essential)\b/i.test(title)) return 'CORE';
  return 'OTHER';
}

const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtu\.be|vimeo\.com|3blue1brown\.com)$/i;

/** An item's kind from its link, its title and the title of its section. */
export function classifyItem(item: { url: string | null; title: string }, sectionTitle: string): ItemKind {
  // The section that assignments listed outside the weeks are gathered in: all exercises.
  if (sectionTitle === ASSIGNMENTS_SECTION) return 'EXERCISE';
  const url = item.url && URL.canParse(item.url) ? new URL(item.url) : null;
  if (url) {
    if (/\.ipynb$/i.test(url.pathname) || url.hostname === 'colab.research.google.com') return 'NOTEBOOK';
    if (VIDEO_HOSTS.test(url.hostname)) return 'VIDEO';
  }
  if (/\b(?:notebook|colab)\b/i.test(item.title)) return 'NOTEBOOK';
  if (/\b(?:exercises?|implement\w*|coding|project)\b/i.test(item.title)) return 'EXERCISE';
  if (/\b(?:video|lecture|talk|movie|podcast)\b/i.test(item.title)) return 'VIDEO';
  if (/\bnotebooks?\b/i.test(sectionTitle)) return 'NOTEBOOK';
  if (/\b(?:exercises?|projects?|coding)\b/i.test(sectionTitle)) return 'EXERCISE';
  if (url && url.hostname === 'github.com') return 'EXERCISE';
  return 'READING';
}

/** GitHub's heading anchor: "Week 1: A + B" → "week-1-a--b". */
export function headingAnchor(text: string): string {
  return collapse(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** "AI Safety @ UCLA: RL Track" → "ai-safety-ucla-rl-track". */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 80) return slug;
  const cut = slug.slice(0, 80);
  return cut.slice(0, cut.lastIndexOf('-') > 40 ? cut.lastIndexOf('-') : 80).replace(/-+$/, '');
}
