// What a syllabus page shows, read in one query: a template's syllabus for /syllabus/<slug>,
// or a cohort's own copy with its calendar for /cohorts/<slug>/syllabus. The result is plain
// JSON (notes already rendered to sanitised HTML, dates as "YYYY-MM-DD") so that the page
// cache can keep it as it is: see syllabus-cache.ts.
import type { GoalCategory, ItemKind, PromptKind, SectionKind } from '@/generated/prisma/enums';
import type { CohortStatus, SyllabusVisibility } from '@/generated/prisma/enums';
import { renderMarkdown } from '@/lib/render-markdown';
import type { CohortSyllabusInput, CurriculumSlugInput } from '@/lib/schemas/curricula';
import type { Db, ServiceContext } from '@/server/services/context';
import { cohortSummarySelect } from '@/server/services/cohorts/cohort-selects';
import { byPosition, goalFields, itemFields, promptFields, sectionFields, weekFields } from './curriculum-tree-select';

export type SyllabusPageItem = {
  id: string;
  kind: ItemKind;
  title: string;
  url: string | null;
  minutes: number | null;
  minutesText: string | null;
  optional: boolean;
  note: string | null;
};

export type SyllabusPageSection = {
  id: string;
  title: string;
  kind: SectionKind;
  statedMinutes: number | null;
  statedText: string | null;
  group: string | null;
  items: SyllabusPageItem[];
};

export type SyllabusPageGoal = { id: string; category: GoalCategory; text: string };

export type SyllabusPagePrompt = { id: string; kind: PromptKind; /** Sanitised HTML. */ html: string };

export type SyllabusPageWeek = {
  id: string;
  position: number;
  number: number | null;
  span: number;
  label: string | null;
  title: string;
  part: string | null;
  /** Sanitised HTML of the part's introduction ('' when none), on the first unit of a part. */
  partNotesHtml: string;
  /** Sanitised HTML of the week's notes, '' when none. */
  notesHtml: string;
  goals: SyllabusPageGoal[];
  promptsTitle: string | null;
  prompts: SyllabusPagePrompt[];
  sections: SyllabusPageSection[];
};

export type SyllabusPageCurriculum = {
  id: string;
  slug: string;
  title: string;
  description: string | null;
  /** Whether this is a template (served at /syllabus/<slug>) rather than a cohort's copy. */
  isTemplate: boolean;
  /** Sanitised HTML of the introduction before the first week, '' when none. */
  notesHtml: string;
  /** The heading level of a week: 3 under part headings, else 2. */
  weekHeadingLevel: 2 | 3;
  weeks: SyllabusPageWeek[];
  /** The section after the last week ("Final Reflection"), which is no week; null when none. */
  closing: { title: string; notesHtml: string; promptsTitle: string | null; prompts: SyllabusPagePrompt[] } | null;
};

export type CohortSyllabusPage = {
  cohort: {
    id: string;
    slug: string;
    name: string;
    term: string | null;
    status: CohortStatus;
    /** "YYYY-MM-DD", a calendar date in the cohort's time zone. */
    startDate: string;
    timeZone: string;
    skippedWeeks: number[];
    visibility: SyllabusVisibility;
  };
  curriculum: SyllabusPageCurriculum;
};

const curriculumSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  notes: true,
  sourceId: true,
  closingTitle: true,
  closingNotes: true,
  closingPromptsTitle: true,
  prompts: { where: { weekId: null }, ...byPosition, select: { id: true, ...promptFields } },
  weeks: {
    ...byPosition,
    select: {
      id: true,
      position: true,
      ...weekFields,
      label: true,
      part: true,
      partNotes: true,
      notes: true,
      goals: { ...byPosition, select: { id: true, ...goalFields } },
      promptsTitle: true,
      prompts: { ...byPosition, select: { id: true, ...promptFields } },
      sections: {
        ...byPosition,
        select: {
          id: true,
          ...sectionFields,
          statedMinutes: true,
          statedText: true,
          group: true,
          items: { ...byPosition, select: { id: true, ...itemFields, minutesText: true, note: true } },
        },
      },
    },
  },
} as const;

type CurriculumRow = NonNullable<Awaited<ReturnType<typeof findCurriculum>>>;

function findCurriculum(db: Db, slug: string) {
  return db.curriculum.findFirst({ where: { slug, sourceId: null }, select: curriculumSelect });
}

/** Rows → the page's shape, with every markdown field rendered through the sanitiser once. */
function toSyllabusPageCurriculum(row: CurriculumRow): SyllabusPageCurriculum {
  const weekHeadingLevel = row.weeks.some((week) => week.part !== null) ? 3 : 2;
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    isTemplate: row.sourceId === null,
    notesHtml: renderMarkdown(row.notes, { headingLevel: 2, idPrefix: 'introduction' }),
    weekHeadingLevel,
    weeks: row.weeks.map(({ partNotes, notes, prompts, ...week }) => ({
      ...week,
      // Part notes sit under the part's heading (h2); week notes under the week's "Notes".
      partNotesHtml: renderMarkdown(partNotes, { headingLevel: 3, idPrefix: `part-${week.position}` }),
      notesHtml: renderMarkdown(notes, { headingLevel: weekHeadingLevel + 2, idPrefix: `week-${week.position}-notes` }),
      prompts: prompts.map(toPagePrompt),
    })),
    closing:
      row.closingTitle === null
        ? null
        : {
            title: row.closingTitle,
            notesHtml: renderMarkdown(row.closingNotes, { headingLevel: 3, idPrefix: 'closing' }),
            promptsTitle: row.closingPromptsTitle,
            prompts: row.prompts.map(toPagePrompt),
          },
  };
}

function toPagePrompt(prompt: { id: string; kind: PromptKind; text: string }): SyllabusPagePrompt {
  return { id: prompt.id, kind: prompt.kind, html: renderMarkdown(prompt.text) };
}

/** A template's syllabus, or null: cohorts' copies are not served at /syllabus/<slug>. */
export async function loadTemplateSyllabusPage(ctx: ServiceContext, input: CurriculumSlugInput): Promise<SyllabusPageCurriculum | null> {
  const row = await findCurriculum(ctx.db, input.slug);
  return row ? toSyllabusPageCurriculum(row) : null;
}

/**
 * A cohort's syllabus with what its calendar needs, or null. Says nothing about who may read
 * it: the page checks `cohort.visibility` against the viewer.
 */
export async function loadCohortSyllabusPage(ctx: ServiceContext, input: CohortSyllabusInput): Promise<CohortSyllabusPage | null> {
  const cohort = await ctx.db.cohort.findUnique({
    where: { slug: input.cohort },
    select: {
      id: true,
      ...cohortSummarySelect,
      skippedWeeks: true,
      syllabusVisibility: true,
      curriculum: { select: curriculumSelect },
    },
  });
  if (!cohort) return null;
  const { curriculum, syllabusVisibility, startDate, ...rest } = cohort;
  return {
    cohort: { ...rest, startDate: startDate.toISOString().slice(0, 10), visibility: syllabusVisibility },
    curriculum: toSyllabusPageCurriculum(curriculum),
  };
}
