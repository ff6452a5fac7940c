// The plain shape of a syllabus, shared by the markdown importer, the exporter and the
// database writer. No ids and no database: a parsed file and a stored curriculum both fit it,
// so "import → export → import" can be compared with a deep equality.
import type { GoalCategory, ItemKind, PromptKind, SectionKind } from '@/generated/prisma/enums';

export type SyllabusItem = {
  kind: ItemKind;
  title: string;
  /** Only http(s) and mailto URLs; anything else stays in the title or note as text. */
  url: string | null;
  minutes: number | null;
  /** The estimate as written ("1hr 30 min", "30+ mins"), so the export can write it back. */
  minutesText: string | null;
  optional: boolean;
  /** Qualifiers such as "(if unfamiliar) Chapters 1 and 2" or "(Appendix A pg 13-14)". */
  note: string | null;
};

export type SyllabusSection = {
  title: string;
  kind: SectionKind;
  statedMinutes: number | null;
  /** The stated total as written ("< 200 mins"). */
  statedText: string | null;
  /** The wrapper heading this section sits under, as written ("Core Content: (125 min)"). */
  group: string | null;
  items: SyllabusItem[];
};

export type SyllabusGoal = { category: GoalCategory; text: string };

/** A question for the week's discussion, or a reflection task; markdown, on one line. */
export type SyllabusPrompt = { kind: PromptKind; text: string };

export type SyllabusWeek = {
  /** Position in the syllabus, from 1. */
  index: number;
  /** "Week 3" → 3; null for an unnumbered unit. */
  number: number | null;
  span: number;
  /** The label as written ("Week 2 and 3"); null for unnumbered units. */
  label: string | null;
  title: string;
  part: string | null;
  partNotes: string | null;
  /** Markdown the importer did not model, verbatim and in order, blocks joined by a blank line. */
  notes: string | null;
  sections: SyllabusSection[];
  goals: SyllabusGoal[];
  /** The line that introduces the prompts, as written ("Before next meeting, answer these questions:"). */
  promptsTitle: string | null;
  prompts: SyllabusPrompt[];
};

/**
 * A section after the last week that is not a week ("Final Reflection", "Wrap-up",
 * "Capstone"): the cohort's closing prompts and a note. It takes no week of the calendar.
 */
export type SyllabusClosing = { title: string; notes: string | null; promptsTitle: string | null; prompts: SyllabusPrompt[] };

export type SyllabusCurriculum = {
  slug: string;
  title: string;
  description: string | null;
  notes: string | null;
  weeks: SyllabusWeek[];
  closing: SyllabusClosing | null;
};

export type SyllabusWarning = { line: number; message: string };

/** What became of a run of source lines. */
export type CoverageSpan = {
  from: number;
  to: number;
  as: 'structured' | 'kept' | 'ignored';
  /** What the lines became (e.g. "item", "week notes") or why they were ignored. */
  reason: string;
};

export type SyllabusCoverage = {
  totalLines: number;
  blankLines: number;
  structuredLines: number;
  /** Lines kept verbatim as notes. */
  keptLines: number;
  /** Lines deliberately not imported (front matter keys, the table of contents), with a reason. */
  ignoredLines: number;
  spans: CoverageSpan[];
};

export type ParsedSyllabus = {
  curriculum: SyllabusCurriculum;
  warnings: SyllabusWarning[];
  coverage: SyllabusCoverage;
};
