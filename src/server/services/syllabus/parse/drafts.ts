// The parser's working state: a week, a section, a group and a part as they are being read,
// before assembly turns them into the plain SyllabusWeek / SyllabusSection shapes.
import type { SectionKind } from '@/generated/prisma/enums';
import type { SectionHeading } from '@/lib/syllabus/syllabus-text';
import type { SyllabusGoal, SyllabusItem, SyllabusPrompt } from '@/lib/syllabus/types';

export type SectionDraft = {
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

export type GroupDraft = { heading: SectionHeading; kind: SectionKind; depth: number | null; line: number };

export type WeekDraft = {
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
  promptsTitle: string | null;
  /** The line of the prompts' title, to keep it as notes when no prompt follows. */
  promptsTitleLine: number | null;
  prompts: SyllabusPrompt[];
  /** Started by a closing heading ("Final Reflection"): the closing section if it ends up last. */
  closing: boolean;
  /** Started by a bold line or a list item ("**Week 1:** Ch 1, Ch 2"), not a heading. */
  fromLine: boolean;
  line: number;
  depth: number;
};

/** An item of an assignments list outside the weeks, waiting for its week. */
export type AssignmentDraft = { item: SyllabusItem; week: number | null; line: number; weeksBefore: number };

export type PartDraft = { title: string; depth: number; line: number; notes: string[]; weeks: number };

export type TocEntry = { line: number; text: string; number: number | null; title: string };

export type Mode = 'none' | 'section' | 'goals' | 'prose' | 'prompts' | 'notes';
