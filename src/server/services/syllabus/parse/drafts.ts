// The parser's working state: a week, a section, a group and a part as they are being read,
// before assembly turns them into the plain SyllabusWeek / SyllabusSection shapes.
import type { SectionKind } from '@/generated/prisma/enums';
import type { SectionHeading } from '@/lib/syllabus/syllabus-text';
import type { SyllabusGoal, SyllabusItem } from '@/lib/syllabus/types';

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
  line: number;
  depth: number;
};

export type PartDraft = { title: string; depth: number; line: number; notes: string[]; weeks: number };

export type TocEntry = { line: number; text: string; number: number | null; title: string };

export type Mode = 'none' | 'section' | 'goals' | 'prose' | 'notes';
